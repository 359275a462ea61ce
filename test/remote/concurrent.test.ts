import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { cloneRepo, runsOn, startGitServer, storeCredentials, type GitServerHandle } from '../helpers/gitServer.js';

let sealed: Sealed;
let server: GitServerHandle;
afterEach(async () => {
  await server?.stop();
  await sealed?.cleanup();
});

const CLIENTS = 8;
const RUNS = 5;

describe('teammates never lose a run', () => {
  it(`${CLIENTS} clients x ${RUNS} runs pushing at once against the real server: all ${CLIENTS * RUNS} runs on the remote branch exactly once, fsck clean`, async () => {
    sealed = await sealedEnv();
    server = await startGitServer(sealed, { users: { team: 'pw' } });
    const url = server.createRepo('shared');
    await storeCredentials(sealed, url, 'team', 'pw');
    const first = await tempRepo({ 'train.sh': 'echo "client $1 run $2" > result.txt\n' }, { sealed, name: 'seed' });
    first.git(['remote', 'add', 'origin', url]);
    first.git(['push', '-q', 'origin', 'master']);
    const branch = `AzureMLHistory/${first.git(['rev-list', '--max-parents=0', 'HEAD']).trim().slice(0, 12)}`;
    const clients: TempRepo[] = [];
    for (let c = 0; c < CLIENTS; c++) clients.push(await cloneRepo(sealed, url, `client${c}`));

    // Every client records and pushes its runs one after another; all clients at the same time.
    const results = await Promise.all(clients.map(async (client, c) => {
      const out = [];
      for (let n = 0; n < RUNS; n++) {
        await client.write('data.txt', `client ${c} data ${n}\n`);
        out.push(await client.aml(['run', 'train.sh', String(c), String(n)]));
      }
      return out;
    }));
    for (const r of results.flat()) expect(r.code, r.stderr).toBe(0);

    // A run that did not warn is on the server already. Pushes are retried a bounded number of times, so
    // under heavy load a run may be left queued (with its warning); the next push delivers it, as a user's
    // next run or `git aml push` would.
    const bare = path.join(server.root, 'shared.git');
    const serverGit = { git: (a: string[]) => execFileSync('git', a, { cwd: bare, env: sealed.env, encoding: 'utf8' }) };
    const delivered = new Set(runsOn(serverGit, branch).map((r) => r.id));
    for (const r of results.flat()) {
      const id = /run \d+ \((\S+)\):/.exec(r.stderr)![1];
      if (!/warning: run not pushed/.test(r.stderr)) expect(delivered.has(id), id).toBe(true);
    }
    for (const [c, client] of clients.entries()) {
      const mine = (JSON.parse((await client.aml(['history', 'list', '--json'])).stdout) as { id: string; pushed: boolean }[])
        .filter((r) => r.id.startsWith(`client${c}_`));
      expect(mine).toHaveLength(RUNS);
      for (const r of mine) if (r.pushed) expect(delivered.has(r.id)).toBe(true);
    }
    for (const client of clients) {
      const p = await client.aml(['push']);
      expect(p.code, p.stderr).toBe(0);
    }

    const onServer = runsOn(serverGit, branch);
    expect(onServer).toHaveLength(CLIENTS * RUNS);
    expect(new Set(onServer.map((r) => r.id)).size).toBe(CLIENTS * RUNS);
    expect(onServer.map((r) => r.number)).toEqual(Array.from({ length: CLIENTS * RUNS }, (_, i) => i + 1));
    // Each run kept its own snapshot: client c's run n has data.txt "client c data n".
    const trees = execFileSync('git', ['log', '--first-parent', '--format=%T', branch], { cwd: bare, env: sealed.env, encoding: 'utf8' }).trim().split('\n');
    const data = new Set(trees.filter((t) => t.length).map((t) => {
      try {
        return execFileSync('git', ['cat-file', 'blob', `${t}:data.txt`], { cwd: bare, env: sealed.env, encoding: 'utf8', stdio: 'pipe' });
      } catch {
        return 'root';
      }
    }));
    for (let c = 0; c < CLIENTS; c++) for (let n = 0; n < RUNS; n++) expect(data.has(`client ${c} data ${n}\n`)).toBe(true);
    execFileSync('git', ['fsck', '--strict', '--no-dangling'], { cwd: bare, env: sealed.env, stdio: 'pipe' });

    // Every client, after a fetch, sees the same 40 runs, all pushed.
    const f = await clients[0].aml(['fetch']);
    expect(f.code).toBe(0);
    const listed = JSON.parse((await clients[0].aml(['history', 'list', '--json'])).stdout) as { id: string; pushed: boolean }[];
    expect(listed.map((r) => r.id).reverse()).toEqual(onServer.map((r) => r.id));
    expect(listed.every((r) => r.pushed)).toBe(true);
  }, 180_000); // ~20 s on an idle 2-core machine; the margin is for a machine shared with other work
});
