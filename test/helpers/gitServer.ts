import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { GitServerHandle } from '../../src/devserver/spawnGitServer.js';

// The built module, so the server runs dist/devserver/serve.js (compiled by `npm test`); typed from src/.
const dist = '../../dist/devserver/spawnGitServer.js';
const { spawnGitServer } = (await import(dist)) as typeof import('../../src/devserver/spawnGitServer.js');
import type { Sealed } from './sealedEnv.js';
import type { TempRepo } from './tempRepo.js';
import { repoHandle } from './tempRepo.js';

export type { GitServerHandle };

/**
 * The real smart-HTTP server (dist/devserver/serve.js, built by `npm test`) in its own process, serving
 * bare repos under `<sealed.root>/server`. Stop it in afterEach.
 */
export function startGitServer(sealed: Sealed, auth: { users?: Record<string, string>; tokens?: string[] } = {}): Promise<GitServerHandle> {
  return spawnGitServer({ root: path.join(sealed.root, 'server'), env: sealed.env, ...auth });
}

/** Saves credentials where git's `store` helper finds them (the sealed HOME), as a user's helper would. */
export async function storeCredentials(sealed: Sealed, url: string, user: string, password: string): Promise<void> {
  const u = new URL(url);
  execFileSync('git', ['config', '--global', 'credential.helper', 'store'], { env: sealed.env });
  await fs.appendFile(path.join(sealed.env.HOME!, '.git-credentials'),
    `${u.protocol}//${encodeURIComponent(user)}:${encodeURIComponent(password)}@${u.host}\n`);
}

/** `git clone <url> <name>` in the sealed environment, wrapped like tempRepo's result. */
export async function cloneRepo(sealed: Sealed, url: string, name: string): Promise<TempRepo> {
  const dir = path.join(sealed.root, name);
  execFileSync('git', ['clone', '-q', url, dir], { env: sealed.env, stdio: ['ignore', 'pipe', 'pipe'] });
  return repoHandle(sealed, dir);
}

/** Run ids and numbers on a branch as git itself reports them (first-parent, oldest first). */
export function runsOn(repo: { git: (args: string[], cwd?: string) => string }, ref: string, cwd?: string): { id: string; number: number }[] {
  const out = repo.git(['log', '--first-parent', '--reverse', '--format=%B%x00', ref, '--'], cwd);
  return out.split('\0').map((m) => /"id": "([^"]+)"[\s\S]*?"number": (\d+)/.exec(m)).filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ id: m[1], number: Number(m[2]) }));
}
