import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode } from '../helpers/runCli.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const TRAIN = `import os, sys, json
os.makedirs('outputs', exist_ok=True)
open('outputs/model.txt', 'w').write('weights for ' + ' '.join(sys.argv[1:]) + '\\n')
with open(os.environ['AML_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'name': 'alpha', 'value': float(sys.argv[1])}) + '\\n')
print('run', os.environ['AML_RUN_NUMBER'], os.environ['AML_RUN_ID'])
`;

async function twoRuns() {
  repo = await tempRepo({ 'train.py': TRAIN, 'src/model.py': 'v = 1\n' });
  await repo.write('src/model.py', 'v = 2\n');
  await repo.write('notes.txt', 'first idea\n');
  expect((await repo.aml(['run', '-m', 'first try', 'train.py', '0.5'])).code).toBe(0);
  await repo.write('src/model.py', 'v = 3\n');
  await fs.rm(path.join(repo.dir, 'notes.txt'));
  expect((await repo.aml(['run', 'train.py', '0.7'])).code).toBe(0);
}

describe('history', () => {
  it('lists newest first as a table and as JSON records', async () => {
    await twoRuns();
    const table = await repo.aml(['history', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^Number\s+Id\s+Script\s+Status\s+Duration\s+User\s+Started/);
    expect(table.stdout.split('\n')[2]).toMatch(/^2\s+project_\d+\s+train.py 0.7\s+Completed/);
    const runs = JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout);
    expect(runs.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    expect(runs[1].description).toBe('first try');
    expect(runs[0].metrics).toEqual({ alpha: 0.7 });
    expect(JSON.parse((await repo.aml(['history', 'list', '--json', '-n', '1'])).stdout)).toHaveLength(1);
    expect(JSON.parse((await repo.aml(['history', 'list', '--json', '--status', 'Failed'])).stdout)).toEqual([]);
    // Plain git sees one commit per run on the branch, with the record in the message.
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory']).trim();
    expect(repo.git(['log', '--first-parent', '--format=%s', branch]).split('\n').slice(0, 2)).toEqual(['Run 2: train.py 0.7 (Completed)', 'Run 1: train.py 0.5 (Completed)']);
    expect(repo.git(['diff', '--name-only', 'master', branch]).split('\n')).toContain('src/model.py');
  });

  it('shows a run with metrics, artifacts, changed files and its log', async () => {
    await twoRuns();
    const show = await repo.aml(['history', 'show', '1', '--log']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('message:   first try');
    expect(show.stdout).toMatch(/alpha\s+0.5/);
    expect(show.stdout).toMatch(/outputs\/model.txt/);
    expect(show.stdout).toMatch(/M src\/model.py/);
    expect(show.stdout).toMatch(/A notes.txt/);
    expect(show.stdout).toMatch(/run 1 project_\d+/);
    const json = JSON.parse((await repo.aml(['history', 'show', 'latest', '--json'])).stdout);
    expect(json.changes).toEqual([{ status: 'M', path: 'src/model.py' }]);
    expect(json.artifactFiles.map((f: { path: string }) => f.path)).toEqual(['log.txt', 'metrics.json', 'outputs/model.txt']);
  });

  it('refuses unknown and ambiguous references, and an empty history', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    const empty = await repo.aml(['history', 'show', 'latest']);
    expect(errorCode(empty)).toBe('EmptyHistoryError');
    expect((await repo.aml(['run', 'train.py', '1'])).code).toBe(0);
    expect((await repo.aml(['run', 'train.py', '2'])).code).toBe(0);
    expect(errorCode(await repo.aml(['history', 'show', '9']))).toBe('RunNotFoundError');
    expect(errorCode(await repo.aml(['history', 'show', 'project_']))).toBe('AmbiguousRunRefError');
    const usage = await repo.aml(['history', 'show']);
    expect(errorCode(usage)).toBe('UsageError');
    expect(usage.code).toBe(2);
  });

  it('downloads a run into a new folder and refuses a non-empty one', async () => {
    await twoRuns();
    const out = path.join(repo.sealed.root, 'run1');
    const r = await repo.aml(['history', 'download', '1', out]);
    expect(r.code).toBe(0);
    expect(await fs.readFile(path.join(out, 'src/model.py'), 'utf8')).toBe('v = 2\n');
    expect(await fs.readFile(path.join(out, 'notes.txt'), 'utf8')).toBe('first idea\n');
    expect(await fs.readFile(path.join(out, '.aml-run/outputs/model.txt'), 'utf8')).toBe('weights for 0.5\n');
    expect(JSON.parse(await fs.readFile(path.join(out, '.aml-run/run.json'), 'utf8')).number).toBe(1);
    const again = await repo.aml(['history', 'download', '2', out]);
    expect(errorCode(again)).toBe('TargetExistsError');
    expect(await fs.readFile(path.join(out, 'src/model.py'), 'utf8')).toBe('v = 2\n');
  });

  it('restores a run as unstaged changes, keeping HEAD and the index', async () => {
    await twoRuns();
    await repo.write('src/model.py', 'v = 1\n'); // back to committed content: nothing uncommitted to lose
    const before = await repoState(repo);
    const r = await repo.aml(['restore', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(await repo.read('src/model.py')).toBe('v = 2\n');
    expect(await repo.read('notes.txt')).toBe('first idea\n');
    const after = await repoState(repo);
    expect(after.head).toBe(before.head);
    expect(after.index).toBe(before.index);
    expect(after.refs).toBe(before.refs);
    expect(repo.git(['status', '--porcelain'])).toContain(' M src/model.py');
  });

  it('refuses to overwrite uncommitted work, and with --force saves it first where it says', async () => {
    await twoRuns();
    await repo.write('src/model.py', 'v = 42  # precious\n');
    const before = await repoState(repo);
    const refused = await repo.aml(['restore', '1']);
    expect(errorCode(refused)).toBe('UncommittedWorkError');
    expect(refused.stderr).toContain('src/model.py');
    expect(await repoState(repo)).toEqual(before);

    const forced = await repo.aml(['history', 'restore', '1', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await repo.read('src/model.py')).toBe('v = 2\n');
    const saved = /saved as (refs\/aml\/saved\/\S+)/.exec(forced.stderr)?.[1];
    expect(saved).toBeTruthy();
    expect(repo.git(['show', `${saved}:src/model.py`])).toBe('v = 42  # precious\n');
    // …and the saved work comes back the way the message says.
    const back = await repo.aml(['restore', saved!, '--force']);
    expect(back.code, back.stderr).toBe(0);
    expect(await repo.read('src/model.py')).toBe('v = 42  # precious\n');
  });

  it('switches from one run to another without --force: the work in the way is already recorded', async () => {
    await twoRuns();
    await repo.write('src/model.py', 'v = 1\n');
    expect((await repo.aml(['restore', '2'])).code).toBe(0);
    expect(await repo.read('src/model.py')).toBe('v = 3\n');
    const r = await repo.aml(['restore', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(await repo.read('src/model.py')).toBe('v = 2\n');
    // Saved work counts as recorded too: the printed way back works as printed.
    await repo.write('src/model.py', 'v = 99\n');
    const forced = await repo.aml(['restore', '2', '--force']);
    const back = /bring it back with: (git aml restore \S+)/.exec(forced.stderr)![1].split(' ').slice(2);
    const b = await repo.aml(back);
    expect(b.code, b.stderr).toBe(0);
    expect(await repo.read('src/model.py')).toBe('v = 99\n');
  });

  it('never overwrites an ignored file that the run has', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    await repo.write('data.csv', 'run data\n');
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    await repo.write('.gitignore', 'data.csv\n');
    await repo.write('data.csv', 'local only\n');
    repo.git(['add', '.gitignore']);
    repo.git(['commit', '-qm', 'ignore data']);
    await repo.write('.gitignore', 'data.csv\n');
    const r = await repo.aml(['restore', '1']);
    expect(errorCode(r)).toBe('UncommittedWorkError');
    expect(await repo.read('data.csv')).toBe('local only\n');
  });
});
