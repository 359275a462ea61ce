import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const TRAIN = `import os, sys, json
print('training with', sys.argv[1:])
os.makedirs('outputs', exist_ok=True)
open('outputs/model.txt', 'w').write('weights\\n')
with open(os.environ['AML_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'name': 'accuracy', 'value': 0.93}) + '\\n')
sys.exit(int(os.environ.get('EXIT', '0')))
`;

describe('git aml run', () => {
  it('runs the script live, passes its exit status, records the snapshot and leaves the repo untouched', async () => {
    repo = await tempRepo({ 'train.py': TRAIN, '.gitignore': '.venv/\n', 'src/a.py': 'a = 1\n' });
    await repo.write('src/a.py', 'a = 2\n');
    await repo.write('new.txt', 'untracked\n');
    await repo.write('.env', 'SECRET=1\n');
    await repo.write('.venv/x.py', 'ignored\n');
    const before = await repoState(repo);
    const r = await repo.aml(['run', 'train.py', '--lr', '0.1', 'two words', 'ünï']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("training with ['--lr', '0.1', 'two words', 'ünï']");
    expect(r.stderr).toContain('.env');
    const after = await repoState(repo);
    expect({ ...after, status: after.status.replace(/.*outputs.*\n/g, '') }).toEqual({ ...before, status: before.status });

    const list = await repo.aml(['history', 'list', '--json']);
    expect(list.code).toBe(0);
    const runs = JSON.parse(list.stdout);
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run).toMatchObject({ number: 1, status: 'Completed', exitCode: 0, script: 'train.py', args: ['--lr', '0.1', 'two words', 'ünï'], dirty: true, metrics: { accuracy: 0.93 } });
    expect(run.leftOut).toEqual(['.env']);
    // The run's tree is what `git add -A` on a temp index gives, minus the secret and outputs/.
    const expected = (() => {
      repo.git(['read-tree', '--index-output=' + repo.dir + '/.git/expected-index', 'HEAD']);
      const env = { ...repo.env, GIT_INDEX_FILE: repo.dir + '/.git/expected-index' };
      execFileSync('git', ['add', '-A', '--', '.', ':!.env', ':!outputs'], { cwd: repo.dir, env });
      return execFileSync('git', ['write-tree'], { cwd: repo.dir, env, encoding: 'utf8' }).trim();
    })();
    expect(run.tree).toBe(expected);
    expect(repo.git(['rev-parse', `${run.commit}^{tree}`]).trim()).toBe(expected);
    expect(repo.git(['cat-file', '-p', `${run.artifacts.commit}:outputs/model.txt`])).toBe('weights\n');
    expect(repo.git(['cat-file', '-p', `${run.artifacts.commit}:log.txt`])).toContain('training with');
  });

  it('passes a failing exit status through and records Failed', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    const r = await repo.aml(['run', 'train.py'], { env: { EXIT: '3' } });
    expect(r.code).toBe(3);
    const runs = JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout);
    expect(runs[0]).toMatchObject({ status: 'Failed', exitCode: 3 });
  });
});

describe('.amlignore', () => {
  it('keeps untracked files out like .gitignore, on top of it, and leaves tracked files alone', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n', 'data/tracked.csv': 'a\n', '.amlignore': 'data/\n*.ckpt\n' });
    await repo.write('data/big.csv', 'untracked data\n');
    await repo.write('data/tracked.csv', 'changed\n');
    await repo.write('model.ckpt', 'checkpoint\n');
    await repo.write('notes.md', 'kept\n');
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    const [run] = JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout);
    const files = repo.git(['ls-tree', '-r', '--name-only', run.commit]).split('\n').filter(Boolean);
    expect(files).toContain('notes.md');
    expect(files).toContain('data/tracked.csv');
    expect(files).not.toContain('data/big.csv');
    expect(files).not.toContain('model.ckpt');
    expect(repo.git(['show', `${run.commit}:data/tracked.csv`])).toBe('changed\n');
  });
});
