import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, gitAml, runProcess } from '../helpers/runCli.js';
import { helpHint } from '../../src/yargsRoot.js';
import { shellQuote } from '../../src/run/shellQuote.js';
import { refNameProblem } from '../../src/config/refNameProblem.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());
const runs = async (cwd?: string) => JSON.parse((await repo.aml(['history', 'list', '--json'], { cwd })).stdout);

/** Defects a first-time user found; each test is the user's own repro. */
describe('what a new user ran into', () => {
  it('a run piped into head keeps running and is recorded, with no stack trace', async () => {
    repo = await tempRepo({ 'big.py': 'import sys\nfor i in range(200000):\n    print("line", i)\nprint("the end")\n' });
    const r = await runProcess('sh', ['-c', 'git aml run big.py | head -c 20'], { cwd: repo.dir, env: repo.env });
    expect(r.stdout).toBe('line 0\nline 1\nline 2');
    expect(r.stderr).not.toContain('internal error');
    const [run] = await runs();
    expect(run).toMatchObject({ status: 'Completed', exitCode: 0 });
    const log = await runProcess('git', ['cat-file', 'blob', `${run.artifacts.commit}:log.txt`], { cwd: repo.dir, env: repo.env });
    expect(log.stdout).toMatch(/the end\n$/);
  });

  it('runs started in the same moment get different ids', async () => {
    repo = await tempRepo({ 's.py': 'import time\ntime.sleep(0.2)\n' });
    const results = await Promise.all([1, 2, 3, 4].map(() => repo.aml(['run', 's.py'])));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const ids = (await runs()).map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('an invalid history branch setting is refused before the script runs', async () => {
    repo = await tempRepo({ 'train.py': 'open("ran", "w").write("yes")\n', '.gitamlrc.json': '{"historyBranch": "bad..name"}\n' });
    const before = await repoState(repo);
    const r = await repo.aml(['run', 'train.py']);
    expect(errorCode(r)).toBe('ConfigInvalidError');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('historyBranch');
    await expect(fs.stat(path.join(repo.dir, 'ran'))).rejects.toThrow();
    expect(await repoState(repo)).toEqual(before);
  });

  it('a journal that cannot be recorded yet is kept, with a warning, and the command still works', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    const jdir = path.join(repo.dir, '.git/aml/runs/project_1');
    await fs.mkdir(jdir, { recursive: true });
    const start = { id: 'project_1', number: 1, script: 'x.py', args: [], command: ['x'], runConfig: null, description: null,
      user: { name: 'T', email: 't@example.com' }, host: (await import('node:os')).hostname(), startedAt: new Date().toISOString(),
      tree: repo.git(['rev-parse', 'HEAD^{tree}']).trim(), baseCommit: repo.git(['rev-parse', 'HEAD']).trim(), baseBranch: 'master', dirty: false, leftOut: [] };
    await fs.writeFile(path.join(jdir, 'journal.json'), JSON.stringify({ start, historyRef: 'refs/heads/bad..ref', recorderPid: 999999999, outputsDir: repo.dir, outputsBefore: {}, logLimit: 1000 }));
    const r = await repo.aml(['history', 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('could not yet record interrupted run project_1');
    expect(await fs.readdir(path.join(repo.dir, '.git/aml/runs'))).toEqual(['project_1']);
  });

  it('untracked outputs/ stay out of the snapshot wherever the run starts', async () => {
    repo = await tempRepo({ 'src/train.py': 'print(1)\n', 'top.txt': 'x\n' });
    await repo.write('outputs/model.bin', 'weights\n');
    await repo.write('src/outputs/sub.bin', 'weights\n');
    expect((await repo.aml(['run', 'train.py'], { cwd: path.join(repo.dir, 'src') })).code).toBe(0);
    expect((await repo.aml(['run', 'src/train.py'])).code).toBe(0);
    for (const run of await runs()) {
      expect(repo.git(['ls-tree', '-r', '--name-only', run.commit]).split('\n').filter((p: string) => p.includes('outputs'))).toEqual([]);
    }
  });

  it('usage errors point at help that works through git (-h; git turns --help into man)', async () => {
    repo = await tempRepo();
    const r = await repo.aml(['bogus']);
    expect(errorCode(r)).toBe('UsageError');
    expect(r.stderr).toContain('hint: git aml -h');
    const n = await repo.aml(['history', 'list', '-n', '0']);
    expect(errorCode(n)).toBe('UsageError');
    expect(n.code).toBe(2);
    expect(helpHint(['history', 'show'])).toBe('git aml history show -h');
    expect(helpHint(['nope', 'x'])).toBe('git aml -h');
  });

  it('clone-latest copes with a remote whose HEAD names a branch it does not have', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' }, { name: 'alice' });
    const bare = path.join(repo.sealed.root, 'odd.git');
    repo.git(['init', '-q', '--bare', '--initial-branch=main', bare]);
    repo.git(['remote', 'add', 'origin', bare]);
    repo.git(['push', '-q', 'origin', 'master']);
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0); // pushes the run too
    const r = await gitAml(['clone-latest', bare, 'bob'], { cwd: repo.sealed.root, env: repo.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/laid run 1/);
    expect(repo.git(['symbolic-ref', 'HEAD'], path.join(repo.sealed.root, 'bob')).trim()).toBe('refs/heads/master');
  });
});

describe('small pure parts', () => {
  it('shellQuote gives a line a shell reads back as the same words', async () => {
    const argv = ['python3', 'dir with space/ünï.py', "Bob's", '', '--a=1'];
    const line = shellQuote(argv);
    const r = await runProcess('sh', ['-c', `for a in ${line}; do printf '[%s]' "$a"; done`], { cwd: '/', env: process.env });
    expect(r.stdout).toBe(argv.map((a) => `[${a}]`).join(''));
  });

  it.each([['AzureMLHistory/x', undefined], ['a..b', 'it contains ".."'], ['a b', expect.any(String)], ['x.lock', expect.any(String)], ['/x', expect.any(String)], ['.hidden/x', expect.any(String)]])('refNameProblem(%s)', (name, problem) => {
    expect(refNameProblem(name)).toEqual(problem);
  });
});
