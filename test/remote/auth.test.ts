import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { CLI_ENTRY, errorCode, runProcess } from '../helpers/runCli.js';
import { runsOn, startGitServer, storeCredentials, type GitServerHandle } from '../helpers/gitServer.js';

let sealed: Sealed;
let server: GitServerHandle;
afterEach(async () => {
  await server?.stop();
  await sealed?.cleanup();
});

const TOKEN = 'entra-token-7f3c9a-never-on-disk';

/**
 * An environment where 127.0.0.1 counts as Azure Repos, @azure/identity is pinned to AzureCliCredential and
 * `az` is a script that prints a token (or fails), and `git` is a wrapper that logs every command line, so
 * the test sees what `ps` would. Nothing here reaches login.microsoftonline.com or 169.254.169.254.
 */
async function azureSetup(opts: { azWorks: boolean; users?: Record<string, string> }) {
  sealed = await sealedEnv();
  server = await startGitServer(sealed, { tokens: [TOKEN], users: opts.users });
  const tools = path.join(sealed.root, 'tools');
  await fs.mkdir(tools);
  const azCalls = path.join(sealed.root, 'az-calls');
  const argvLog = path.join(sealed.root, 'git-argv');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  await fs.writeFile(path.join(tools, 'az'), opts.azWorks
    ? `#!/bin/sh\necho "$*" >> "${azCalls}"\nprintf '{"accessToken":"${TOKEN}","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"tokenType":"Bearer"}\\n'\n`
    : `#!/bin/sh\necho "$*" >> "${azCalls}"\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`, { mode: 0o755 });
  await fs.writeFile(path.join(tools, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${argvLog}"\nexec "${realGit}" "$@"\n`, { mode: 0o755 });
  Object.assign(sealed.env, {
    PATH: `${tools}${path.delimiter}${sealed.env.PATH}`,
    AML_AZURE_REPOS_HOSTS: '127.0.0.1',
    AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
  });
  const repo = await tempRepo({ 'train.sh': 'echo trained\n' }, { sealed, name: 'alice' });
  const url = server.createRepo('iris');
  repo.git(['remote', 'add', 'origin', url]);
  const branch = `AzureMLHistory/${repo.git(['rev-list', '--max-parents=0', 'HEAD']).trim().slice(0, 12)}`;
  const read = (f: string) => fs.readFile(f, 'utf8').catch(() => '');
  return { repo, url, branch, azCalls: () => read(azCalls), argv: () => read(argvLog) };
}

/** Every file under .git and the sealed HOME, as text, to look for the token. */
async function allText(dirs: string[]): Promise<string> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(await fs.readFile(p, 'latin1'));
    }
  };
  for (const d of dirs) await walk(d);
  return out.join('\n');
}

describe('Azure Repos: an Entra ID bearer token when git has no working credential', () => {
  it('pushes and fetches with the token from az, passed through the environment only: not argv, disk, logs or commits', async () => {
    const { repo, branch, azCalls, argv } = await azureSetup({ azWorks: true });
    // Straight through node (not `git aml`): git puts its exec-path first on PATH for its subcommands,
    // which would bypass the argv-logging wrapper.
    const direct = (args: string[]) => runProcess(process.execPath, [CLI_ENTRY, ...args], { cwd: repo.dir, env: repo.env });
    const r = await direct(['run', 'train.sh']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/pushed run \d+ to /);
    expect(await azCalls()).toContain('--resource 499b84ac-1321-427f-aa17-267ca6975798');
    const f = await direct(['fetch', '--json']);
    expect(f.code).toBe(0);
    expect(runsOn(repo, `refs/remotes/origin/${branch}`)).toHaveLength(1);

    const log = await argv();
    expect(log).toContain('push --porcelain');
    for (const where of [log, r.stdout, r.stderr, f.stdout, f.stderr, repo.git(['log', '--all', '--format=%B%n%N']),
      await allText([path.join(repo.dir, '.git'), sealed.env.HOME!])]) {
      expect(where).not.toContain(TOKEN);
    }
    // git never stored the header anywhere it would reuse it.
    expect(repo.git(['config', '--list', '--show-origin'])).not.toMatch(/extraheader/i);
  });

  it('tries git\'s own credential first: with a working helper, az is never asked', async () => {
    const { repo, url, azCalls } = await azureSetup({ azWorks: true, users: { alice: 'pat' } });
    await storeCredentials(sealed, url, 'alice', 'pat');
    const r = await repo.aml(['run', 'train.sh']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/pushed run \d+ to /);
    expect(await azCalls()).toBe('');
  });

  it('no credential and no token: the run is kept and queued; push fails with RemoteAuthError and an az login hint', async () => {
    const { repo, azCalls } = await azureSetup({ azWorks: false });
    const r = await repo.aml(['run', 'train.sh']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: run not pushed .*RemoteAuthError.*queued/);
    const p = await repo.aml(['push']);
    expect(p.code).toBe(1);
    expect(errorCode(p)).toBe('RemoteAuthError');
    expect(p.stderr).toMatch(/^hint: .*az login/m);
    expect(await azCalls()).not.toBe('');
    expect(JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout)).toHaveLength(1);
  });
});

describe('start-up cost', () => {
  it('--version and run never load @azure/identity; only the Azure Repos fallback does', async () => {
    const { repo, url } = await azureSetup({ azWorks: true, users: { alice: 'pat' } });
    // A module hook that notes every module Node resolves into @azure/identity.
    const loaded = path.join(sealed.root, 'azure-loaded');
    const hooks = path.join(sealed.root, 'hooks.mjs');
    const register = path.join(sealed.root, 'register.mjs');
    await fs.writeFile(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) {\n  const r = await next(s, c);\n  if (r.url.includes('@azure/identity')) appendFileSync(${JSON.stringify(loaded)}, r.url + '\\n');\n  return r;\n}\n`);
    await fs.writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify('file://' + hooks)});\n`);
    const env = { NODE_OPTIONS: `--import ${register}` };
    const wasLoaded = () => fs.readFile(loaded, 'utf8').then(() => true, () => false);

    expect((await repo.aml(['--version'], { env })).code).toBe(0);
    await storeCredentials(sealed, url, 'alice', 'pat');
    const run = await repo.aml(['run', 'train.sh'], { env });
    expect(run.stderr).toMatch(/pushed run \d+ to /);
    expect(await wasLoaded()).toBe(false);

    // Positive control: with the stored credential gone, the push falls back to the token and loads it.
    await fs.rm(path.join(sealed.env.HOME!, '.git-credentials'));
    expect((await repo.aml(['run', '--no-push', 'train.sh'], { env })).code).toBe(0);
    expect((await repo.aml(['push'], { env })).code).toBe(0);
    expect(await wasLoaded()).toBe(true);
  });
});
