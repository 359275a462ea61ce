import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, runProcess } from '../helpers/runCli.js';
import { ROOT } from '../helpers/sealedEnv.js';
import { fileFingerprints } from '../helpers/fileFingerprints.js';
import { TRAIN, markerHook, readIf, writeExecutable } from '../helpers/hookFixtures.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const git = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = repo.dir) => runProcess('git', args, { cwd, env: { ...repo.env, ...env } });
const statesOf = async (cwd = repo.dir) => JSON.parse((await repo.aml(['hooks', 'status', '--json'], { cwd })).stdout).hooks
  .map((h: { hook: string; manager: string; state: string }) => `${h.hook} ${h.manager}:${h.state}`);
const historyBranch = () => repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory/']).trim();

/**
 * lefthook's runner, reduced to what matters here: `lefthook run <hook> args…` runs each command of the
 * hook from lefthook.yml and lefthook-local.yml (local merged over main) with {1}, {2} replaced, and fails
 * if one fails. The hook scripts lefthook writes call it; they say LEFTHOOK, as the real ones do.
 */
const FAKE_LEFTHOOK = `const fs = require('fs'), { execSync } = require('child_process');
const YAML = require(${JSON.stringify(path.join(ROOT, 'node_modules/yaml'))});
const [, , , hook, ...args] = process.argv;
const load = (f) => fs.existsSync(f) ? YAML.parse(fs.readFileSync(f, 'utf8')) || {} : {};
const main = load('lefthook.yml'), local = load('lefthook-local.yml');
const commands = { ...(main[hook]?.commands ?? {}), ...(local[hook]?.commands ?? {}) };
let failed = 0;
for (const c of Object.values(commands)) {
  const run = c.run.replace(/\\{(\\d)\\}/g, (_, i) => args[i - 1] ?? '');
  try { execSync(run, { stdio: 'inherit', shell: '/bin/sh' }); } catch { failed = 1; }
}
process.exit(failed);
`;
const lefthookHook = (hook: string) => `#!/bin/sh\nif [ "$LEFTHOOK" = "0" ]; then\n  exit 0\nfi\nexec lefthook run "${hook}" "$@"\n`;

async function lefthookRepo(local?: string) {
  repo = await tempRepo({ 'train.py': TRAIN, '.gitignore': 'lefthook-local.yml\n' });
  const marker = path.join(repo.sealed.root, 'lint-ran');
  await repo.write('lefthook.yml', `pre-commit:\n  commands:\n    lint:\n      run: echo lint >> '${marker}'\n`);
  if (local !== undefined) await repo.write('lefthook-local.yml', local);
  repo.git(['add', 'lefthook.yml']);
  repo.git(['commit', '-q', '-m', 'lefthook']);
  const hooks = path.join(repo.dir, '.git/hooks');
  for (const h of ['pre-commit', 'pre-push', 'prepare-commit-msg']) await writeExecutable(path.join(hooks, h), lefthookHook(h));
  // What `lefthook install` did to the user's own hook: renamed it, and it no longer runs.
  await writeExecutable(path.join(hooks, 'pre-push.old'), markerHook(path.join(repo.sealed.root, 'old-ran')));
  await writeExecutable(path.join(repo.sealed.root, 'fakebin/lefthook.cjs'), FAKE_LEFTHOOK);
  await writeExecutable(path.join(repo.sealed.root, 'fakebin/lefthook'), '#!/bin/sh\nexec node "$(dirname "$0")/lefthook.cjs" "$@"\n');
  repo.env.PATH = `${repo.env.PATH}${path.delimiter}${path.join(repo.sealed.root, 'fakebin')}`;
  const remote = path.join(repo.sealed.root, 'remote.git');
  repo.git(['init', '-q', '--bare', remote]);
  repo.git(['remote', 'add', 'origin', remote]);
  return { hooks, marker };
}

