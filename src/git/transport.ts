import { redactUrl } from './redactUrl.js';
import type { Git, GitResult } from './runGit.js';
import type { AmlError } from '../errors/AmlError.js';
import { NoSuchRemoteError, RemoteAuthError, RemoteUnreachableError } from '../errors/remoteErrors.js';

/**
 * The one place that decides how git-aml talks to a remote. Every transport is native git: it already
 * speaks ssh, local paths and https with the user's credential helpers (`git credential fill/approve/reject`
 * happen inside it). The only thing added is an Entra ID bearer token for Azure Repos when git's own
 * credentials are refused, handed to git through environment config, never argv, disk or logs.
 */

export type RemoteKind = 'http' | 'ssh' | 'git' | 'local' | 'other';

export interface Remote {
  name: string;
  /** Where pushes go (remote.<name>.pushurl, else url, after insteadOf). */
  url: string;
  kind: RemoteKind;
  /** An Azure Repos https remote: a bearer token may be tried when git's credentials fail. */
  azureRepos: boolean;
}

/** Extra hosts (comma-separated) treated as Azure Repos: for self-hosted Azure DevOps Server, and tests. */
export const AZURE_HOSTS_ENV = 'AML_AZURE_REPOS_HOSTS';

export function isAzureReposHost(host: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'dev.azure.com' || h.endsWith('.visualstudio.com')) return true;
  const extra = (env[AZURE_HOSTS_ENV] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return extra.includes(h);
}

export function classifyRemoteUrl(url: string, env: NodeJS.ProcessEnv = process.env): { kind: RemoteKind; azureRepos: boolean } {
  if (/^https?:\/\//i.test(url)) {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // git accepts URLs Node's parser does not; such a remote simply gets no token.
    }
    return { kind: 'http', azureRepos: !!host && isAzureReposHost(host, env) };
  }
  if (/^(ssh|git\+ssh|ssh\+git):\/\//i.test(url)) return { kind: 'ssh', azureRepos: false };
  if (/^git:\/\//i.test(url)) return { kind: 'git', azureRepos: false };
  if (/^file:\/\//i.test(url)) return { kind: 'local', azureRepos: false };
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(url)) return { kind: 'other', azureRepos: false };
  // scp-like `user@host:path`: git's rule is a colon before any slash (and not a Windows drive letter).
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon > 1 && (slash < 0 || colon < slash)) return { kind: 'ssh', azureRepos: false };
  return { kind: 'local', azureRepos: false };
}

/** The named remote, or undefined when the repository has none by that name. */
export async function findRemote(git: Git, name: string, env: NodeJS.ProcessEnv = process.env): Promise<Remote | undefined> {
  const r = await git(['remote', 'get-url', '--push', name], { allowFail: true });
  if (r.code !== 0 || !r.stdout.trim()) return undefined;
  const url = r.stdout.trim().split('\n')[0];
  return { name, url, ...classifyRemoteUrl(url, env) };
}

export async function requireRemote(git: Git, name: string, env: NodeJS.ProcessEnv = process.env): Promise<Remote> {
  const remote = await findRemote(git, name, env);
  if (!remote) {
    throw new NoSuchRemoteError(`This repository has no remote named "${name}".`, {
      hint: `Add it with: git remote add ${name} <url>   (or name another: --remote <name>)`,
      data: { remote: name },
    });
  }
  return remote;
}

/** A URL with any user:password taken out, for messages. */
export { redactUrl };

export type FailureKind = 'auth' | 'unreachable' | 'no-remote-ref' | 'other';

