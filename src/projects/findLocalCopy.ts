import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Git } from '../git/runGit.js';

/** Where downloaded projects go unless the user picks a folder: Workbench's ~/Documents/AzureML. */
export function projectsDir(azure: Record<string, unknown> | undefined): string {
  const configured = typeof azure?.projectsDir === 'string' ? azure.projectsDir : undefined;
  if (configured) return path.resolve(configured.replace(/^~(?=$|\/)/, os.homedir()));
  return path.join(os.homedir(), 'Documents', 'AzureML');
}

/** Two spellings of one remote (trailing slash, .git) compare equal. */
export function sameRemote(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return norm(a) === norm(b);
}

/**
 * The folder on this machine that holds `gitrepo`, if any: the projects folder's `<name>`, or any of
 * `candidates` (the repo the command runs in), whose origin is that URL.
 */
export async function findLocalCopy(git: (cwd: string) => Git, gitrepo: string | null, candidates: string[]): Promise<string | undefined> {
  if (!gitrepo) return undefined;
  for (const dir of candidates) {
    if (!(await fs.stat(path.join(dir, '.git')).catch(() => undefined))) continue;
    const url = (await git(dir)(['remote', 'get-url', 'origin'], { allowFail: true })).stdout.trim();
    if (url && sameRemote(url, gitrepo)) return dir;
  }
  return undefined;
}
