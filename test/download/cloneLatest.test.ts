import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, gitAml } from '../helpers/runCli.js';

let alice: TempRepo;
afterEach(async () => alice?.cleanup());

/** Alice's project with two runs, pushed (branches and history) to a bare repo used as a local-path remote. */
async function aliceWithRuns() {
  alice = await tempRepo({ 'train.py': 'print("hi")\n', 'src/model.py': 'v = 1\n', 'old.txt': 'old\n' }, { name: 'alice' });
  const remote = path.join(alice.sealed.root, 'iris.git');
  alice.git(['init', '-q', '--bare', remote]);
  alice.git(['remote', 'add', 'origin', remote]);
  alice.git(['push', '-q', 'origin', 'master']);
  await alice.write('src/model.py', 'v = 2\n');
  expect((await alice.aml(['run', '--no-push', 'train.py'])).code).toBe(0);
  await alice.write('src/model.py', 'v = 3\n');
  await alice.write('new/data.txt', 'new data\n');
  await fs.rm(path.join(alice.dir, 'old.txt'));
  expect((await alice.aml(['run', '--no-push', 'train.py'])).code).toBe(0);
  alice.git(['push', '-q', 'origin', 'refs/heads/AzureMLHistory/*:refs/heads/AzureMLHistory/*']);
  return remote;
}

describe('git aml clone-latest', () => {
  it('clones on master with the latest run laid as unstaged changes; the index equals the branch', async () => {
    const remote = await aliceWithRuns();
    const r = await gitAml(['clone-latest', remote, 'bob'], { cwd: alice.sealed.root, env: alice.env });
    expect(r.code, r.stderr).toBe(0);
    const bob = path.join(alice.sealed.root, 'bob');
    const git = (args: string[]) => alice.git(args, bob);
    expect(git(['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/master');
    expect(git(['status', '--porcelain', '--untracked-files=all']).split('\n').filter(Boolean).sort()).toEqual([' D old.txt', ' M src/model.py', '?? new/data.txt']);
    expect(git(['diff', '--cached', '--name-only'])).toBe('');
    expect(await fs.readFile(path.join(bob, 'src/model.py'), 'utf8')).toBe('v = 3\n');
    const runs = JSON.parse((await gitAml(['history', 'list', '--json'], { cwd: bob, env: alice.env })).stdout);
    expect(runs.map((x: { number: number; pushed: boolean }) => [x.number, x.pushed])).toEqual([[2, true], [1, true]]);
  });

  it('lays an older run with --run, and defaults the folder to the project name', async () => {
    const remote = await aliceWithRuns();
    const r = await gitAml(['clone-latest', remote, '--run', '1'], { cwd: alice.sealed.root, env: alice.env });
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(alice.sealed.root, 'iris');
    expect(await fs.readFile(path.join(dir, 'src/model.py'), 'utf8')).toBe('v = 2\n');
    expect(await fs.readFile(path.join(dir, 'old.txt'), 'utf8')).toBe('old\n');
  });

  it('refuses an existing non-empty folder and touches nothing', async () => {
    const remote = await aliceWithRuns();
    const dir = path.join(alice.sealed.root, 'taken');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'mine.txt'), 'keep me\n');
    const r = await gitAml(['clone-latest', remote, 'taken'], { cwd: alice.sealed.root, env: alice.env });
    expect(errorCode(r)).toBe('TargetNotEmptyError');
    expect(r.stderr).toMatch(/hint: .*git aml clone-latest/);
    expect(await fs.readdir(dir)).toEqual(['mine.txt']);
  });

  it('a project with no runs comes down as a plain clone, with a note', async () => {
    alice = await tempRepo({ 'a.txt': 'a\n' }, { name: 'alice' });
    const remote = path.join(alice.sealed.root, 'plain.git');
    alice.git(['clone', '-q', '--bare', alice.dir, remote]);
    const r = await gitAml(['clone-latest', remote, 'bob'], { cwd: alice.sealed.root, env: alice.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('no recorded runs yet');
    expect(alice.git(['status', '--porcelain'], path.join(alice.sealed.root, 'bob'))).toBe('');
  });

  it('an unreachable remote is a clear error and leaves no folder behind', async () => {
    alice = await tempRepo({ 'a.txt': 'a\n' }, { name: 'alice' });
    const r = await gitAml(['clone-latest', path.join(alice.sealed.root, 'nowhere.git'), 'bob'], { cwd: alice.sealed.root, env: alice.env });
    expect(errorCode(r)).toBe('CloneFailedError');
    await expect(fs.stat(path.join(alice.sealed.root, 'bob'))).rejects.toThrow();
  });

  it('refuses a run whose snapshot would write through a symlink, before writing anything', async () => {
    const remote = await aliceWithRuns();
    // A hostile teammate's run: a symlink "evil" and a file "evil/passwd" in the same tree.
    const linkBlob = execInput(alice, ['hash-object', '-w', '--stdin'], '/tmp');
    const fileBlob = execInput(alice, ['hash-object', '-w', '--stdin'], 'owned\n');
    const sub = execInput(alice, ['mktree'], `100644 blob ${fileBlob}\tpasswd\n`);
    const tree = execInput(alice, ['mktree'], `120000 blob ${linkBlob}\tevil\n040000 tree ${sub}\tevil\n100644 blob ${fileBlob}\tzzz.txt\n`);
    const branch = alice.git(['for-each-ref', '--format=%(refname)', 'refs/heads/AzureMLHistory']).trim();
    const tip = alice.git(['rev-parse', branch]).trim();
    const msg = alice.git(['log', '-1', '--format=%B', tip]).replace(/"number": 2/, '"number": 3').replace(/"tree": "[0-9a-f]+"/, `"tree": "${tree}"`).replace(/^Run 2/, 'Run 3');
    const evil = execInput(alice, ['commit-tree', tree, '-p', tip, '-F', '-'], msg);
    alice.git(['push', '-q', remote, `${evil}:${branch}`]);
    const r = await gitAml(['clone-latest', remote, 'bob'], { cwd: alice.sealed.root, env: alice.env });
    expect(errorCode(r)).toBe('UnsafePathError');
    await expect(fs.stat(path.join(alice.sealed.root, 'bob', 'zzz.txt'))).rejects.toThrow();
    await expect(fs.lstat(path.join(alice.sealed.root, 'bob', 'evil'))).rejects.toThrow();
  });
});

function execInput(repo: TempRepo, args: string[], input: string): string {
  return execFileSync('git', args, { cwd: repo.dir, env: repo.env, input, encoding: 'utf8' }).trim();
}
