import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, runProcess } from '../helpers/runCli.js';
import { BIN } from '../helpers/sealedEnv.js';
import { fileFingerprints } from '../helpers/fileFingerprints.js';
import { markerHook, pushCommandExists, readIf, writeExecutable } from '../helpers/hookFixtures.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

/** A repo with a bare remote beside it and the user's own pre-push hook that records args and stdin. */
async function plainRepoWithPrePush(status = 0) {
  repo = await tempRepo({ 'train.py': 'print(1)\n' });
  const remote = path.join(repo.sealed.root, 'remote.git');
  repo.git(['init', '-q', '--bare', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  const hooks = path.join(repo.dir, '.git/hooks');
  const marker = path.join(repo.sealed.root, 'marker');
  await writeExecutable(path.join(hooks, 'pre-push'), markerHook(marker, status));
  return { remote, hooks, marker };
}

describe('git aml hooks in a plain repo', () => {
  it('chains the existing pre-push (same args, stdin replayed, its status decides), twice is no change, uninstall restores', async () => {
    const { remote, hooks, marker } = await plainRepoWithPrePush();
    const before = await fileFingerprints(hooks);

    const r = await repo.aml(['hooks', 'install']);
    expect(r.code).toBe(0);
    const installed = await fileFingerprints(hooks);
    expect(installed['pre-push.aml-chained']).toBe(before['pre-push']);
    expect(await readIf(path.join(hooks, 'pre-push'))).toContain('# git-aml hook: pre-push');
    expect((await fs.stat(path.join(hooks, 'pre-commit'))).mode & 0o777).toBe(0o755);

    // Installing again changes nothing, not even the state file.
    const stateFile = path.join(repo.dir, '.git/aml/hooks-installed.json');
    const stateBefore = await readIf(stateFile);
    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(installed);
    expect(await readIf(stateFile)).toBe(stateBefore);

    const status = JSON.parse((await repo.aml(['hooks', 'status', '--json'])).stdout);
    expect(status.hooks.map((h: { hook: string; state: string }) => [h.hook, h.state])).toEqual([
      ['pre-push', 'chained'], ['pre-commit', 'installed'], ['prepare-commit-msg', 'installed'],
    ]);
    expect(status.hooks[0].chained[0]).toContain('pre-push.aml-chained');

    // A plain git push: the user's hook saw git's arguments and the ref list; the push went through.
    const p = await runProcess('git', ['push', 'origin', 'master'], { cwd: repo.dir, env: repo.env });
    expect(p.code).toBe(0);
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    expect((await readIf(marker)).startsWith(`args: origin ${remote}\nrefs/heads/master ${head} refs/heads/master ${'0'.repeat(40)}\n`)).toBe(true);
    expect(repo.git(['--git-dir', remote, 'rev-parse', 'master']).trim()).toBe(head);
    // Our part ran after the user's hook: without `git aml push` (or with nothing queued, a remote that
    // refuses…) it is one warning line and the push still goes through.
    const warnings = p.stderr.split('\n').filter((l) => l.startsWith('git aml: warning'));
    if (!pushCommandExists) expect(warnings).toEqual([expect.stringContaining('not delivered to origin')]);
    else expect(warnings.length).toBeLessThanOrEqual(1);

    const u = await repo.aml(['hooks', 'uninstall']);
    expect(u.code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(before);
    expect(await readIf(stateFile)).toBe('');
  });

  it('lets the user\'s failing pre-push stop the push, and runs nothing of ours then', async () => {
    const { remote, marker } = await plainRepoWithPrePush(1);
    await repo.aml(['hooks', 'install']);
    const p = await runProcess('git', ['push', 'origin', 'master'], { cwd: repo.dir, env: repo.env });
    expect(p.code).not.toBe(0);
    expect(p.stderr).not.toContain('git aml');
    expect(await readIf(marker)).toContain('args: origin');
    expect(repo.git(['--git-dir', remote, 'for-each-ref']).trim()).toBe('');
  });

  it('AML_HOOKS=0 turns our part off but keeps the user\'s hook; without git-aml on PATH the hooks are no-ops', async () => {
    const { marker } = await plainRepoWithPrePush();
    await repo.aml(['hooks', 'install']);
    const off = await runProcess('git', ['push', 'origin', 'master'], { cwd: repo.dir, env: { ...repo.env, AML_HOOKS: '0', AML_TRACE: '1' } });
    expect(off.code).toBe(0);
    expect(off.stderr).not.toContain('git aml');
    expect(off.stderr).not.toContain('[trace]');
    expect(await readIf(marker)).toContain('args: origin');

    // A teammate without git-aml: commits and pushes behave as if no git-aml hook were there.
    const noAml = { ...repo.env, PATH: repo.env.PATH!.split(path.delimiter).filter((d) => d !== BIN).join(path.delimiter) };
    await repo.write('a.txt', 'a\n');
    repo.git(['add', 'a.txt']);
    const c = await runProcess('git', ['commit', '-m', 'a'], { cwd: repo.dir, env: noAml });
    expect(c.code).toBe(0);
    expect(c.stderr).not.toContain('git aml');
  });

  it('refuses what it cannot chain safely and unknown hooks, with a typed error', async () => {
    const { hooks } = await plainRepoWithPrePush();
    await writeExecutable(path.join(hooks, 'pre-push.aml-chained'), '#!/bin/sh\nexit 0\n');
    const before = await fileFingerprints(hooks);
    const r = await repo.aml(['hooks', 'install']);
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe('HookConflictError');
    expect(r.stderr).toMatch(/hint: .*rm .*pre-push\.aml-chained/);
    expect(await fileFingerprints(hooks)).toEqual(before); // nothing half-done

    const bad = await repo.aml(['hooks', 'install', '--hook', 'post-merge']);
    expect(bad.code).toBe(2);
    expect(errorCode(bad)).toBe('UsageError');
  });

  it('leaves an edited copy of ours alone unless --force, and --force only rewrites our own file', async () => {
    const { hooks } = await plainRepoWithPrePush();
    await repo.aml(['hooks', 'install', '--hook', 'pre-commit']);
    const ours = path.join(hooks, 'pre-commit');
    const shipped = await readIf(ours);
    await fs.appendFile(ours, '# edited\n');
    const r = await repo.aml(['hooks', 'install', '--hook', 'pre-commit']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('git aml hooks install --force');
    expect(await readIf(ours)).toBe(shipped + '# edited\n');
    expect(JSON.parse((await repo.aml(['hooks', 'status', '--json'])).stdout).hooks[1].state).toBe('outdated');
    expect((await repo.aml(['hooks', 'install', '--hook', 'pre-commit', '--force'])).code).toBe(0);
    expect(await readIf(ours)).toBe(shipped);
    expect(await readIf(path.join(hooks, 'pre-push'))).not.toContain('git-aml hook'); // not asked for: untouched
  });
});