/** What went wrong, from git's (English, see LC_ALL below) stderr. Order matters: auth is checked first. */
export function classifyGitFailure(stderr: string): FailureKind {
  if (/couldn't find remote ref/i.test(stderr)) return 'no-remote-ref';
  if (/Authentication failed|could not read (Username|Password)|terminal prompts disabled|returned error: 40[13]|HTTP Basic: Access denied|Permission denied \(|Invalid username or password|Host key verification failed/i.test(stderr)) return 'auth';
  if (/Could not resolve host|Failed to connect|Connection refused|Couldn't connect|timed out|Network is unreachable|No route to host|Name or service not known|does not appear to be a git repository|not found|returned error: 404|unable to access|Could not read from remote repository|remote end hung up|No such file or directory|not a git repository/i.test(stderr)) return 'unreachable';
  return 'other';
}

/** The git aml command that does `op` later, for hints. */
export function laterCommand(remote: Remote, op: 'fetch' | 'push'): string {
  return `git aml ${op}${remote.name === 'origin' ? '' : ` --remote ${remote.name}`}`;
}

/**
 * A typed error for a failed fetch or push; the hint ends with `later`, the command that finishes the job
 * once the problem is fixed (a push's fetch step still says `git aml push`).
 */
export function transportError(remote: Remote, op: 'fetch' | 'push', r: GitResult, later = laterCommand(remote, op)): AmlError | undefined {
  const kind = classifyGitFailure(r.stderr);
  const detail = lastGitLine(r.stderr);
  const where = `${remote.name} (${redactUrl(remote.url)})`;
  const data = { remote: remote.name, url: redactUrl(remote.url), op, stderr: r.stderr.slice(-2000) };
  const doing = op === 'fetch' ? 'fetching' : 'pushing';
  if (kind === 'auth') {
    const setup = remote.kind === 'ssh'
      ? `check that your ssh key is loaded (ssh-add -l)`
      : remote.azureRepos
        ? 'sign in with: az login'
        : `save a credential git can use, e.g. git config --global credential.helper store, then run git fetch ${remote.name} once at a terminal`;
    return new RemoteAuthError(`${where} did not accept git's credentials while ${doing}: ${detail}`, {
      hint: `To fix it, ${setup}; then: ${later}`,
      data,
    });
  }
  if (kind === 'unreachable') {
    return new RemoteUnreachableError(`Cannot reach ${where} while ${doing}: ${detail}`, {
      hint: `Check the address with: git remote get-url ${remote.name}   then, once it is reachable: ${later}`,
      data,
    });
  }
  return undefined;
}

function lastGitLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const important = lines.filter((l) => /^(fatal|error):/.test(l));
  return redactUrl((important[important.length - 1] ?? lines[lines.length - 1] ?? 'git failed').replace(/^(fatal|error):\s*/, ''));
}

/** GIT_CONFIG_COUNT entries that add `http.<origin>/.extraHeader`, after any the user already set. */
export function bearerConfigEnv(url: string, token: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const n = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  const u = new URL(url);
  // Scoped to the remote's origin, so a redirect elsewhere never carries the token.
  return {
    GIT_CONFIG_COUNT: String(n + 1),
    [`GIT_CONFIG_KEY_${n}`]: `http.${u.protocol}//${u.host}/.extraHeader`,
    [`GIT_CONFIG_VALUE_${n}`]: `Authorization: Bearer ${token}`,
  };
}

export interface TransportOptions {
  /** Whether a person is at a terminal: if not, git must never wait on a prompt. */
  interactive: boolean;
  /** The environment git-aml runs in (for AML_AZURE_REPOS_HOSTS and the user's GIT_CONFIG_COUNT). */
  env?: NodeJS.ProcessEnv;
  /** Where an Azure Repos token comes from; default lazily loads @azure/identity. */
  azureToken?: () => Promise<string>;
}

export interface Transport {
  remote: Remote;
  /** Runs a network git command (fetch, push, ls-remote) against the remote; never throws for git's exit. */
  run: (args: string[], opts?: { progress?: boolean; input?: string }) => Promise<GitResult>;
}

export function openTransport(git: Git, remote: Remote, opts: TransportOptions): Transport {
  const env = opts.env ?? process.env;
  const base: NodeJS.ProcessEnv = {
    // Our own hooks (pre-push calls `git aml push`) must be no-ops inside our pushes, or they would recurse.
    AML_HOOKS: '0',
    // Failures are told apart by git's messages, so they must be in English.
    LC_ALL: 'C',
    LANGUAGE: '',
    // Azure Repos: never prompt before the token had its chance (a prompt is not "a credential that works").
    ...(!opts.interactive || remote.azureRepos ? { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' } : {}),
  };
  let bearer: NodeJS.ProcessEnv | undefined;
  const run = async (argv: string[], o: { progress?: boolean; input?: string } = {}): Promise<GitResult> => {
    // Progress for a person at a terminal: git's own meter, shown as it comes and still read for errors.
    const args = o.progress ? [argv[0], '--progress', ...argv.slice(1)] : argv;
    const first = await git(args, { env: { ...base, ...bearer }, allowFail: true, echoStderr: o.progress, input: o.input });
    if (first.code === 0 || bearer || !remote.azureRepos || classifyGitFailure(first.stderr) !== 'auth') return first;
    const token = await (opts.azureToken ?? (await import('./azureReposToken.js')).azureReposToken)();
    bearer = bearerConfigEnv(remote.url, token, env);
    const second = await git(args, { env: { ...base, ...bearer }, allowFail: true, echoStderr: o.progress, input: o.input });
    if (second.code !== 0 && classifyGitFailure(second.stderr) === 'auth') {
      throw new RemoteAuthError(`${remote.name} (${redactUrl(remote.url)}) refused both git's credentials and the Microsoft Entra ID token.`, {
        hint: 'Check that your account can reach this repository (az login --tenant <your tenant>), then: git aml push',
        data: { remote: remote.name, url: redactUrl(remote.url) },
      });
    }
    return second;
  };
  return { remote, run };
}
