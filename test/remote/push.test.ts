import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { cloneRepo, runsOn, startGitServer, storeCredentials, type GitServerHandle } from '../helpers/gitServer.js';

let sealed: Sealed;
let server: GitServerHandle;
afterEach(async () => {
  await server?.stop();
  await sealed?.cleanup();
});

const TRAIN = 'echo "training $1"\necho "{\\"name\\": \\"loss\\", \\"value\\": $1}" >> "$AML_METRICS_FILE"\n';

/** Alice's project on the server (Basic auth through git's `store` credential helper) and Bob's clone. */
async function team(): Promise<{ alice: TempRepo; bob: TempRepo; branch: string }> {
  sealed = await sealedEnv();
  server = await startGitServer(sealed, { users: { alice: 'a-secret', bob: 'b-secret' } });
  const url = server.createRepo('iris');
  await storeCredentials(sealed, url, 'alice', 'a-secret');
  const alice = await tempRepo({ 'train.sh': TRAIN, 'data.csv': '1,2\n' }, { sealed, name: 'alice' });
  alice.git(['remote', 'add', 'origin', url]);
  alice.git(['push', '-q', 'origin', 'master']);
  const bob = await cloneRepo(sealed, url, 'bob');
  const root = alice.git(['rev-list', '--max-parents=0', 'HEAD']).trim().slice(0, 12);
  return { alice, bob, branch: `AzureMLHistory/${root}` };
}

const list = async (r: TempRepo) => JSON.parse((await r.aml(['history', 'list', '--json'])).stdout) as { id: string; number: number; pushed: boolean; tree: string; artifacts: { commit: string } }[];

