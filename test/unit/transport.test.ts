import { describe, expect, it } from 'vitest';
import { bearerConfigEnv, classifyGitFailure, classifyRemoteUrl, isAzureReposHost, redactUrl } from '../../src/git/transport.js';
import { backoffMs, pushStatus } from '../../src/remote/pushHistory.js';
import { recordId } from '../../src/remote/runCommits.js';
import { formatRunMessage } from '../../src/snapshot/runMessage.js';
import { authenticate } from '../../src/devserver/gitHttpServer.js';
import { yargsRoot } from '../../src/yargsRoot.js';

describe('classifyRemoteUrl', () => {
  it.each([
    ['https://dev.azure.com/contoso/iris/_git/iris', 'http', true],
    ['https://contoso@dev.azure.com/contoso/iris/_git/iris', 'http', true],
    ['https://contoso.visualstudio.com/DefaultCollection/_git/iris', 'http', true],
    ['https://github.com/contoso/iris.git', 'http', false],
    ['http://127.0.0.1:8080/iris.git', 'http', false],
    ['git@ssh.dev.azure.com:v3/contoso/iris/iris', 'ssh', false],
    ['ssh://git@github.com/contoso/iris.git', 'ssh', false],
    ['git@github.com:contoso/iris.git', 'ssh', false],
    ['git://example.com/iris.git', 'git', false],
    ['file:///srv/git/iris.git', 'local', false],
    ['/srv/git/iris.git', 'local', false],
    ['../iris.git', 'local', false],
    ['C:/repos/iris.git', 'local', false],
  ])('%s is %s (Azure Repos: %s)', (url, kind, azure) => {
    expect(classifyRemoteUrl(url, {})).toEqual({ kind, azureRepos: azure });
  });

  it('treats extra hosts named in AML_AZURE_REPOS_HOSTS as Azure Repos (Azure DevOps Server, tests)', () => {
    expect(isAzureReposHost('tfs.contoso.local', { AML_AZURE_REPOS_HOSTS: 'tfs.contoso.local, 127.0.0.1' })).toBe(true);
    expect(isAzureReposHost('127.0.0.1', {})).toBe(false);
  });
});

describe('classifyGitFailure', () => {
  it.each([
    ["fatal: could not read Username for 'https://dev.azure.com': terminal prompts disabled", 'auth'],
    ["remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://x/'", 'auth'],
    ["fatal: unable to access 'https://x/': The requested URL returned error: 403", 'auth'],
    ['git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'auth'],
    ["fatal: unable to access 'http://127.0.0.1:1/x.git/': Failed to connect to 127.0.0.1 port 1: Connection refused", 'unreachable'],
    ["fatal: unable to access 'https://nope.invalid/': Could not resolve host: nope.invalid", 'unreachable'],
    ["fatal: repository 'http://127.0.0.1:9/missing.git/' not found", 'unreachable'],
    ["fatal: '/srv/none.git' does not appear to be a git repository", 'unreachable'],
    ["fatal: couldn't find remote ref refs/heads/AzureMLHistory/abc", 'no-remote-ref'],
    ['error: something else entirely', 'other'],
  ])('%s → %s', (stderr, kind) => {
    expect(classifyGitFailure(stderr)).toBe(kind);
  });
});

describe('bearerConfigEnv', () => {
  it('adds an extraHeader scoped to the remote\'s origin after the user\'s own GIT_CONFIG_COUNT entries', () => {
    expect(bearerConfigEnv('https://contoso@dev.azure.com/contoso/_git/iris', 'T', { GIT_CONFIG_COUNT: '2' })).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: 'http.https://dev.azure.com/.extraHeader',
      GIT_CONFIG_VALUE_2: 'Authorization: Bearer T',
    });
    expect(bearerConfigEnv('http://127.0.0.1:8080/x.git', 'T', {}).GIT_CONFIG_KEY_0).toBe('http.http://127.0.0.1:8080/.extraHeader');
  });

  it('redacts user:password from URLs in messages', () => {
    expect(redactUrl('https://alice:s3cret@example.com/x.git')).toBe('https://example.com/x.git');
  });
});

describe('push parsing and backoff', () => {
  it('reads the status of our ref from git push --porcelain', () => {
    const out = 'To http://127.0.0.1:1/p.git\n!\tabc:refs/heads/AzureMLHistory/x\t[rejected] (fetch first)\nDone\n';
    expect(pushStatus(out)).toEqual({ flag: '!', summary: '[rejected] (fetch first)' });
    expect(pushStatus('To x\n*\tabc:refs/heads/h\t[new branch]\nDone\n')).toEqual({ flag: '*', summary: '[new branch]' });
    expect(pushStatus('fatal: nope\n')).toBeUndefined();
  });

  it('jitters within a growing, capped window', () => {
    expect(backoffMs(1, () => 1)).toBe(100);
    expect(backoffMs(3, () => 1)).toBe(400);
    expect(backoffMs(30, () => 1)).toBe(1500);
    expect(backoffMs(5, () => 0)).toBe(0);
  });

  it('finds the record id in a run commit message', () => {
    const message = formatRunMessage({ id: 'iris_1', number: 3, status: 'Completed', script: 's', args: [], description: 'has "quotes"' } as never);
    expect(recordId(message)).toBe('iris_1');
    expect(recordId('no record here')).toBeUndefined();
  });
});

describe('dev server authentication', () => {
  const creds = { users: { alice: 'pw:with:colons' }, tokens: ['tok'] };
  const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
  it('accepts the configured Basic and Bearer credentials, and nothing else', () => {
    expect(authenticate(basic('alice:pw:with:colons'), creds)).toBe('alice');
    expect(authenticate('Bearer tok', creds)).toBe('bearer-user');
    expect(authenticate(basic('alice:wrong'), creds)).toBeNull();
    expect(authenticate(basic('bob:pw:with:colons'), creds)).toBeNull();
    expect(authenticate('Bearer other', creds)).toBeNull();
    expect(authenticate(undefined, creds)).toBeNull();
    expect(authenticate(undefined, {})).toBe('anonymous');
  });
});

describe('push, fetch and sync parse into options without running', () => {
  const parse = async (argv: string[]) => {
    const calls: [string, Record<string, unknown>][] = [];
    const code = await yargsRoot(argv, '0.0.0', async (c, o) => {
      calls.push([c, o]);
      return 0;
    });
    return { code, calls };
  };
  it.each([
    [['push'], 'push', { remote: undefined, json: false }],
    [['push', '--remote', 'backup', '--json'], 'push', { remote: 'backup', json: true }],
    [['fetch', '--remote=upstream'], 'fetch', { remote: 'upstream', json: false }],
    [['sync', '--json'], 'sync', { remote: undefined, json: true }],
  ])('%j', async (argv, command, options) => {
    expect((await parse(argv)).calls).toEqual([[command, options]]);
  });

  it('refuses an unknown option as a usage error', async () => {
    await expect(parse(['push', '--force'])).rejects.toMatchObject({ code: 'UsageError', exitCode: 2 });
  });
});