describe('git aml hooks with lefthook', () => {
  it('adds its commands to lefthook-local.yml, leaves lefthook\'s hooks and the renamed .old alone, and uninstall removes the file it created', async () => {
    const { hooks, marker } = await lefthookRepo();
    const before = { hooks: await fileFingerprints(hooks), top: await fileFingerprints(repo.dir, { skip: (p) => !p.startsWith('lefthook') }) };

    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(before.hooks);
    expect(await repo.read('lefthook-local.yml')).toContain('git aml hooks run pre-push "{1}" "{2}"');
    expect(await statesOf()).toEqual(['pre-push lefthook:chained', 'pre-commit lefthook:chained', 'prepare-commit-msg lefthook:chained']);

    // Through lefthook: the trailer lands, the user's lint still runs, the push is not blocked.
    await repo.write('train.py', TRAIN + 'print(2)\n');
    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    const run = JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout)[0];
    const v2 = await git(['commit', '-qam', 'v2']);
    expect(v2.code).toBe(0);
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Aml-Run,valueonly)']).trim()).toBe(run.id);
    expect(await readIf(marker)).toBe('lint\n');
    expect((await git(['push', 'origin', 'master'])).code).toBe(0);
    repo.git(['checkout', '-q', historyBranch()]);
    const c = await git(['commit', '--allow-empty', '-m', 'by hand']);
    expect(errorCode(c)).toBe('CommitOnHistoryBranchError');
    repo.git(['checkout', '-q', 'master']);

    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(before.hooks);
    expect(await fileFingerprints(repo.dir, { skip: (p) => !p.startsWith('lefthook') })).toEqual(before.top);
  });

  it('merges into an existing lefthook-local.yml and gives back its exact bytes', async () => {
    const local = '# my local overrides\npre-push:\n  commands:\n    mine:\n      run: "true"   # keep\n\nskip_output:\n  - meta\n';
    await lefthookRepo(local);
    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    const merged = await repo.read('lefthook-local.yml');
    expect(merged).toContain('mine:');
    expect(merged).toContain('git aml hooks run pre-push');
    expect(merged).toContain('git aml hooks run pre-commit');
    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    expect(await repo.read('lefthook-local.yml')).toBe(merged);
    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await repo.read('lefthook-local.yml')).toBe(local);
  });
});

/** The pre-commit framework's hook, reduced to its legacy-mode contract: stdin read, <hook>.legacy run first with the args and that stdin, its status kept. */
const preCommitFramework = (hook: string, marker: string) => `#!/usr/bin/env bash
# File generated by pre-commit: https://pre-commit.com
# ID: 138fd403232d2ddd5efb44317e38bf03
input=$(cat)
legacy="$(dirname "$0")/${hook}.legacy"
status=0
if [ -x "$legacy" ]; then printf '%s\\n' "$input" | "$legacy" "$@"; status=$?; fi
echo "framework ${hook}" >> '${marker}'
exit $status
`;

describe('git aml hooks with the pre-commit framework', () => {
  it('goes in as <hook>.legacy, chaining the legacy hook that was there, stdin replayed through both', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    const hooks = path.join(repo.dir, '.git/hooks');
    const fw = path.join(repo.sealed.root, 'framework-ran');
    const legacy = path.join(repo.sealed.root, 'legacy-ran');
    await writeExecutable(path.join(hooks, 'pre-push'), preCommitFramework('pre-push', fw));
    await writeExecutable(path.join(hooks, 'pre-commit'), preCommitFramework('pre-commit', fw));
    await writeExecutable(path.join(hooks, 'pre-push.legacy'), markerHook(legacy), 0o750);
    const remote = path.join(repo.sealed.root, 'remote.git');
    repo.git(['init', '-q', '--bare', remote]);
    repo.git(['remote', 'add', 'origin', remote]);
    const before = await fileFingerprints(hooks);

    expect((await repo.aml(['hooks', 'install'])).code).toBe(0);
    const after = await fileFingerprints(hooks);
    expect(after['pre-push']).toBe(before['pre-push']);
    expect(after['pre-push.aml-chained']).toBe(before['pre-push.legacy']);
    expect(await readIf(path.join(hooks, 'pre-push.legacy'))).toContain('# git-aml hook: pre-push');
    expect(await readIf(path.join(hooks, 'pre-commit.legacy'))).toContain('# git-aml hook: pre-commit');
    expect(await statesOf()).toEqual(['pre-push pre-commit:chained', 'pre-commit pre-commit:chained', 'prepare-commit-msg plain:installed']);

    expect((await git(['push', 'origin', 'master'])).code).toBe(0);
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    expect(await readIf(legacy)).toBe(`args: origin ${remote}\nrefs/heads/master ${head} refs/heads/master ${'0'.repeat(40)}\n`);
    expect(await readIf(fw)).toBe('framework pre-push\n');

    expect((await repo.aml(['run', 'train.py'])).code).toBe(0);
    repo.git(['checkout', '-q', historyBranch()]);
    expect(errorCode(await git(['commit', '--allow-empty', '-m', 'by hand']))).toBe('CommitOnHistoryBranchError');
    repo.git(['checkout', '-q', 'master']);

    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(before);
  });
});

