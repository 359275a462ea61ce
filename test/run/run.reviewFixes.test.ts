import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, gitAml } from '../helpers/runCli.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());
const runs = async () => JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout) as { id: string; number: number; status: string; exitCode: number | null; description: string | null }[];

/** Defects a code review found; each test is its repro. */
describe('what a review found', () => {
  it('runs that land out of number order never make the next number a duplicate', async () => {
    repo = await tempRepo({ 's.py': 'import sys, time\ntime.sleep(float(sys.argv[1]))\n' });
    expect((await repo.aml(['run', 's.py', '0'])).code).toBe(0);
    const slow = repo.aml(['run', 's.py', '2']);
    await new Promise((r) => setTimeout(r, 700));
    expect((await repo.aml(['run', 's.py', '0'])).code).toBe(0); // number 3, lands before 2
    expect((await slow).code).toBe(0);
    expect((await repo.aml(['run', 's.py', '0'])).code).toBe(0);
    const numbers = (await runs()).map((r) => r.number);
    expect([...numbers].sort()).toEqual([1, 2, 3, 4]);
    expect((await repo.aml(['restore', '3'])).code).toBe(0);
  });

  it('clone-latest onto an existing file refuses and keeps the file', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' });
    const target = path.join(repo.sealed.root, 'notes.txt');
    await fs.writeFile(target, 'precious\n');
    const r = await gitAml(['clone-latest', repo.dir, 'notes.txt'], { cwd: repo.sealed.root, env: repo.env });
    expect(errorCode(r)).toBe('TargetNotEmptyError');
    expect(await fs.readFile(target, 'utf8')).toBe('precious\n');
  });

  it('a branch in the way of the history branch is refused before the script runs', async () => {
    repo = await tempRepo({ 't.sh': 'touch ran\nexit 7\n' });
    repo.git(['branch', 'AzureMLHistory']);
    const before = await repoState(repo);
    const r = await repo.aml(['run', 't.sh']);
    expect(errorCode(r)).toBe('HistoryBranchConflictError');
    expect(r.stderr).toContain('git branch -m AzureMLHistory');
    await expect(fs.stat(path.join(repo.dir, 'ran'))).rejects.toThrow();
    expect(await repoState(repo)).toEqual(before);
  });

  it('when recording fails after the script ran: its exit status still comes back, and the run is recorded later as it ended', async () => {
    // The script itself puts a branch in the history branch's way, after the checks.
    repo = await tempRepo({ 't.sh': 'git branch AzureMLHistory\nexit 7\n' });
    const r = await repo.aml(['run', 't.sh']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/warning: run 1 Failed but not recorded yet/);
    expect(r.stderr).not.toContain('internal error');
    repo.git(['branch', '-D', 'AzureMLHistory']);
    const [run, ...rest] = await runs();
    expect(rest).toEqual([]);
    expect(run).toMatchObject({ number: 1, status: 'Failed', exitCode: 7 });
  });

  it('a #! line naming a missing interpreter is a typed error, not an internal one', async () => {
    repo = await tempRepo({ tool: '#!/usr/bin/no-such-python\nprint(1)\n' });
    await fs.chmod(path.join(repo.dir, 'tool'), 0o755);
    const r = await repo.aml(['run', 'tool']);
    expect(errorCode(r)).toBe('ScriptNotRunnableError');
    expect(r.code).toBe(1);
    expect(await runs()).toEqual([]);
  });

  it('restore --force saves an ignored folder that stands where the run has a file', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n', '.gitignore': 'data/\n' });
    await repo.write('data', 'a file at run time\n');
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    await fs.rm(path.join(repo.dir, 'data'));
    await repo.write('data/big.csv', 'local only\n');
    expect(errorCode(await repo.aml(['restore', '1']))).toBe('UncommittedWorkError');
    const forced = await repo.aml(['restore', '1', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await repo.read('data')).toBe('a file at run time\n');
    const saved = /saved as (refs\/aml\/saved\/\S+)/.exec(forced.stderr)![1];
    expect(repo.git(['show', `${saved}:data/big.csv`])).toBe('local only\n');
  });

  it('a journal left behind by a run that did land is not recorded a second time', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    const [run] = await runs();
    const jdir = path.join(repo.dir, '.git/aml/runs', run.id);
    await fs.mkdir(jdir, { recursive: true });
    const historyRef = repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads/AzureMLHistory/']).trim();
    const start = { ...run, host: os.hostname() };
    await fs.writeFile(path.join(jdir, 'journal.json'), JSON.stringify({ start, historyRef, recorderPid: 999999999, outputsDir: repo.dir, outputsBefore: {}, logLimit: 1000 }));
    expect(await runs()).toHaveLength(1);
    expect(await fs.readdir(path.join(repo.dir, '.git/aml/runs'))).toEqual([]);
  });

  it('a description that quotes the record markers does not hide the run', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    const msg = 'see\n--- git-aml run record ---\n{"not": "it"}\n--- end of git-aml run record ---\n';
    expect((await repo.aml(['run', '-m', msg, 'train.py', '--- end of git-aml run record ---'])).code).toBe(0);
    const [run] = await runs();
    expect(run.description).toBe(msg);
  });
});
