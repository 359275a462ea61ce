import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git, GitResult } from './runGit.js';
import { PATH_ENCODING } from './pathBytes.js';

/** What rev-parse is asked about the repository; HEAD, its tree and its branch follow in the full form. */
export const LAYOUT = ['--git-dir', '--git-common-dir', '--is-bare-repository', '--is-inside-work-tree', '--show-prefix', '--show-object-format'];

/** The snapshot's one walk: untracked, changed and deleted paths under the user's ignore rules (read as bytes, pathBytes.ts). */
export const WALK = ['ls-files', '-z', '-t', '--others', '--modified', '--deleted', '--exclude-standard'];

/** The top of the working tree, from the folder a command runs in and rev-parse's --show-prefix. */
export function topOf(cwd: string, prefix: string): string {
  const depth = prefix ? prefix.split('/').filter(Boolean).length : 0;
  return path.resolve(cwd, ...Array(depth).fill('..'));
}

/** The git calls a run starts with, started together: git's version, the repo around cwd, and the walk. */
export interface RepoLookup {
  version: Promise<GitResult>;
  layout: Promise<GitResult>;
  /**
   * The snapshot's walk, started as soon as the top is known; undefined when the repo has an .amlignore
   * (the walk then needs the user's excludes file joined to it) or when git failed (the snapshot asks again
   * and reports the failure itself).
   */
  walk?: Promise<GitResult | undefined>;
}

/**
 * Starts the lookup without waiting for it. `git aml run` calls this before importing the run's modules
 * (~20 ms of loading), so git answers while Node loads: the answers are there when they are wanted.
 */
export function startRepoLookup(git: Git, cwd: string, opts: { walk?: boolean } = {}): RepoLookup {
  const version = git(['--version'], { allowFail: true });
  const layout = git(['rev-parse', ...LAYOUT, 'HEAD', 'HEAD^{tree}', '--symbolic-full-name', 'HEAD'], { allowFail: true });
  const walk = opts.walk ? layout.then(async (r) => {
    const lines = r.stdout.split('\n');
    // Only in a work tree with commits (the only place a run goes ahead) and no .amlignore.
    if (r.code !== 0 || lines[2] !== 'false' || lines[3] !== 'true') return undefined;
    const top = topOf(cwd, lines[4] ?? '');
    if (await fs.access(path.join(top, '.amlignore')).then(() => true, () => false)) return undefined;
    const listing = await git(WALK, { cwd: top, allowFail: true, encoding: PATH_ENCODING });
    return listing.code === 0 ? listing : undefined;
  }) : undefined;
  // Only a missing git rejects, and whoever awaits these sees it; never an unhandled rejection meanwhile.
  for (const p of [version, layout, walk]) p?.catch(() => {});
  return { version, layout, walk };
}
