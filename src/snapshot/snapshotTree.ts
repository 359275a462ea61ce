import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import type { RepoInfo } from '../git/findRepo.js';
import { SECRET_PATTERNS, isSecretPath, isUnderOutputs, outputsPattern } from './leftOutRules.js';
import { checkSnapshotSize, type SizedFile } from './sizeGuard.js';

export interface SnapshotOptions {
  /** Folder (relative to top, trailing slash or '') whose `outputs/` is a run's results, not its code. */
  outputsPrefix: string;
  limits: { snapshotMb: number; fileMb: number };
  configFile?: string;
  /** Skip the size guard (restore saving the user's own work must never refuse). */
  noSizeGuard?: boolean;
}

export interface Snapshot {
  tree: string;
  /** Untracked secret-looking files that were left out. */
  leftOut: string[];
  /** Bytes of new (untracked or modified) content taken. */
  newBytes: number;
}

async function userExcludesFile(git: Git): Promise<string | undefined> {
  const r = await git(['config', '--path', '--get', 'core.excludesFile'], { allowFail: true });
  if (r.code === 0 && r.stdout.trim()) return r.stdout.trim();
  const xdg = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(xdg, 'git', 'ignore');
}

const readOr = (file: string | undefined) => (file ? fs.readFile(file, 'utf8').catch(() => '') : Promise.resolve(''));

/**
 * The project as `git add -A` sees it, written as a tree without touching HEAD, the index or the work tree:
 * a temporary index seeded from .git/index (so only changed files are re-hashed), our extra exclusions
 * passed as core.excludesFile on top of the user's own, then `add -A` and `write-tree` (DESIGN.md).
 * `.amlignore` and the secret/outputs rules, like .gitignore, only keep *untracked* files out.
 */
export async function snapshotTree(git: Git, repo: RepoInfo, opts: SnapshotOptions): Promise<Snapshot> {
  const work = await fs.mkdtemp(path.join(repo.gitDir, 'aml-snap-'));
  try {
    const [userExcludes, amlignore] = await Promise.all([
      userExcludesFile(git).then(readOr),
      readOr(path.join(repo.top, '.amlignore')),
    ]);
    const viewExcludes = path.join(work, 'view-excludes');
    const snapExcludes = path.join(work, 'snap-excludes');
    const view = `${userExcludes}\n${amlignore}\n`;
    await Promise.all([
      fs.writeFile(viewExcludes, view),
      fs.writeFile(snapExcludes, `${view}\n${SECRET_PATTERNS.join('\n')}\n${outputsPattern(opts.outputsPrefix)}\n`),
    ]);
    const indexFile = path.join(work, 'index');
    const seed = seedIndex(git, path.join(repo.gitDir, 'index'), indexFile, repo.head);

    await seed;
    // `add -A` starts at once, beside the walk that names secrets and sizes new content; if the size
    // guard refuses, add is killed before it has hashed the large files (it writes objects atomically,
    // so at most an unreferenced object is left for git gc).
    const env = { GIT_INDEX_FILE: indexFile };
    const stop = new AbortController();
    const adding = git(['-c', `core.excludesFile=${snapExcludes}`, 'add', '-A'], { cwd: repo.top, env, signal: stop.signal });
    adding.catch(() => {});
    const listing = await git(['-c', `core.excludesFile=${viewExcludes}`, 'ls-files', '-z', '-t', '--others', '--modified', '--exclude-standard'], { cwd: repo.top });
    const leftOut: string[] = [];
    const candidates: string[] = [];
    for (const entry of listing.stdout.split('\0')) {
      if (!entry) continue;
      const p = entry.slice(2);
      if (entry[0] !== '?') candidates.push(p); // "C": a tracked file with changes
      else if (isUnderOutputs(p, opts.outputsPrefix)) continue;
      else if (isSecretPath(p)) leftOut.push(p);
      else candidates.push(p);
    }
    const sized: SizedFile[] = (await Promise.all(candidates.map(async (p) => {
      const st = await fs.lstat(path.join(repo.top, p)).catch(() => undefined);
      return st?.isFile() ? { path: p, size: st.size } : undefined;
    }))).filter((f): f is SizedFile => !!f);
    let newBytes: number;
    try {
      newBytes = opts.noSizeGuard
        ? sized.reduce((s, f) => s + f.size, 0)
        : checkSnapshotSize(await withoutLfs(git, repo, sized, opts.limits.fileMb), opts.limits, opts.configFile);
    } catch (e) {
      stop.abort();
      await adding.catch(() => {});
      throw e;
    }
    await adding;
    const tree = (await git(['write-tree'], { cwd: repo.top, env })).stdout.trim();
    return { tree, leftOut, newBytes };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** LFS-tracked files go in as small pointers, so their size on disk must not trip the guard. */
async function withoutLfs(git: Git, repo: RepoInfo, files: SizedFile[], fileMb: number): Promise<SizedFile[]> {
  // Only large files can matter; asking git about them alone keeps the common case to zero extra calls.
  const big = files.filter((f) => f.size > Math.min(fileMb, 1) * 1024 * 1024);
  if (!big.length) return files;
  const r = await git(['check-attr', '-z', '--stdin', 'filter'], { cwd: repo.top, input: big.map((f) => f.path).join('\0') + '\0' });
  const parts = r.stdout.split('\0');
  const lfs = new Set<string>();
  for (let i = 0; i + 2 < parts.length; i += 3) if (parts[i + 2] === 'lfs') lfs.add(parts[i]);
  return files.map((f) => (lfs.has(f.path) ? { path: f.path, size: 200 } : f));
}

/**
 * Copies the user's index, keeping its mtime: git's racy-clean check compares file mtimes with the index's
 * own, and a fresh mtime would make a file edited in the same second as the last commit look unchanged.
 */
async function seedIndex(git: Git, from: string, to: string, head: string | undefined): Promise<void> {
  try {
    const st = await fs.stat(from);
    await fs.copyFile(from, to);
    await fs.utimes(to, st.atime, st.mtime);
  } catch {
    await git(['read-tree', head ?? '--empty'], { env: { GIT_INDEX_FILE: to } });
  }
}
