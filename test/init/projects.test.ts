import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { errorCode, gitAml } from '../helpers/runCli.js';
import { armProjectsPeer, type ArmProjectsPeer } from '../helpers/armProjectsPeer.js';

const WS = '/subscriptions/0000-sub/resourceGroups/ml-rg/providers/Microsoft.MachineLearningExperimentation/accounts/contoso/workspaces/team';

let sealed: Sealed;
let peer: ArmProjectsPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
  await sealed?.cleanup();
});

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env: sealed.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Alice makes iris from the sample with a remote, records a run with -c local, and shares its history. */
async function aliceIris(): Promise<{ remote: string; run: { id: string; number: number; tree: string } }> {
  sealed = await sealedEnv();
  const remote = path.join(sealed.root, 'iris.git');
  git(sealed.root, ['init', '-q', '--bare', remote]);
  const alice = path.join(sealed.root, 'alice');
  await fs.mkdir(alice);
  const init = await gitAml(['init', 'iris', '--template', 'iris', '--remote', remote], { cwd: alice, env: sealed.env });
  expect(init.code, init.stderr).toBe(0);
  const dir = path.join(alice, 'iris');
  const run = await gitAml(['run', '-c', 'local', 'train.py'], { cwd: dir, env: sealed.env });
  expect(run.code, run.stderr).toBe(0);
  const [rec] = JSON.parse((await gitAml(['history', 'list', '--json'], { cwd: dir, env: sealed.env })).stdout);
  expect(rec).toMatchObject({ status: 'Completed', runConfig: 'local', metrics: { accuracy: 0.9 } });
  // Pushing runs after recording is the remote branch's work; until it lands, plain git shares the history.
  git(dir, ['push', '-q', 'origin', 'refs/heads/AzureMLHistory/*:refs/heads/AzureMLHistory/*']);
  return { remote, run: rec };
}

describe('git aml projects and git aml download', () => {
  it('lists the workspace alphabetically from ARM, downloads iris as of its run, then lists it as on this machine', async () => {
    const { remote, run } = await aliceIris();
    peer = await armProjectsPeer(sealed.root, WS, [{ name: 'zeta', gitrepo: 'https://example.invalid/_git/zeta' }, { name: 'iris', gitrepo: remote }, { name: 'Alpha', gitrepo: 'https://example.invalid/_git/alpha' }, { name: 'notes' }]);
    const env = peer.envOver(sealed.env);
    const bob = path.join(sealed.root, 'bob');
    await fs.mkdir(bob);

    const listed = await gitAml(['projects', '--workspace', WS, '--json'], { cwd: bob, env });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((p: { name: string; local: string | null; gitrepo: string | null }) => [p.name, p.local, p.gitrepo])).toEqual([
      ['Alpha', null, 'https://example.invalid/_git/alpha'], ['iris', null, remote], ['notes', null, null], ['zeta', null, 'https://example.invalid/_git/zeta'],
    ]);

    const down = await gitAml(['download', 'iris', '--workspace', WS], { cwd: bob, env });
    expect(down.code, down.stderr).toBe(0);
    const dir = path.join(sealed.env.HOME!, 'Documents', 'AzureML', 'iris');
    expect(git(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/master');
    const [got] = JSON.parse((await gitAml(['history', 'list', '--json'], { cwd: dir, env: sealed.env })).stdout);
    expect(got).toMatchObject({ id: run.id, number: 1, status: 'Completed', metrics: { accuracy: 0.9 } });
    // The run's snapshot is what the working tree now holds (git's own view: add -A on a scratch index).
    const scratch = { ...sealed.env, GIT_INDEX_FILE: path.join(sealed.root, 'scratch-index') };
    execFileSync('git', ['add', '-A'], { cwd: dir, env: scratch });
    expect(execFileSync('git', ['write-tree'], { cwd: dir, env: scratch, encoding: 'utf8' }).trim()).toBe(run.tree);

    const text = await gitAml(['projects', '--workspace', WS], { cwd: bob, env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(`iris   on this machine: ${dir}`);
    expect(text.stdout).toMatch(/^zeta +not downloaded \(git aml download zeta\)$/m);

    expect(peer.calls.length).toBeGreaterThanOrEqual(6);
    expect(peer.calls.every((c) => c.method === 'GET' && c.authorized && c.path.startsWith(`${WS}/projects?api-version=2017-05-01-preview`))).toBe(true);
  });

  it('takes the workspace from the project settings and finds the repo it runs in', async () => {
    const { remote } = await aliceIris();
    peer = await armProjectsPeer(sealed.root, WS, [{ name: 'iris', gitrepo: remote + '/' }]);
    const dir = path.join(sealed.root, 'alice', 'iris');
    const rcFile = path.join(dir, '.gitamlrc.json');
    await fs.writeFile(rcFile, JSON.stringify({ ...JSON.parse(await fs.readFile(rcFile, 'utf8')), azure: { workspace: WS } }));
    const r = await gitAml(['projects', '--json'], { cwd: dir, env: peer.envOver(sealed.env) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ name: 'iris', local: dir })]);
  });

  it('refuses a missing or malformed workspace and an unknown project with typed errors, making nothing', async () => {
    sealed = await sealedEnv();
    peer = await armProjectsPeer(sealed.root, WS, [{ name: 'iris', gitrepo: 'https://example.invalid/_git/iris' }, { name: 'mnist', gitrepo: 'https://example.invalid/_git/mnist' }]);
    const env = peer.envOver(sealed.env);
    const none = await gitAml(['projects'], { cwd: sealed.root, env });
    expect([none.code, errorCode(none)]).toEqual([1, 'NoWorkspaceError']);
    expect(none.stderr).toMatch(/hint: git aml projects --workspace \/subscriptions\//);
    const bad = await gitAml(['projects', '--workspace', '/subscriptions/x/resourceGroups/y'], { cwd: sealed.root, env });
    expect([bad.code, errorCode(bad)]).toEqual([2, 'InvalidWorkspaceIdError']);
    const before = await fs.readdir(sealed.env.HOME!);
    const unknown = await gitAml(['download', 'cifar', '--workspace', WS], { cwd: sealed.root, env });
    expect([unknown.code, errorCode(unknown)]).toEqual([1, 'ProjectNotFoundError']);
    expect(unknown.stderr).toMatch(/hint: Projects you can download: iris, mnist/);
    expect(await fs.readdir(sealed.env.HOME!)).toEqual(before);
    const wrongWs = await gitAml(['projects', '--workspace', WS.replace('/team', '/other')], { cwd: sealed.root, env });
    expect([wrongWs.code, errorCode(wrongWs)]).toEqual([1, 'ArmRequestError']);
    expect(peer.calls.every((c) => c.authorized)).toBe(true);
  });
});
