import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import { NotAGitRepoError } from '../errors/repoErrors.js';
import { ALL_HOOKS, CHAIN_SUFFIX } from './hookNames.js';
import { LEFTHOOK_LOCAL_NAMES, LEFTHOOK_LOCAL_OTHER, LEFTHOOK_MAIN_NAMES } from './lefthookLocal.js';
import { readState, type InstallState } from './installState.js';

export interface FileFacts {
  kind: 'file' | 'symlink' | 'dir' | 'other';
  /** Contents (through a symlink); undefined for folders or unreadable files. */
  bytes?: Buffer;
  mode: number;
  executable: boolean;
}

/** Everything install, uninstall and status decide from, read once; the planners are pure over it. */
export interface HooksLayout {
  bare: boolean;
  /** Working tree top (undefined in a bare repo). */
  top?: string;
  commonDir: string;
  /** The folder git runs hooks from (`git rev-parse --git-path hooks`), absolute. */
  hooksDir: string;
  hooksDirExists: boolean;
  /** core.hooksPath as configured, if set. */
  hooksPathConfig?: string;
  /** A `.husky` folder at the top of the working tree (husky set up in the project, maybe not in this clone). */
  huskyFolder?: string;
  lefthookMain?: string;
  lefthookLocal?: string;
  /** Files that matter, by absolute path; a path not here does not exist. */
  files: Record<string, FileFacts>;
  state: InstallState;
}

async function facts(p: string): Promise<FileFacts | undefined> {
  const l = await fs.lstat(p).catch(() => undefined);
  if (!l) return undefined;
  const s = l.isSymbolicLink() ? await fs.stat(p).catch(() => undefined) : l;
  const kind = l.isSymbolicLink() ? 'symlink' : l.isDirectory() ? 'dir' : l.isFile() ? 'file' : 'other';
  const bytes = s?.isFile() ? await fs.readFile(p).catch(() => undefined) : undefined;
  const mode = (s ?? l).mode & 0o7777;
  return { kind, bytes, mode, executable: !!s?.isFile() && (mode & 0o111) !== 0 };
}

/** Paths a planner may look at for each hook, given the hooks folder. */
export function candidatePaths(hooksDir: string): string[] {
  const husky = path.dirname(hooksDir);
  return [
    path.join(hooksDir, 'h'),
    ...ALL_HOOKS.flatMap((h) => ['', CHAIN_SUFFIX, '.legacy', '.old'].map((s) => path.join(hooksDir, h + s))),
    ...ALL_HOOKS.map((h) => path.join(husky, h)),
  ];
}

/** Reads the repository's hook setup: where git runs hooks from and what is there now. */
export async function inspectHooks(git: Git, cwd: string): Promise<HooksLayout> {
  const [rp, hp] = await Promise.all([
    git(['rev-parse', '--is-bare-repository', '--git-common-dir', '--git-path', 'hooks'], { allowFail: true }),
    git(['config', '--get', 'core.hooksPath'], { allowFail: true }),
  ]);
  if (rp.code !== 0) {
    throw new NotAGitRepoError(`${cwd} is not inside a git repository.`, { hint: 'cd into your project first, then run the command again.' });
  }
  const [bareText, commonRaw, hooksRaw] = rp.stdout.trim().split('\n');
  const bare = bareText === 'true';
  const top = bare ? undefined : (await git(['rev-parse', '--show-toplevel'])).stdout.trim();
  const commonDir = path.resolve(cwd, commonRaw);
  const hooksDir = path.resolve(cwd, hooksRaw);
  const state = await readState(commonDir);
  const lefthookNames = top ? [...LEFTHOOK_MAIN_NAMES, ...LEFTHOOK_LOCAL_NAMES, ...LEFTHOOK_LOCAL_OTHER].map((n) => path.join(top, n)) : [];
  const paths = [...new Set([...candidatePaths(hooksDir), ...lefthookNames, ...state.edits.map((e) => e.path)])];
  const files: Record<string, FileFacts> = {};
  await Promise.all(paths.map(async (p) => {
    const f = await facts(p);
    if (f) files[p] = f;
  }));
  const found = (names: string[]) => names.map((n) => path.join(top ?? '', n)).find((p) => files[p]?.kind === 'file');
  const husky = top ? path.join(top, '.husky') : undefined;
  return {
    bare,
    top,
    commonDir,
    hooksDir,
    hooksDirExists: (await fs.stat(hooksDir).catch(() => undefined))?.isDirectory() ?? false,
    hooksPathConfig: hp.code === 0 ? hp.stdout.trim() : undefined,
    huskyFolder: husky && (await fs.stat(husky).catch(() => undefined))?.isDirectory() ? husky : undefined,
    lefthookMain: top ? found(LEFTHOOK_MAIN_NAMES) : undefined,
    lefthookLocal: top ? found([...LEFTHOOK_LOCAL_NAMES, ...LEFTHOOK_LOCAL_OTHER]) : undefined,
    files,
    state,
  };
}
