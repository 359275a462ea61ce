import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import { UnsafePathError } from '../errors/historyErrors.js';
import { checkTreePaths, parseLsTree } from './checkTreePaths.js';
import { onDisk, pathsInput, PATH_ENCODING, shown } from '../git/pathBytes.js';

export interface LayInput {
  /** Tree to read from. */
  tree: string;
  /** Folder the tree's paths are written under. */
  dir: string;
  /** Paths to write (all when omitted), as git gives them (pathBytes.ts). */
  paths?: string[];
  /** Paths to delete from `dir`. */
  remove?: string[];
  /** Scratch folder for the temporary index (inside .git). */
  scratch: string;
  /** Top of the repository the tree is read from (git resolves index paths from there). */
  repoTop: string;
  /** Prefix all paths with this folder inside `dir` (e.g. ".aml-run/"). */
  under?: string;
}

/** Fails when a leading folder of `rel` inside `dir` is a symlink on disk: writing through it could escape. */
async function checkNoLinkOnDisk(dir: string, rel: string): Promise<void> {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const st = await fs.lstat(onDisk(dir, parts.slice(0, i).join('/'))).catch(() => undefined);
    if (!st) return;
    if (st.isSymbolicLink()) {
      const link = shown(parts.slice(0, i).join('/'));
      throw new UnsafePathError(`Refusing to write ${shown(rel)}: ${link} is a symlink on disk.`, {
        hint: `Move the symlink aside (mv ${link} ${link}.bak) and run the command again.`,
        data: { path: shown(rel) },
      });
    }
  }
}

/**
 * Writes files from a git tree into a folder through git's own checkout (so LFS and eol filters apply as in
 * a checkout), after checking every path of the tree (checkTreePaths) and the folders on disk it goes through.
 */
export async function layTree(git: Git, input: LayInput): Promise<void> {
  const entries = parseLsTree((await git(['ls-tree', '-r', '-z', '--full-tree', input.tree], { encoding: PATH_ENCODING })).stdout);
  checkTreePaths(entries);
  const wanted = input.paths ? new Set(input.paths) : undefined;
  const toWrite = entries.filter((e) => e.type !== 'commit' && (!wanted || wanted.has(e.path))).map((e) => e.path);
  const under = input.under ?? '';
  for (const p of [...toWrite, ...(input.remove ?? [])]) await checkNoLinkOnDisk(input.dir, under + p);
  for (const p of input.remove ?? []) {
    await fs.rm(onDisk(input.dir, under + p), { force: true });
    await pruneEmptyDirs(input.dir, path.dirname(under + p));
  }
  if (!toWrite.length) return;
  const env = { GIT_INDEX_FILE: path.join(input.scratch, `lay-index-${process.pid}`) };
  try {
    await git(['read-tree', input.tree], { env, cwd: input.repoTop });
    const prefix = path.join(input.dir, under) + path.sep;
    await git(['checkout-index', '-f', '-z', '--stdin', `--prefix=${prefix}`], { env, cwd: input.repoTop, input: pathsInput(toWrite) });
  } finally {
    await fs.rm(env.GIT_INDEX_FILE, { force: true });
  }
}

async function pruneEmptyDirs(root: string, rel: string): Promise<void> {
  while (rel && rel !== '.') {
    try {
      await fs.rmdir(onDisk(root, rel));
    } catch {
      return;
    }
    rel = path.dirname(rel);
  }
}