describe('git aml hooks with core.hooksPath and worktrees', () => {
  it('installs into a custom core.hooksPath folder without taking it over', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    const marker = path.join(repo.sealed.root, 'team-hook-ran');
    await writeExecutable(path.join(repo.dir, '.githooks/pre-commit'), `#!/bin/sh\necho team >> '${marker}'\n`);
    repo.git(['add', '.githooks']);
    repo.git(['commit', '-q', '-m', 'team hooks']);
    repo.git(['config', 'core.hooksPath', '.githooks']);
    const before = { custom: await fileFingerprints(path.join(repo.dir, '.githooks')), git: await fileFingerprints(path.join(repo.dir, '.git/hooks')) };

    const r = await repo.aml(['hooks', 'install']);
    expect(r.code).toBe(0);
    expect(repo.git(['config', 'core.hooksPath']).trim()).toBe('.githooks');
    expect(await fileFingerprints(path.join(repo.dir, '.git/hooks'))).toEqual(before.git);
    expect(await statesOf()).toEqual(['pre-push plain:installed', 'pre-commit plain:chained', 'prepare-commit-msg plain:installed']);
    expect((await git(['commit', '--allow-empty', '-m', 'x'])).code).toBe(0);
    expect(await readIf(marker)).toBe('team\n');

    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(path.join(repo.dir, '.githooks'))).toEqual(before.custom);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  it('installs from a linked worktree into the shared hooks, which then work in both', async () => {
    repo = await tempRepo({ 'train.py': TRAIN });
    const wt = path.join(repo.sealed.root, 'wt');
    repo.git(['worktree', 'add', '-q', '-b', 'feature', wt]);
    const hooks = path.join(repo.dir, '.git/hooks');
    const before = await fileFingerprints(hooks);

    expect((await repo.aml(['hooks', 'install'], { cwd: wt })).code).toBe(0);
    expect(await statesOf()).toEqual(['pre-push plain:installed', 'pre-commit plain:installed', 'prepare-commit-msg plain:installed']);
    await repo.write('../wt/train.py', TRAIN + 'print("wt")\n');
    expect((await repo.aml(['run', 'train.py'], { cwd: wt })).code).toBe(0);
    const run = JSON.parse((await repo.aml(['history', 'list', '--json'], { cwd: wt })).stdout)[0];
    expect(run.baseBranch).toBe('feature');
    expect((await git(['commit', '-qam', 'from the worktree'], {}, wt)).code).toBe(0);
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Aml-Run,valueonly)', 'feature']).trim()).toBe(run.id);

    repo.git(['checkout', '-q', historyBranch()]);
    expect(errorCode(await git(['commit', '--allow-empty', '-m', 'by hand']))).toBe('CommitOnHistoryBranchError');
    repo.git(['checkout', '-q', 'master']);

    expect((await repo.aml(['hooks', 'uninstall'])).code).toBe(0);
    expect(await fileFingerprints(hooks)).toEqual(before);
  });
});
