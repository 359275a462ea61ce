import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, gitAml, runProcess } from '../helpers/runCli.js';
import { fileFingerprints } from '../helpers/fileFingerprints.js';
import { TRAIN, markerHook, readIf, writeExecutable } from '../helpers/hookFixtures.js';
import { startGitServer, type GitServerHandle } from '../helpers/gitServer.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

describe('git aml hooks install --server (pre-receive in a bare repository)', () => {
  it('accepts runs, refuses force-push, deletion and malformed records with a message the pusher sees; chains the server\'s own hook', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    const server = path.join(repo.sealed.root, 'server.git');
    repo.git(['init', '-q', '--bare', server]);
    const hooks = path.join(server, 'hooks');
    const marker = path.join(repo.sealed.root, 'server-hook-ran');
    await writeExecutable(path.join(hooks, 'pre-receive'), markerHook(marker));
    const before = await fileFingerprints(hooks);
    const aml = (args: string[]) => gitAml(args, { cwd: server, env: repo.env });

    const plain = await aml(['hooks', 'install']);
    expect(errorCode(plain)).toBe('BareRepoError');
    expect(plain.stderr).toContain('hint: git aml hooks install --server');
    expect((await aml(['hooks', 'install', '--server'])).code).toBe(0);
    const installed = await fileFingerprints(hooks);
    expect((await aml(['hooks', 'install', '--server'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(installed);
    const status = JSON.parse((await aml(['hooks', 'status', '--json'])).stdout).hooks;
    expect(status).toMatchObject([{ hook: 'pre-receive', state: 'chained' }]);

    const push = (...args: string[]) => runProcess('git', ['push', 'origin', ...args], { cwd: repo.dir, env: repo.env });
    repo.git(['remote', 'add', 'origin', server]);
    expect((await push('master')).code).toBe(0);
    // --no-push: this test pushes the branch itself, to see each answer of the server.
    expect((await repo.aml(['run', '--no-push', 'train.py', 'one'])).code).toBe(0);
    expect((await repo.aml(['run', '--no-push', 'train.py', 'two'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory/']).trim();
    const ref = `refs/heads/${branch}`;
    const ok = await push(branch);
    expect(ok.code).toBe(0);
    const tip = repo.git(['rev-parse', branch]).trim();
    expect(repo.git(['--git-dir', server, 'rev-parse', ref]).trim()).toBe(tip);
    // The server's own hook ran first and read the same ref list ours checked.
    expect(await readIf(marker)).toContain(`${'0'.repeat(40)} ${tip} ${ref}\n`);

    const refused = async (r: Awaited<ReturnType<typeof push>>, why: RegExp) => {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/remote: git aml: error: \(HistoryPushRefusedError\) push refused: /);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toContain('remote: hint: ');
      expect(repo.git(['--git-dir', server, 'rev-parse', ref]).trim()).toBe(tip);
    };
    await refused(await push('--force', `${branch}~1:${branch}`), /not a fast-forward/);
    await refused(await push(`:${branch}`), /deleting a run-history branch/);

    // A commit made by hand on top of the runs: not a run, so not accepted onto the branch.
    const hand = repo.git(['commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'made by hand']).trim();
    await refused(await push(`${hand}:${ref}`), /has no git-aml run record/);
    const broken = repo.git(['commit-tree', `${tip}^{tree}`, '-p', tip, '-m', 'Run 3: x\n\n--- git-aml run record ---\n{"id": "x"}\n--- end of git-aml run record ---\n']).trim();
    await refused(await push(`${broken}:${ref}`), /malformed run record: number must be a positive integer/);

    // Other branches are the team's business: a force-push there goes through.
    repo.git(['commit', '-q', '--amend', '-m', 'reworded']);
    expect((await push('--force', 'master')).code).toBe(0);

    expect((await aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(before);
  });
});

describe('the server check behind the real smart-HTTP server', () => {
  let server: GitServerHandle | undefined;
  afterEach(async () => server?.stop());

  it('a forced push of a run-history branch over http is refused, and the pusher sees why', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    server = await startGitServer(repo.sealed);
    const url = server.createRepo('iris');
    const bare = path.join(server.root, 'iris.git');
    expect((await gitAml(['hooks', 'install', '--server'], { cwd: bare, env: repo.env })).code).toBe(0);
    repo.git(['remote', 'add', 'origin', url]);
    repo.git(['push', '-q', 'origin', 'master']);
    expect((await repo.aml(['run', 'train.py', 'one'])).code).toBe(0); // pushed by git aml itself: accepted
    expect((await repo.aml(['run', 'train.py', 'two'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory/']).trim();
    const tip = repo.git(['rev-parse', branch]).trim();
    expect(repo.git(['--git-dir', bare, 'rev-parse', `refs/heads/${branch}`]).trim()).toBe(tip);
    const forced = await runProcess('git', ['push', '--force', 'origin', `${branch}~1:${branch}`], { cwd: repo.dir, env: repo.env });
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toMatch(/remote: git aml: error: \(HistoryPushRefusedError\)/);
    expect(repo.git(['--git-dir', bare, 'rev-parse', `refs/heads/${branch}`]).trim()).toBe(tip);
  });
});
