import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { CLI_ENTRY, errorCode, gitAml, runProcess } from '../helpers/runCli.js';
import { sealedEnv } from '../helpers/sealedEnv.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

/** Runs `git aml args` and checks the typed error, the exit status and that the repo did not change. */
async function expectRefused(args: string[], code: string, exit = 1, env: NodeJS.ProcessEnv = {}) {
  const before = await repoState(repo);
  const r = await repo.aml(args, { env });
  expect(errorCode(r), r.stderr).toBe(code);
  expect(r.code).toBe(exit);
  expect(r.stderr).toMatch(/\nhint: \S/);
  expect(await repoState(repo)).toEqual(before);
  expect(repo.git(['for-each-ref', 'refs/heads/AzureMLHistory'])).toBe('');
  return r;
}

describe('git aml run refuses bad input with a typed error, a hint, exit 1 and no change', () => {
  it('script not found', async () => {
    repo = await tempRepo();
    await expectRefused(['run', 'nope.py'], 'ScriptNotFoundError');
    await expectRefused(['run', '--', 'no-such-command-xyz'], 'ScriptNotFoundError');
  });

  it('script not executable and no known interpreter', async () => {
    repo = await tempRepo({ 'job.xyz': 'echo hi\n' });
    await expectRefused(['run', 'job.xyz'], 'ScriptNotRunnableError');
  });

  it('interpreter missing', async () => {
    repo = await tempRepo({ 'model.R': 'print(1)\n' });
    // PATH without Rscript (the machine has none; this makes sure) but with git and our bin.
    const r = await expectRefused(['run', 'model.R'], 'InterpreterNotFoundError', 1, { PATH: `${path.dirname(process.execPath)}:${repo.env.PATH}` });
    expect(r.stderr).toContain('Rscript');
  });

  it('configured interpreter missing names the config file', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n', '.gitamlrc.json': '{"interpreters": {".py": "python9.9"}}\n' });
    const r = await expectRefused(['run', 'train.py'], 'InterpreterNotFoundError');
    expect(r.stderr).toContain('.gitamlrc.json');
  });

  it('unknown option before the script is a usage error (exit 2)', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    await expectRefused(['run', '--bogus', 'train.py'], 'UsageError', 2);
  });

  it('malformed config file names the file and the line', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n', '.gitamlrc.yaml': 'limits:\n  snapshotMb: 5\n bad: [\n' });
    const r = await expectRefused(['run', 'train.py'], 'ConfigInvalidError');
    expect(r.stderr).toContain('.gitamlrc.yaml');
    expect(r.stderr).toMatch(/line \d+|:\d+/);
  });

  it('invalid config value names the key and the file', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n', 'package.json': '{"name": "x", "gitaml": {"push": "sometimes"}}\n' });
    const r = await expectRefused(['run', 'train.py'], 'ConfigInvalidError');
    expect(r.stderr).toContain('package.json');
    expect(r.stderr).toContain('"push"');
  });

  it('the size guard names the largest new files', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n', '.gitamlrc.json': '{"limits": {"snapshotMb": 1, "fileMb": 1}}\n' });
    await repo.write('data/big.bin', Buffer.alloc(2 * 1024 * 1024, 7));
    await repo.write('data/small.bin', Buffer.alloc(10, 7));
    const r = await expectRefused(['run', 'train.py'], 'SnapshotTooLargeError');
    expect(r.stderr).toContain('data/big.bin');
    expect(r.stderr).toContain('.amlignore');
    // The refused content was never stored.
    const blob = repo.git(['hash-object', 'data/big.bin']).trim();
    expect((await runProcess('git', ['cat-file', '-e', blob], { cwd: repo.dir, env: repo.env })).code).not.toBe(0);
  });

  it('a repo with no commits yet is explained', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' }, { commit: false });
    const r = await repo.aml(['run', 'train.py']);
    expect(errorCode(r)).toBe('NoCommitsError');
    expect(r.stderr).toContain('git commit');
  });

  it('not a git repo, and a bare repo', async () => {
    const sealed = await sealedEnv();
    try {
      const plain = path.join(sealed.root, 'plain');
      await fs.mkdir(plain);
      const r1 = await gitAml(['run', 'x.py'], { cwd: plain, env: { ...sealed.env, GIT_CEILING_DIRECTORIES: sealed.root } });
      expect(errorCode(r1)).toBe('NotAGitRepoError');
      expect(r1.code).toBe(1);
      const bare = path.join(sealed.root, 'bare.git');
      await runProcess('git', ['init', '-q', '--bare', bare], { cwd: sealed.root, env: sealed.env });
      const r2 = await gitAml(['history', 'list'], { cwd: bare, env: sealed.env });
      expect(errorCode(r2)).toBe('BareRepoError');
      expect(await fs.readdir(path.join(bare, 'refs', 'heads'))).toEqual([]);
    } finally {
      await sealed.cleanup();
    }
  });

  it('git too old', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    // A git on PATH that reports an old version and otherwise defers to the real one.
    const fake = path.join(repo.sealed.root, 'oldgit');
    await fs.mkdir(fake);
    const real = (await runProcess('sh', ['-c', 'command -v git'], { cwd: repo.dir, env: repo.env })).stdout.trim();
    await fs.writeFile(path.join(fake, 'git'), `#!/bin/sh\n[ "$1" = "--version" ] && { echo "git version 2.20.1"; exit 0; }\nexec ${real} "$@"\n`, { mode: 0o755 });
    const r = await runProcess(process.execPath, [CLI_ENTRY, 'run', 'train.py'], {
      cwd: repo.dir, env: { ...repo.env, PATH: `${fake}:${repo.env.PATH}` },
    });
    expect(errorCode(r)).toBe('GitTooOldError');
  });
});
