import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, runProcess } from '../helpers/runCli.js';
import { ROOT } from '../helpers/sealedEnv.js';
import { fileFingerprints } from '../helpers/fileFingerprints.js';
import { TRAIN, pushCommandExists, readIf } from '../helpers/hookFixtures.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

/** husky 9 from this project's devDependencies, run as `npx husky` runs it: its bin, in the project. */
const HUSKY_BIN = path.join(ROOT, 'node_modules/husky/bin.js');
const husky = () => runProcess(process.execPath, [HUSKY_BIN], { cwd: repo.dir, env: repo.env });

/** A project using husky 9 whose pre-push runs the user's check (it records its args and stdin). */
async function huskyRepo() {
  repo = await tempRepo({ 'train.py': TRAIN, '.gitignore': 'outputs/\n' });
  const remote = path.join(repo.sealed.root, 'remote.git');
  repo.git(['init', '-q', '--bare', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  const marker = path.join(repo.sealed.root, 'check-ran');
  await repo.write('.husky/pre-push', `echo "check: $*" >> '${marker}'\ncat >> '${marker}'\n`);
  repo.git(['add', '-A']);
  repo.git(['commit', '-q', '-m', 'husky']);
  const h = await husky();
  expect(h.code).toBe(0);
  expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.husky/_');
  return { remote, marker, dir: path.join(repo.dir, '.husky') };
}

describe('git aml hooks with husky 9', () => {
  it('adds one line to the user-owned .husky/<hook>, survives husky reinstalling, and uninstall restores every file', async () => {
    const { marker, dir } = await huskyRepo();
    expect((await repo.aml(['run', '--no-push', 'train.py'])).code).toBe(0);
    const before = await fileFingerprints(dir);
    const config = repo.git(['config', '--list', '--local']);

    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    const after = await fileFingerprints(dir);
    // husky's own folder is untouched; our line is in the user's files (created where there was none).
    expect(Object.entries(after).filter(([k]) => k.startsWith('_/'))).toEqual(Object.entries(before).filter(([k]) => k.startsWith('_/')));
    const prePush = await repo.read('.husky/pre-push');
    expect(prePush.startsWith(`echo "check: $*"`)).toBe(true);
    expect(prePush.trimEnd().split('\n').pop()).toContain('git aml hooks run pre-push "$@"');
    expect(await repo.read('.husky/pre-commit')).toContain('git aml hooks run pre-commit');
    expect(repo.git(['config', '--list', '--local'])).toBe(config); // core.hooksPath is husky's, still

    const status = JSON.parse((await repo.aml(['hooks', 'status', '--json'])).stdout);
    expect(status.hooks.map((h: { state: string; manager: string }) => `${h.manager}:${h.state}`)).toEqual(['husky:chained', 'husky:chained', 'husky:chained']);

    // husky rewrites .husky/_ on every `npm install`; the user's files, and our lines, stay.
    expect((await husky()).code).toBe(0);
    expect(await fileFingerprints(dir)).toEqual(after);
    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    expect(await fileFingerprints(dir)).toEqual(after);

    // git push runs the user's check (with git's stdin), then ours; a refused commit on the history branch.
    const p = await runProcess('git', ['push', 'origin', 'master'], { cwd: repo.dir, env: repo.env });
    expect(p.code).toBe(0);
    // (Prefix only: when `git aml push` delivers runs its own `git push` may run the user's check again.)
    expect(await readIf(marker)).toMatch(/^check: origin .*remote\.git\nrefs\/heads\/master [0-9a-f]{40} refs\/heads\/master 0{40}\n/);
    repo.git(['checkout', '-q', repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory/']).trim()]);
    const c = await runProcess('git', ['commit', '--allow-empty', '-m', 'by hand'], { cwd: repo.dir, env: repo.env });
    expect(errorCode(c)).toBe('CommitOnHistoryBranchError');
    expect(c.stdout + c.stderr).toContain('husky - pre-commit script failed');
    repo.git(['checkout', '-q', 'master']);

    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(dir)).toEqual(before);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('lets a teammate without git-aml commit and push through the committed line', async () => {
    await huskyRepo();
    await repo.aml(['hooks', 'install']);
    repo.git(['add', '.husky']);
    const env = { ...repo.env, PATH: repo.env.PATH!.split(path.delimiter).filter((d) => d !== path.join(ROOT, 'bin')).join(path.delimiter) };
    const c = await runProcess('git', ['commit', '-m', 'share hooks'], { cwd: repo.dir, env });
    expect(c.code).toBe(0);
    const p = await runProcess('git', ['push', 'origin', 'master'], { cwd: repo.dir, env });
    expect(p.code).toBe(0);
    expect(p.stderr).not.toContain('git aml');
  });

  it('refuses to install into .git/hooks while the project has husky but this clone has not set it up', async () => {
    repo = await tempRepo({ '.husky/pre-commit': 'npm test\n' });
    const r = await repo.aml(['hooks', 'install']);
    expect(errorCode(r)).toBe('HookManagerNotReadyError');
    expect(r.stderr).toContain('hint: npx husky && git aml hooks install');
    expect(await fs.readdir(path.join(repo.dir, '.git/hooks'))).not.toContain('pre-commit');
  });

  // The "done when". Needs `git aml push` (remote branch): until it is merged, this is skipped.
  it.skipIf(!pushCommandExists)('husky pre-push + a run while the remote is down + a plain git push: the check ran, the run arrived, uninstall restores [needs git aml push]', async () => {
    const { remote, marker, dir } = await huskyRepo();
    const before = await fileFingerprints(dir);
    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    expect((await runProcess('git', ['push', '-q', 'origin', 'master'], { cwd: repo.dir, env: repo.env })).code).toBe(0);

    const away = remote + '.away';
    await fs.rename(remote, away); // the remote is down
    const run = await repo.aml(['run', 'train.py']);
    expect(run.code).toBe(0);
    const [rec] = JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout);
    expect(rec.pushed).toBe(false);
    const historyRef = repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads/AzureMLHistory/']).trim();
    await fs.rename(away, remote); // back

    await fs.rm(marker, { force: true });
    await repo.write('notes.md', 'more\n');
    repo.git(['add', 'notes.md']);
    repo.git(['commit', '-q', '-m', 'notes']);
    const p = await runProcess('git', ['push', 'origin', 'master'], { cwd: repo.dir, env: repo.env });
    expect(p.code).toBe(0);
    expect(await readIf(marker)).toContain('check: origin');
    expect(repo.git(['--git-dir', remote, 'rev-parse', historyRef]).trim()).toBe(repo.git(['rev-parse', historyRef]).trim());
    expect(repo.git(['--git-dir', remote, 'rev-parse', 'master']).trim()).toBe(repo.git(['rev-parse', 'master']).trim());

    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(dir)).toEqual(before);
  });
});
