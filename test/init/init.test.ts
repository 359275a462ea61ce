import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { errorCode, gitAml } from '../helpers/runCli.js';
import { tempRepo } from '../helpers/tempRepo.js';

let sealed: Sealed;
afterEach(async () => sealed?.cleanup());

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env: sealed.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const aml = (cwd: string, args: string[]) => gitAml(args, { cwd, env: sealed.env });
const exists = (p: string) => fs.stat(p).then(() => true, () => false);
const files = (dir: string, rev = 'HEAD') => git(dir, ['ls-tree', '-r', '--name-only', rev]).split('\n').filter(Boolean).sort();

/** A bare repo at a file path, used as the remote (the smart-HTTP server lives on another branch). */
function bareRemote(name = 'remote.git'): string {
  const p = path.join(sealed.root, name);
  git(sealed.root, ['init', '-q', '--bare', p]);
  return p;
}

describe('git aml init', () => {
  it('makes a new folder an iris project whose train.py records a Completed run with its metric through -c local', async () => {
    sealed = await sealedEnv();
    const r = await aml(sealed.root, ['init', 'iris', '--template', 'iris']);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(sealed.root, 'iris');
    expect(files(dir)).toEqual(['.amlignore', '.gitamlrc.json', '.gitignore', 'README.md', 'aml_config/conda_dependencies.yml', 'aml_config/local.compute', 'aml_config/local.runconfig', 'data/iris.csv', 'train.py']);
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const rc = JSON.parse(await fs.readFile(path.join(dir, '.gitamlrc.json'), 'utf8'));
    expect(rc).toEqual({ name: 'iris', projectId: expect.stringMatching(/^[0-9a-f]{12}$/) });

    const run = await aml(dir, ['run', '-c', 'local', 'train.py']);
    expect(run.code, run.stderr).toBe(0);
    const [rec] = JSON.parse((await aml(dir, ['history', 'list', '--json'])).stdout);
    expect(rec).toMatchObject({ status: 'Completed', runConfig: 'local', metrics: { accuracy: 0.9 }, artifacts: { outputs: ['model.json'] } });
    expect(rec.id).toMatch(/^iris_\d+$/);
    expect(git(dir, ['rev-parse', '--verify', `refs/heads/AzureMLHistory/${rc.projectId}`]).trim()).toBe(rec.commit);
    // outputs/ is ignored, so the run leaves nothing for git status to show.
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });

  it('makes the current empty folder a blank project', async () => {
    sealed = await sealedEnv();
    const dir = path.join(sealed.root, 'blank-one');
    await fs.mkdir(dir);
    const r = await aml(dir, ['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(files(dir)).toEqual(['.amlignore', '.gitamlrc.json', '.gitignore', 'README.md', 'aml_config/conda_dependencies.yml', 'aml_config/local.compute', 'aml_config/local.runconfig']);
    expect(JSON.parse(await fs.readFile(path.join(dir, '.gitamlrc.json'), 'utf8')).name).toBe('blank-one');
  });

  it('keeps every file, commit and staged change of an existing repo, keeps its project id, and changes nothing the second time', async () => {
    const repo = await tempRepo({ 'README.md': '# mine\n', '.gitignore': 'secret/\n', 'aml_config/local.runconfig': 'ArgumentVector: ["$file", "--mine"]\n' });
    sealed = repo.sealed;
    const root = repo.git(['rev-parse', 'HEAD']).trim();
    await repo.write('staged.txt', 'staged\n');
    repo.git(['add', 'staged.txt']);
    await repo.write('loose.txt', 'untracked\n');
    const r = await repo.aml(['init', '--name', 'mine']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['rev-parse', 'HEAD~1']).trim()).toBe(root);
    expect(await repo.read('README.md')).toBe('# mine\n');
    expect(await repo.read('aml_config/local.runconfig')).toBe('ArgumentVector: ["$file", "--mine"]\n');
    expect(await repo.read('.gitignore')).toMatch(/^secret\/\noutputs\/\n/);
    expect(repo.git(['status', '--porcelain']).split('\n').filter(Boolean).sort()).toEqual(['?? loose.txt', 'A  staged.txt']);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).split('\n').filter(Boolean).sort()).toEqual(['.amlignore', '.gitamlrc.json', '.gitignore', 'aml_config/conda_dependencies.yml', 'aml_config/local.compute']);
    expect(JSON.parse(await repo.read('.gitamlrc.json'))).toEqual({ name: 'mine', projectId: root.slice(0, 12) });

    const head = repo.git(['rev-parse', 'HEAD']);
    const status = repo.git(['status', '--porcelain']);
    const again = await repo.aml(['init', '--name', 'mine']);
    expect(again.code, again.stderr).toBe(0);
    expect(repo.git(['rev-parse', 'HEAD'])).toBe(head);
    expect(repo.git(['status', '--porcelain'])).toBe(status);
  });

  it('refuses bad input with a typed error and makes nothing', async () => {
    sealed = await sealedEnv();
    const before = await fs.readdir(sealed.root);
    const name = await aml(sealed.root, ['init', 'p', '--name', 'my project!']);
    expect([name.code, errorCode(name)]).toEqual([2, 'InvalidProjectNameError']);
    expect(name.stderr).toMatch(/letters, digits/);
    expect(name.stderr).toMatch(/hint: git aml init p --name my-project/);
    const tpl = await aml(sealed.root, ['init', 'p', '--template', 'mnist']);
    expect([tpl.code, errorCode(tpl)]).toEqual([2, 'UnknownTemplateError']);
    expect(tpl.stderr).toMatch(/blank .*iris/);
    const unreachable = await aml(sealed.root, ['init', 'p', '--remote', path.join(sealed.root, 'no-such.git')]);
    expect([unreachable.code, errorCode(unreachable)]).toEqual([1, 'RemoteUnreachableError']);
    expect(await fs.readdir(sealed.root)).toEqual(before);

    const full = path.join(sealed.root, 'full');
    await fs.mkdir(full);
    await fs.writeFile(path.join(full, 'notes.txt'), 'keep\n');
    const notEmpty = await aml(sealed.root, ['init', 'full']);
    expect(errorCode(notEmpty)).toBe('FolderNotEmptyError');
    expect(await fs.readdir(full)).toEqual(['notes.txt']);
  });
});

