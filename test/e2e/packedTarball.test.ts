import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/sealedEnv.js';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { runProcess } from '../helpers/runCli.js';

let repo: TempRepo;
let consumer: string;
let env: NodeJS.ProcessEnv;

/**
 * The way a user gets it: `npm pack`, then install the tarball with its dependencies into a fresh project
 * and call `git aml …` through git's own lookup. Offline: a test never reaches the registry. `npm install
 * -g <tgz> --offline` would need the registry's package documents to resolve version ranges, and `npm ci`
 * caches only tarballs, so the install is an `npm ci` against a lockfile made from ours (the same pinned
 * dependencies a user's install resolves to today); the layout and bin links are what `-g` makes.
 */
beforeAll(async () => {
  repo = await tempRepo({ 'train.py': 'import sys\nprint("packed", sys.argv[1:])\n' });
  const packDir = path.join(repo.sealed.root, 'pack');
  consumer = path.join(repo.sealed.root, 'consumer');
  await fs.mkdir(packDir);
  await fs.mkdir(consumer);
  const npmEnv = { ...process.env, HUSKY: '0', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  // --ignore-scripts: `prepare` would rebuild dist/ (and set husky's core.hooksPath here). `npm test` built
  // it already, and tsc rewriting dist/ while other test files run their CLIs made one of them import a
  // half-written module (an internal error, exit 3, in CI).
  const tgz = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { cwd: ROOT, env: npmEnv, encoding: 'utf8' }).trim().split('\n').pop()!;
  await writeConsumer(consumer, path.join(packDir, tgz));
  execFileSync('npm', ['ci', '--offline'], { cwd: consumer, env: npmEnv, stdio: 'pipe' });
  // Only the installed package's bin is on PATH: not this checkout's bin/.
  const sealedPath = repo.env.PATH!.split(path.delimiter).filter((p) => p !== path.join(ROOT, 'bin')).join(path.delimiter);
  env = { ...repo.env, PATH: `${path.join(consumer, 'node_modules', '.bin')}${path.delimiter}${sealedPath}` };
}, 180_000);

/** A project depending on the tarball only, locked to this checkout's production dependencies. */
async function writeConsumer(dir: string, tgz: string): Promise<void> {
  const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(await fs.readFile(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const root = { name: 'consumer', version: '1.0.0', dependencies: { [pkg.name]: `file:${tgz}` } };
  const packages: Record<string, unknown> = { '': root };
  for (const [where, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean }>)) {
    if (where && !entry.dev) packages[where] = entry;
  }
  packages[`node_modules/${pkg.name}`] = { version: pkg.version, resolved: `file:${tgz}`, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines };
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(root, null, 2));
  await fs.writeFile(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
}
afterAll(async () => repo?.cleanup());

describe('the packed tarball, installed with its dependencies', () => {
  it('answers git aml --version and runs git aml run through git', async () => {
    const which = await runProcess('sh', ['-c', 'command -v git-aml'], { cwd: repo.dir, env });
    expect(which.stdout.trim()).toBe(path.join(consumer, 'node_modules', '.bin', 'git-aml'));
    const v = await runProcess('git', ['aml', '--version'], { cwd: repo.dir, env });
    expect(v.stdout).toMatch(/^git-aml \d+\.\d+\.\d+/);
    const r = await runProcess('git', ['aml', 'run', 'train.py', '--lr', '0.1'], { cwd: repo.dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("packed ['--lr', '0.1']\n");
    const branch = repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads/AzureMLHistory']).trim();
    expect(branch).toMatch(/^refs\/heads\/AzureMLHistory\/[0-9a-f]{12}$/);
    expect(repo.git(['rev-parse', `${branch}^{tree}`]).trim()).toBe(repo.git(['rev-parse', 'HEAD^{tree}']).trim());
    expect(repo.git(['status', '--porcelain'])).toBe('');
    const list = await runProcess('git', ['aml-run', '--', 'true'], { cwd: repo.dir, env });
    expect(list.code).toBe(0);
    expect(repo.git(['rev-list', '--count', '--first-parent', branch]).trim()).toBe('3'); // root + 2 runs
  });

  it('installs its hooks from the package, and they find git aml on PATH', async () => {
    expect((await runProcess('git', ['aml', 'hooks', 'install'], { cwd: repo.dir, env })).code).toBe(0);
    const hook = await fs.readFile(path.join(repo.dir, '.git/hooks/prepare-commit-msg'), 'utf8');
    expect(hook).toBe(await fs.readFile(path.join(ROOT, 'hooks/prepare-commit-msg'), 'utf8'));
    await fs.appendFile(path.join(repo.dir, 'train.py'), 'print("v2")\n');
    expect((await runProcess('git', ['aml', 'run', '--no-push', 'train.py'], { cwd: repo.dir, env })).code).toBe(0);
    const [run] = JSON.parse((await runProcess('git', ['aml', 'history', 'list', '--json'], { cwd: repo.dir, env })).stdout);
    expect((await runProcess('git', ['commit', '-qam', 'v2'], { cwd: repo.dir, env })).code).toBe(0);
    expect(repo.git(['log', '-1', '--format=%(trailers:key=Aml-Run,valueonly)']).trim()).toBe(run.id);
  });
});
