import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/sealedEnv.js';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { runProcess } from '../helpers/runCli.js';

let repo: TempRepo;
let prefix: string;
let env: NodeJS.ProcessEnv;

/**
 * The way a user gets it: `npm pack`, install the tarball globally into a fresh prefix (offline: all
 * dependencies come from the npm cache that `npm ci` filled), then `git aml …` through git's own lookup.
 */
beforeAll(async () => {
  repo = await tempRepo({ 'train.py': 'import sys\nprint("packed", sys.argv[1:])\n' });
  prefix = path.join(repo.sealed.root, 'prefix');
  const packDir = path.join(repo.sealed.root, 'pack');
  await fs.mkdir(packDir);
  // HUSKY=0: `npm pack` runs `prepare`, whose husky step would otherwise set core.hooksPath in this checkout.
  const npmEnv = { ...process.env, HUSKY: '0', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, env: npmEnv, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('npm', ['install', '-g', '--offline', '--prefix', prefix, path.join(packDir, tgz)], { cwd: packDir, env: npmEnv, stdio: 'pipe' });
  // Only the installed package's bin is on PATH: not this checkout's bin/.
  const sealedPath = repo.env.PATH!.split(path.delimiter).filter((p) => p !== path.join(ROOT, 'bin')).join(path.delimiter);
  env = { ...repo.env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${sealedPath}` };
}, 180_000);
afterAll(async () => repo?.cleanup());

describe('the packed tarball, installed globally', () => {
  it('answers git aml --version and runs git aml run through git', async () => {
    const which = await runProcess('sh', ['-c', 'command -v git-aml'], { cwd: repo.dir, env });
    expect(which.stdout.trim()).toBe(path.join(prefix, 'bin', 'git-aml'));
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