describe('git aml init --remote', () => {
  it('links origin and pushes the first commit to an empty remote', async () => {
    sealed = await sealedEnv();
    const remote = bareRemote();
    const r = await aml(sealed.root, ['init', 'iris', '--template', 'iris', '--remote', remote]);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(sealed.root, 'iris');
    expect(git(dir, ['remote', 'get-url', 'origin']).trim()).toBe(remote);
    expect(git(remote, ['rev-parse', 'master'])).toBe(git(dir, ['rev-parse', 'HEAD']));
    expect(git(dir, ['rev-parse', '--abbrev-ref', '@{upstream}']).trim()).toBe('origin/master');
  });

  it('with blank, builds on a remote master that exists: cloned, project files added as a new commit', async () => {
    const team = await tempRepo({ 'README.md': '# team readme\n', 'model.py': 'v = 1\n' }, { name: 'team' });
    sealed = team.sealed;
    const remote = bareRemote();
    team.git(['push', '-q', remote, 'master']);
    const old = team.git(['rev-parse', 'HEAD']).trim();
    const r = await aml(sealed.root, ['init', 'proj', '--remote', remote]);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(sealed.root, 'proj');
    expect(git(dir, ['rev-parse', 'HEAD~1']).trim()).toBe(old);
    expect(await fs.readFile(path.join(dir, 'README.md'), 'utf8')).toBe('# team readme\n');
    expect(files(dir)).toContain('model.py');
    expect(files(dir)).toContain('aml_config/local.runconfig');
    expect(git(remote, ['rev-parse', 'master'])).toBe(git(dir, ['rev-parse', 'HEAD']));
    // The id of a project that already has history comes from its root commit, as every clone would derive it.
    expect(JSON.parse(await fs.readFile(path.join(dir, '.gitamlrc.json'), 'utf8')).projectId).toBe(old.slice(0, 12));
  });

  it('with another template, refuses a remote that has master; --force replaces its files as a new commit', async () => {
    const team = await tempRepo({ 'old.py': 'old\n' }, { name: 'team' });
    sealed = team.sealed;
    const remote = bareRemote();
    team.git(['push', '-q', remote, 'master']);
    const old = team.git(['rev-parse', 'HEAD']).trim();

    const refused = await aml(sealed.root, ['init', 'iris', '--template', 'iris', '--remote', remote]);
    expect([refused.code, errorCode(refused)]).toEqual([1, 'RemoteHasMasterError']);
    expect(refused.stderr).toMatch(/hint: .*--force/);
    expect(await exists(path.join(sealed.root, 'iris'))).toBe(false);
    expect(git(remote, ['rev-parse', 'master']).trim()).toBe(old);

    const forced = await aml(sealed.root, ['init', 'iris', '--template', 'iris', '--remote', remote, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const dir = path.join(sealed.root, 'iris');
    expect(git(remote, ['rev-parse', 'master^']).trim()).toBe(old);
    expect(files(remote, 'master')).not.toContain('old.py');
    expect(files(remote, 'master')).toContain('train.py');
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
  });

  it('in an existing repo, refuses another origin or a remote master it lacks, and leaves the repo as it was', async () => {
    const mine = await tempRepo({ 'a.py': 'a\n' }, { name: 'mine' });
    sealed = mine.sealed;
    const other = await tempRepo({ 'b.py': 'b\n' }, { name: 'other', sealed });
    const remote = bareRemote();
    other.git(['push', '-q', remote, 'master']);
    const state = () => [mine.git(['rev-parse', 'HEAD']), mine.git(['status', '--porcelain', '--untracked-files=all', '--ignored']), mine.git(['remote', '-v'])];
    const before = state();
    const unrelated = await mine.aml(['init', '--remote', remote]);
    expect(errorCode(unrelated)).toBe('RemoteHasMasterError');
    expect(unrelated.stderr).toMatch(/hint: .*git pull origin master/);
    expect(state()).toEqual(before);

    mine.git(['remote', 'add', 'origin', path.join(sealed.root, 'elsewhere.git')]);
    const withOrigin = state();
    const conflict = await mine.aml(['init', '--remote', bareRemote('empty.git')]);
    expect(errorCode(conflict)).toBe('OriginConflictError');
    expect(state()).toEqual(withOrigin);
  });
});
