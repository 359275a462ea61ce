import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, runProcess } from '../helpers/runCli.js';
import { TRAIN } from '../helpers/hookFixtures.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const trailers = (rev = 'HEAD') => repo.git(['log', '-1', '--format=%(trailers:key=Aml-Run,valueonly)', rev]).trim();
const commit = (args: string[], env: NodeJS.ProcessEnv = {}) => runProcess('git', ['commit', ...args], { cwd: repo.dir, env: { ...repo.env, ...env } });

/** Installs the hooks, changes the script, records a run of it: the working tree is now that run's snapshot. */
async function repoWithRun(files: Record<string, string> = {}) {
  repo = await tempRepo({ 'train.py': TRAIN, ...files });
  expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
  await repo.write('train.py', TRAIN + 'print("v2")\n');
  const r = await repo.aml(['run', 'train.py']);
  expect(r.code).toBe(0);
  return JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout)[0] as { id: string; tree: string; commit: string };
}

describe('prepare-commit-msg: Aml-Run trailer', () => {
  it('names the run whose snapshot is the tree being committed, once, through amend and commit -a', async () => {
    const run = await repoWithRun();
    repo.git(['add', '-A']);
    const c = await commit(['-m', 'better model']);
    expect(c.code).toBe(0);
    expect(repo.git(['rev-parse', 'HEAD^{tree}']).trim()).toBe(run.tree);
    expect(trailers()).toBe(run.id);
    expect(repo.git(['log', '-1', '--format=%B']).trim()).toBe(`better model\n\nAml-Run: ${run.id}`);

    // Idempotent: amending (message kept) does not add it twice.
    expect((await commit(['--amend', '--no-edit'])).code).toBe(0);
    expect(repo.git(['log', '-1', '--format=%B']).trim()).toBe(`better model\n\nAml-Run: ${run.id}`);

    // A tree that is no run's snapshot gets no trailer.
    await repo.write('notes.txt', 'x\n');
    repo.git(['add', 'notes.txt']);
    expect((await commit(['-m', 'notes'])).code).toBe(0);
    expect(trailers()).toBe('');
  });

  it('works with commit -a and an editor-written message (comments and all)', async () => {
    const run = await repoWithRun();
    // commit -a commits through a temporary index (GIT_INDEX_FILE): the tree we compare is that one.
    const c = await commit(['-a'], { GIT_EDITOR: 'sh -c \'printf "from editor\\n" | cat - "$1" > "$1.new" && mv "$1.new" "$1"\' -' });
    expect(c.code).toBe(0);
    expect(trailers()).toBe(run.id);
    expect(repo.git(['log', '-1', '--format=%s']).trim()).toBe('from editor');
  });

  it('is off with runTrailer: false, and with AML_HOOKS=0', async () => {
    const run = await repoWithRun({ '.gitamlrc.json': '{ "runTrailer": false }\n' });
    repo.git(['add', '-A']);
    expect((await commit(['-m', 'no trailer'])).code).toBe(0);
    expect(repo.git(['rev-parse', 'HEAD^{tree}']).trim()).toBe(run.tree);
    expect(trailers()).toBe('');

    await repo.write('.gitamlrc.json', '{}\n');
    await repo.write('train.py', TRAIN + 'print("v3")\n');
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    repo.git(['add', '-A']);
    expect((await commit(['-m', 'off'], { AML_HOOKS: '0' })).code).toBe(0);
    expect(trailers()).toBe('');
  });
});

describe('pre-commit: no hand-made commits on the run-history branch', () => {
  it('refuses with a typed error and a hint, and allows the same commit on a branch of one\'s own', async () => {
    const run = await repoWithRun();
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory/']).trim();
    repo.git(['checkout', '-q', '-f', branch]);
    await repo.write('hand.txt', 'by hand\n');
    repo.git(['add', 'hand.txt']);
    const c = await commit(['-m', 'by hand']);
    expect(c.code).not.toBe(0);
    expect(errorCode(c)).toBe('CommitOnHistoryBranchError');
    expect(c.stderr).toContain('hint: Take your staged changes to a branch of your own and commit there: git switch -c my-work');
    expect(repo.git(['rev-parse', branch]).trim()).toBe(run.commit);

    repo.git(['switch', '-q', '-c', 'my-work']);
    expect((await commit(['-m', 'by hand'])).code).toBe(0);
  });

  it('refuses on a history branch of a configured name too', async () => {
    repo = await tempRepo({ 'train.py': TRAIN, '.gitamlrc.json': '{ "historyBranch": "runs/{projectId}" }\n' });
    await repo.aml(['hooks', 'install', '--hook', 'pre-commit']);
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/runs/']).trim();
    expect(branch).toMatch(/^runs\//);
    repo.git(['checkout', '-q', '-f', branch]);
    const c = await commit(['--allow-empty', '-m', 'x']);
    expect(errorCode(c)).toBe('CommitOnHistoryBranchError');
  });
});
