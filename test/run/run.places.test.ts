import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasLfs } from '../helpers/hasLfs.js';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { runProcess } from '../helpers/runCli.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const runs = async (cwd = repo.dir) => JSON.parse((await repo.aml(['history', 'list', '--json'], { cwd })).stdout);

describe('git aml run works with no set-up wherever git does', () => {
  it('records a file edited in the same second as the last commit (racy-git safe)', async () => {
    for (let i = 0; i < 3; i++) {
      repo = await tempRepo({ 'train.py': 'print(1)\n', 'w.txt': 'aaaa\n' });
      await repo.write('w.txt', 'bbbb\n'); // same size, same second as the commit's index
      expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
      const [run] = await runs();
      expect(repo.git(['show', `${run.commit}:w.txt`])).toBe('bbbb\n');
      await repo.cleanup();
    }
  });

  it('on a detached HEAD', async () => {
    repo = await tempRepo({ 'train.py': 'print("detached")\n' });
    repo.git(['checkout', '-q', '--detach']);
    const before = await repoState(repo);
    const r = await repo.aml(['run', 'train.py']);
    expect(r.code, r.stderr).toBe(0);
    expect(await repoState(repo)).toEqual(before);
    const [run] = await runs();
    expect(run.baseBranch).toBeNull();
    expect(run.baseCommit).toBe(before.head);
  });

  it('from a subfolder: the script runs there, the snapshot is the whole project', async () => {
    repo = await tempRepo({ 'src/train.py': 'import os\nprint(os.getcwd())\nos.makedirs("outputs", exist_ok=True)\nopen("outputs/m.txt","w").write("m")\n', 'top.txt': 'top\n' });
    await repo.write('top.txt', 'changed\n');
    const r = await repo.aml(['run', 'train.py'], { cwd: path.join(repo.dir, 'src') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(path.join(repo.dir, 'src'));
    const [run] = await runs();
    expect(repo.git(['show', `${run.commit}:top.txt`])).toBe('changed\n');
    expect(repo.git(['ls-tree', '-r', '--name-only', run.commit])).not.toContain('src/outputs/');
    expect(repo.git(['show', `${run.artifacts.commit}:outputs/m.txt`])).toBe('m');
  });

  it('in a linked worktree, recording on the shared history branch', async () => {
    repo = await tempRepo({ 'train.py': 'print("wt")\n' });
    const wt = path.join(repo.sealed.root, 'wt');
    repo.git(['worktree', 'add', '-q', '-b', 'feature', wt]);
    await fs.writeFile(path.join(wt, 'train.py'), 'print("changed in wt")\n');
    const r = await repo.aml(['run', 'train.py'], { cwd: wt });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('changed in wt');
    const [run] = await runs(); // read from the main worktree: same branch
    expect(run.baseBranch).toBe('feature');
    expect(repo.git(['show', `${run.commit}:train.py`])).toBe('print("changed in wt")\n');
    expect(repo.git(['status', '--porcelain'], wt)).toBe(' M train.py\n');
  });

  it('with a submodule: recorded as a gitlink', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    const lib = await tempRepo({ 'lib.py': 'x = 1\n' }, { sealed: repo.sealed, name: 'lib' });
    repo.git(['submodule', 'add', '-q', lib.dir, 'lib']);
    repo.git(['commit', '-qm', 'add lib']);
    const r = await repo.aml(['run', 'train.py']);
    expect(r.code, r.stderr).toBe(0);
    const [run] = await runs();
    const entry = repo.git(['ls-tree', run.commit, 'lib']);
    expect(entry).toMatch(/^160000 commit [0-9a-f]{40}\tlib/);
  });

  it.skipIf(!hasLfs)('with LFS-tracked files: the snapshot stores the pointer, never the content', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    repo.git(['lfs', 'install', '--local']);
    repo.git(['lfs', 'track', '*.bin']);
    repo.git(['add', '.gitattributes']);
    repo.git(['commit', '-qm', 'lfs']);
    // Bigger than the single-file limit set below: only the pointer is new content.
    await repo.write('.gitamlrc.json', '{"limits": {"fileMb": 1}}\n');
    await repo.write('weights.bin', Buffer.alloc(3 * 1024 * 1024, 1));
    const r = await repo.aml(['run', 'train.py']);
    expect(r.code, r.stderr).toBe(0);
    const [run] = await runs();
    const stored = repo.git(['show', `${run.commit}:weights.bin`]);
    expect(stored).toMatch(/^version https:\/\/git-lfs.github.com\/spec\/v1/);
    expect(stored.length).toBeLessThan(300);
  });

  it('works when git has no identity configured', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    await fs.writeFile(repo.env.GIT_CONFIG_GLOBAL!, '[init]\n\tdefaultBranch = master\n');
    const r = await repo.aml(['run', 'train.py'], { env: { EMAIL: '' } });
    expect(r.code, r.stderr).toBe(0);
    const [run] = await runs();
    expect(run.user.email).toContain('@');
  });

  it('git aml-run is git aml run', async () => {
    repo = await tempRepo({ 'train.py': 'import sys\nprint(sys.argv[1:])\n' });
    const r = await runProcess('git', ['aml-run', 'train.py', '--json'], { cwd: repo.dir, env: repo.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("['--json']");
    expect(await runs()).toHaveLength(1);
  });

  it('runs the interpreter by extension and executables as they are', async () => {
    repo = await tempRepo({ 'a.sh': 'echo "sh $1"\n', 'b.js': 'console.log("js", process.argv[2])\n', 'c.mjs': 'console.log("mjs")\n', 'tool': '#!/bin/sh\necho "exe $1"\n' });
    await fs.chmod(path.join(repo.dir, 'tool'), 0o755);
    expect((await repo.aml(['run', 'a.sh', 'x'])).stdout).toBe('sh x\n');
    expect((await repo.aml(['run', 'b.js', 'y'])).stdout).toBe('js y\n');
    expect((await repo.aml(['run', 'c.mjs'])).stdout).toBe('mjs\n');
    expect((await repo.aml(['run', 'tool', 'z'])).stdout).toBe('exe z\n');
    expect((await repo.aml(['run', '--', 'sh', '-c', 'echo "$0 $1"', 'q', 'w'])).stdout).toBe('q w\n');
    const rs = await runs();
    expect(rs.map((r: { command: string[] }) => r.command[0])).toEqual(['sh', './tool', process.execPath, process.execPath, 'bash']);
  });
});