describe('runs reach the remote', () => {
  it('git aml run pushes the run and its artifacts; a teammate fetches it; HEAD, index and other refs stay', async () => {
    const { alice, bob, branch } = await team();
    const before = await repoState(alice);
    const r = await alice.aml(['run', 'train.sh', '0.5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`pushed run \\d+ to origin \\(${branch}\\)`));
    const after = await repoState(alice);
    expect(after.head).toBe(before.head);
    expect(after.index).toBe(before.index);
    // Only the history branch and its remote-tracking copy moved (repoState leaves those two out).
    expect(after.refs).toBe(before.refs);
    const remoteTip = alice.git(['ls-remote', 'origin', `refs/heads/${branch}`]).split('\t')[0];
    expect(alice.git(['rev-parse', `refs/heads/${branch}`]).trim()).toBe(remoteTip);
    const [run] = await list(alice);
    expect(run.pushed).toBe(true);

    const f = await bob.aml(['fetch', '--json']);
    expect(f.code).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ remote: 'origin', branch, tip: remoteTip, received: 1, unpushed: 0 });
    const [seen] = await list(bob);
    expect(seen).toMatchObject({ id: run.id, number: 1, pushed: true, tree: run.tree });
    // The artifacts travelled with the branch: Bob can read Alice's log.
    expect(bob.git(['cat-file', '-p', `${seen.artifacts.commit}:log.txt`])).toContain('training 0.5');
    const show = await bob.aml(['history', 'show', '1', '--log']);
    expect(show.stdout).toContain('training 0.5');
  });

  it('history list shows teammates\' runs after a plain git fetch too, and a new run is numbered after them', async () => {
    const { alice, bob } = await team();
    expect((await alice.aml(['run', 'train.sh', '1'])).code).toBe(0);
    expect((await alice.aml(['run', 'train.sh', '2'])).code).toBe(0);
    bob.git(['fetch', '-q', 'origin']);
    const runs = await list(bob);
    expect(runs.map((r) => [r.number, r.pushed])).toEqual([[2, true], [1, true]]);
    // Bob's next run is numbered after what his fetch saw, so its push is a plain fast-forward.
    const r = await bob.aml(['run', 'train.sh', '3']);
    expect(r.stderr).toContain('run 3 (');
    expect(r.stderr).not.toContain('is now run');
    expect((await list(bob)).map((x) => [x.number, x.pushed])).toEqual([[3, true], [2, true], [1, true]]);
  });

  it('re-appends unpushed runs after a teammate\'s: same trees, artifacts and ids, renumbered, nothing lost', async () => {
    const { alice, bob, branch } = await team();
    expect((await alice.aml(['run', '--no-push', 'train.sh', '1'])).code).toBe(0);
    await bob.write('data.csv', 'bob,changed\n');
    expect((await bob.aml(['run', '--no-push', 'train.sh', '2'])).code).toBe(0);
    expect((await bob.aml(['run', '--no-push', 'train.sh', '3'])).code).toBe(0);
    const bobBefore = await list(bob);
    expect(bobBefore.map((r) => r.pushed)).toEqual([false, false]);

    expect((await alice.aml(['push'])).code).toBe(0);
    const p = await bob.aml(['push', '--json']);
    expect(p.code).toBe(0);
    const pushed = JSON.parse(p.stdout);
    expect(pushed).toMatchObject({ received: 1, delivered: [{ id: bobBefore[1].id, number: 2 }, { id: bobBefore[0].id, number: 3 }] });
    expect(pushed.renumbered).toEqual([{ id: bobBefore[1].id, from: 1, to: 2 }, { id: bobBefore[0].id, from: 2, to: 3 }]);

    const after = await list(bob);
    expect(after.map((r) => [r.number, r.pushed])).toEqual([[3, true], [2, true], [1, true]]);
    for (const old of bobBefore) {
      const moved = after.find((r) => r.id === old.id)!;
      expect(moved.tree).toBe(old.tree);
      expect(moved.artifacts.commit).toBe(old.artifacts.commit);
    }
    // Alice gets Bob's runs; the server's branch holds each run once, numbered 1..3.
    const s = await alice.aml(['sync', '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).fetch.received).toBe(2);
    const onServer = runsOn(alice, `origin/${branch}`);
    expect(onServer.map((r) => r.number)).toEqual([1, 2, 3]);
    expect(new Set(onServer.map((r) => r.id)).size).toBe(3);
    expect((await list(alice)).map((r) => r.id)).toEqual(after.map((r) => r.id));
  });

  it('push with nothing to deliver exits 0; fetch of a remote without a history branch says so and exits 0', async () => {
    const { alice } = await team();
    const f = await alice.aml(['fetch', '--json']);
    expect(f.code).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ tip: null, received: 0 });
    const words = await alice.aml(['fetch']);
    expect(words.stderr).toContain('has no run history yet');
    const p = await alice.aml(['push']);
    expect(p.code).toBe(0);
    expect(p.stderr).toContain('nothing to push');
    expect((await alice.aml(['run', 'train.sh', '1'])).code).toBe(0);
    expect((await alice.aml(['push'])).stderr).toContain('nothing to push');
  });

  it('its own push skips pre-push hooks, so a hook that calls git aml push neither recurses nor runs twice', async () => {
    const { alice } = await team();
    const seen = path.join(sealed.root, 'hook-saw');
    const hook = path.join(alice.dir, '.git', 'hooks', 'pre-push');
    await fs.writeFile(hook, `#!/bin/sh\necho "AML_HOOKS=$AML_HOOKS" >> "${seen}"\n[ "$AML_HOOKS" = 0 ] && exit 0\nexec git aml push --remote "$1"\n`, { mode: 0o755 });
    expect((await alice.aml(['run', '--no-push', 'train.sh', '1'])).code).toBe(0);
    // The user's own push: the hook runs git aml push, whose inner git push (--no-verify) runs no hook again.
    await alice.write('data.csv', '3,4\n');
    alice.git(['commit', '-qam', 'more data']);
    alice.git(['push', '-q', 'origin', 'master']);
    expect((await fs.readFile(seen, 'utf8')).split('\n').filter(Boolean)).toEqual(['AML_HOOKS=']);
    expect((await list(alice))[0].pushed).toBe(true);
  });
});
