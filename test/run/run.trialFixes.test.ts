import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { execFileSync } from 'node:child_process';
import { errorCode, gitAml } from '../helpers/runCli.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

/** Defects a first-time user's trial found; each test is its repro. */
describe('what a new user\'s trial found', () => {
  it('a run with the history branch checked out is refused before the script runs; HEAD, index and files stay', async () => {
    repo = await tempRepo({ 't.sh': 'touch ran\n', 'lib.py': 'y = 1\n' });
    expect((await repo.aml(['run', 't.sh'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory']).trim();
    repo.git(['switch', '-q', branch]);
    await fs.rm(path.join(repo.dir, 'ran'));
    await repo.write('lib.py', 'y = 2\n');
    const before = await repoState(repo);
    const r = await repo.aml(['run', 't.sh']);
    expect([r.code, errorCode(r)]).toEqual([1, 'HistoryBranchCheckedOutError']);
    expect(r.stderr).toMatch(/^hint: Switch back to your own branch first \(git switch -/m);
    await expect(fs.stat(path.join(repo.dir, 'ran'))).rejects.toThrow();
    expect(await repoState(repo)).toEqual(before);
  });
});

describe('what a new user\'s trial found, in words', () => {
  it('history list --status takes any case, and says when no run has that status', async () => {
    repo = await tempRepo({ 'ok.sh': 'exit 0\n', 'bad.sh': 'exit 4\n' });
    expect((await repo.aml(['run', 'ok.sh'])).code).toBe(0);
    expect((await repo.aml(['run', 'bad.sh'])).code).toBe(4);
    const failed = JSON.parse((await repo.aml(['history', 'list', '--json', '--status', 'failed'])).stdout);
    expect(failed.map((r: { status: string }) => r.status)).toEqual(['Failed']);
    const none = await repo.aml(['history', 'list', '--status', 'interrupted']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/no Interrupted runs on AzureMLHistory\//);
    expect(none.stderr).not.toMatch(/no runs recorded yet/);
    const wrong = await repo.aml(['history', 'list', '--status', 'done']);
    expect([wrong.code, errorCode(wrong)]).toEqual([2, 'UsageError']);
  });

  it('a command named as the script gets a hint that keeps its arguments', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    const r = await repo.aml(['run', 'python3', 'train.py', '--lr', '0.1']);
    expect(errorCode(r)).toBe('ScriptNotFoundError');
    expect(r.stderr).toMatch(/git aml run -- python3 train\.py --lr 0\.1$/m);
  });

  it('a script outside the repository runs, with a warning that the snapshot cannot hold it', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' });
    const outside = path.join(repo.sealed.root, 'elsewhere.sh');
    await fs.writeFile(outside, 'echo ran elsewhere\n');
    const r = await repo.aml(['run', outside]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*elsewhere\.sh is outside the repository/);
    const inside = await repo.aml(['run', '--', 'true']);
    expect(inside.stderr).not.toMatch(/outside the repository/);
  });
});

/** What `git add -A` stages on a temp index seeded from HEAD (minus `exclude` pathspecs): the tree a run must record. */
function addAllTree(r: TempRepo, exclude: string[] = []): string {
  const idx = path.join(r.dir, '.git', 'expected-index');
  r.git(['read-tree', `--index-output=${idx}`, 'HEAD']);
  const env = { ...r.env, GIT_INDEX_FILE: idx };
  execFileSync('git', ['add', '-A', '--', '.', ...exclude.map((e) => `:!${e}`)], { cwd: r.dir, env });
  return execFileSync('git', ['write-tree'], { cwd: r.dir, env, encoding: 'utf8' }).trim();
}
const lastRun = async (r: TempRepo) => JSON.parse((await r.aml(['history', 'list', '--json'])).stdout)[0];

describe('what a second trial found', () => {
  it('a clone whose HEAD is the run-history branch: run is refused, and no project id is taken from it', async () => {
    repo = await tempRepo({ 't.sh': 'true\n' });
    expect((await repo.aml(['run', 't.sh'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory']).trim();
    const clone = path.join(repo.sealed.root, 'on-history');
    execFileSync('git', ['clone', '-q', '-b', branch, repo.dir, clone], { env: repo.env });
    const r = await gitAml(['run', '--', 'true'], { cwd: clone, env: repo.env });
    expect([r.code, errorCode(r)]).toEqual([1, 'HistoryBranchCheckedOutError']);
    await expect(fs.stat(path.join(clone, '.git', 'aml', 'project-id'))).rejects.toThrow();
    expect(execFileSync('git', ['for-each-ref', '--format=%(refname)', 'refs/heads/AzureMLHistory'], { cwd: clone, env: repo.env, encoding: 'utf8' }).trim()).toBe(`refs/heads/${branch}`);
  });

  it('clone-latest of a remote whose HEAD names its run history checks out the code branch', async () => {
    repo = await tempRepo({ 't.sh': 'echo v1 > result.txt\n' });
    await repo.write('data.txt', 'snap\n');
    expect((await repo.aml(['run', 't.sh'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory']).trim();
    const bare = path.join(repo.sealed.root, 'remote.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare], { env: repo.env });
    execFileSync('git', ['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { cwd: bare, env: repo.env });
    const c = await gitAml(['clone-latest', bare, 'bob'], { cwd: repo.sealed.root, env: repo.env });
    expect(c.code, c.stderr).toBe(0);
    const bob = path.join(repo.sealed.root, 'bob');
    const g = (a: string[]) => execFileSync('git', a, { cwd: bob, env: repo.env, encoding: 'utf8' });
    expect(g(['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/master');
    expect(await fs.readFile(path.join(bob, 'data.txt'), 'utf8')).toBe('snap\n');
    expect(g(['status', '--porcelain'])).toBe('?? data.txt\n');
  });

  it('the history branch checked out in another worktree is refused; that worktree is untouched', async () => {
    repo = await tempRepo({ 't.sh': 'true\n' });
    expect((await repo.aml(['run', 't.sh'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory']).trim();
    const wt = path.join(repo.sealed.root, 'wt');
    repo.git(['worktree', 'add', '-q', wt, branch]);
    const tip = repo.git(['rev-parse', branch]).trim();
    await repo.write('new.txt', 'n\n');
    const r = await repo.aml(['run', 't.sh']);
    expect([r.code, errorCode(r)]).toEqual([1, 'HistoryBranchCheckedOutError']);
    expect(r.stderr).toContain(wt);
    expect(repo.git(['rev-parse', branch]).trim()).toBe(tip);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: wt, env: repo.env, encoding: 'utf8' })).toBe('');
  });

  it('a tracked file replaced by a folder is recorded as git add -A stages it', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    await fs.rm(path.join(repo.dir, 'a.txt'));
    await repo.write('a.txt/f', 'x\n');
    const r = await repo.aml(['run', '--', 'true']);
    expect(r.code, r.stderr).toBe(0);
    expect((await lastRun(repo)).tree).toBe(addAllTree(repo));
  });

  it('relative GIT_DIR and GIT_WORK_TREE mean what they mean to git, from the folder the command was typed in', async () => {
    repo = await tempRepo({ 'src/train.py': 'print(1)\n', 'top.txt': 't\n' });
    await repo.write('src/new.txt', 'n\n');
    const src = path.join(repo.dir, 'src');
    const r = await gitAml(['run', '--', 'true'], { cwd: src, env: { ...repo.env, GIT_DIR: '../.git', GIT_WORK_TREE: '..' } });
    expect(r.code, r.stderr).toBe(0);
    expect((await lastRun(repo)).tree).toBe(addAllTree(repo));
  });

  it('an untracked outputs/ that is itself a repository is left out like any outputs/', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' });
    for (const dir of ['outputs', 'sub/outputs']) {
      await repo.write(`${dir}/m.txt`, 'm\n');
      execFileSync('git', ['init', '-q'], { cwd: path.join(repo.dir, dir), env: repo.env });
    }
    await repo.write('sub/keep.txt', 'k\n');
    expect((await repo.aml(['run', '--', 'true'])).code).toBe(0);
    const tree = (await lastRun(repo)).tree;
    expect(repo.git(['ls-tree', '-r', '--name-only', tree]).split('\n').filter(Boolean).sort()).toEqual(['a.txt', 'sub/keep.txt']);
  });
});

describe('file names git takes as bytes', () => {
  it('a name that is not valid UTF-8 is in the snapshot, as git add -A stages it; UTF-8 names still read well in messages', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' });
    await fs.writeFile(Buffer.concat([Buffer.from(`${repo.dir}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), 'latin1 name\n');
    await repo.write('ünï.txt', 'utf8 name\n');
    await repo.write('.env.ünï', 'SECRET=1\n');
    const r = await repo.aml(['run', '--', 'true']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('.env.ünï');
    expect((await lastRun(repo)).tree).toBe(addAllTree(repo, ['.env.*']));
  });

  it('restore and clone-latest bring such names back byte for byte', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' });
    const latin1 = (dir: string) => Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]);
    await fs.writeFile(latin1(repo.dir), 'latin1 name\n');
    await repo.write('ünï/b.txt', 'utf8 name\n');
    expect((await repo.aml(['run', '--', 'true'])).code).toBe(0);
    repo.git(['clean', '-fdq']);
    await expect(fs.stat(latin1(repo.dir))).rejects.toThrow();
    const r = await repo.aml(['restore', 'latest']);
    expect(r.code, r.stderr).toBe(0);
    expect(await fs.readFile(latin1(repo.dir), 'utf8')).toBe('latin1 name\n');
    expect(await repo.read('ünï/b.txt')).toBe('utf8 name\n');
    const c = await gitAml(['clone-latest', repo.dir, 'copy'], { cwd: repo.sealed.root, env: repo.env });
    expect(c.code, c.stderr).toBe(0);
    expect(await fs.readFile(latin1(path.join(repo.sealed.root, 'copy')), 'utf8')).toBe('latin1 name\n');
  });
});

describe('.amlignore only ever leaves out more than git does', () => {
  it('a .gitignore negation does not bring back what .amlignore names; an .amlignore negation does not bring back what git ignores; its own negations work', async () => {
    repo = await tempRepo({ '.gitignore': '*.log\n!keep.log\n', '.amlignore': 'keep.log\n!secret_keep\ndata/*\n!data/small.csv\n', 'a.txt': 'a\n' });
    const globalExcludes = path.join(repo.sealed.root, 'global-excludes');
    await fs.writeFile(globalExcludes, 'secret_*\n');
    repo.git(['config', '--global', 'core.excludesFile', globalExcludes]);
    for (const f of ['keep.log', 'other.log', 'secret_keep', 'data/small.csv', 'data/big.csv', 'b.txt']) await repo.write(f, `${f}\n`);
    const r = await repo.aml(['run', '--', 'true']);
    expect(r.code, r.stderr).toBe(0);
    const tree = (await lastRun(repo)).tree;
    expect(repo.git(['ls-tree', '-r', '--name-only', tree]).split('\n').filter(Boolean).sort())
      .toEqual(['.amlignore', '.gitignore', 'a.txt', 'b.txt', 'data/small.csv']);
  });
});

describe('what a third trial found', () => {
  it('.amlignore matches case as git does', async () => {
    repo = await tempRepo({ '.amlignore': 'data/\n*.tmp\n', 'a.txt': 'a\n' });
    for (const f of ['Data/loader.py', 'data/big.csv', 'Notes.TMP', 'x.tmp']) await repo.write(f, `${f}\n`);
    expect((await repo.aml(['run', '--', 'true'])).code).toBe(0);
    const tree = (await lastRun(repo)).tree;
    expect(repo.git(['ls-tree', '-r', '--name-only', tree]).split('\n').filter(Boolean).sort()).toEqual(['.amlignore', 'Data/loader.py', 'Notes.TMP', 'a.txt']);
  });

  it('a tracked file replaced by a nested repository is recorded as a gitlink, as git add -A does; one with an empty .git/ is a plain folder', async () => {
    repo = await tempRepo({ 'a': 'a\n', 'b': 'b\n', 'c.txt': 'c\n' });
    for (const name of ['a', 'b']) await fs.rm(path.join(repo.dir, name));
    await repo.write('a/n', 'n\n');
    execFileSync('git', ['init', '-q'], { cwd: path.join(repo.dir, 'a'), env: repo.env });
    execFileSync('git', ['add', 'n'], { cwd: path.join(repo.dir, 'a'), env: repo.env });
    execFileSync('git', ['commit', '-qm', 'n'], { cwd: path.join(repo.dir, 'a'), env: repo.env });
    await fs.mkdir(path.join(repo.dir, 'b', '.git'), { recursive: true });
    await repo.write('b/f', 'f\n');
    const r = await repo.aml(['run', '--', 'true']);
    expect(r.code, r.stderr).toBe(0);
    const tree = (await lastRun(repo)).tree;
    expect(tree).toBe(addAllTree(repo));
    expect(repo.git(['ls-tree', tree, 'a'])).toMatch(/^160000 commit [0-9a-f]{40}\ta\n$/);
  });
});

describe('what a newcomer\'s walk through the README found', () => {
  it('restore says which uncommitted changes it replaced because a run holds them; the summary shows metrics briefly', async () => {
    repo = await tempRepo({ 'train.py': 'import json, os\nopen(os.environ["AML_METRICS_FILE"], "a").write(json.dumps({"name": "loss", "value": 0.041937557585070145}) + "\\n")\n' });
    const first = await repo.aml(['run', 'train.py']);
    expect(first.stderr).toMatch(/· loss=0\.04194 · recorded/);
    expect((await lastRun(repo)).metrics.loss).toBe(0.041937557585070145);
    await repo.write('train.py', (await repo.read('train.py')) + '# epochs 20\n');
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    const r = await repo.aml(['restore', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/uncommitted changes replaced without saving, since their content is in a recorded run .*: train\.py$/m);
  });
});
