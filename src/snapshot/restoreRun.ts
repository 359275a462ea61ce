import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import type { RepoInfo } from '../git/findRepo.js';
import { UncommittedWorkError } from '../errors/historyErrors.js';
import { snapshotTree } from './snapshotTree.js';
import { layTree } from './layTree.js';
import { onDisk, pathsInput, PATH_ENCODING, shown } from '../git/pathBytes.js';

export interface RestoreInput {
  /** Tree to make the working tree into. */
  tree: string;
  /** How the user named it, for messages and hints. */
  label: string;
  force: boolean;
  now: Date;
  /** Trees of recorded runs and saved work: content found in one of them is not lost by overwriting it. */
  recordedTrees?: string[];
}

export interface RestoreResult {
  changed: { status: string; path: string }[];
  /** Uncommitted changes overwritten without saving because their content is in a recorded run or saved work. */
  alreadyRecorded: string[];
  /** Where the user's uncommitted work was saved (with --force), if anything needed saving. */
  saved?: { ref: string; commit: string };
}

function parseNameStatus(out: string): { status: string; path: string }[] {
  const parts = out.split('\0').filter(Boolean);
  const res: { status: string; path: string }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) res.push({ status: parts[i], path: parts[i + 1] });
  return res;
}

/**
 * Makes the working tree equal to `tree` (as `git add -A` would see it), leaving HEAD, the branch and the
 * index alone so the difference shows as unstaged changes. Work that exists nowhere else (uncommitted
 * changes, untracked or ignored files in the way) is never destroyed: without --force we refuse and name it;
 * with --force it is first saved as a commit under refs/aml/saved/ that `git aml restore` brings back.
 */
export async function restoreRun(git: Git, repo: RepoInfo, input: RestoreInput): Promise<RestoreResult> {
  const current = await snapshotTree(git, repo, { limits: { snapshotMb: 0, fileMb: 0 }, noSizeGuard: true });
  const [toRun, uncommitted] = await Promise.all([
    git(['diff-tree', '-r', '-z', '--no-renames', '--name-status', current.tree, input.tree], { encoding: PATH_ENCODING }),
    git(['diff-tree', '-r', '-z', '--no-renames', '--name-only', repo.head!, current.tree], { encoding: PATH_ENCODING }),
  ]);
  // Paths stay as git's bytes (pathBytes.ts) until they are shown.
  const changed = parseNameStatus(toRun.stdout);
  if (!changed.length) return { changed, alreadyRecorded: [] };
  const dirty = new Set(uncommitted.stdout.split('\0').filter(Boolean));
  const atRisk: string[] = [];
  const ignoredInTheWay: string[] = [];
  for (const c of changed) {
    if (dirty.has(c.path)) atRisk.push(c.path);
    else if (c.status === 'A' && (await fs.lstat(onDisk(repo.top, c.path)).catch(() => undefined))) {
      // Not in the current snapshot yet on disk: an ignored, secret-looking or outputs file we would overwrite.
      ignoredInTheWay.push(c.path);
    }
  }
  let saved: RestoreResult['saved'];
  const recorded = await recordedElsewhere(git, current.tree, atRisk, input.recordedTrees ?? []);
  const risky = [...atRisk.filter((p) => !recorded.has(p)), ...ignoredInTheWay];
  if (risky.length) {
    if (!input.force) {
      const list = risky.slice(0, 10).map((p) => `  ${shown(p)}`).join('\n') + (risky.length > 10 ? `\n  … and ${risky.length - 10} more` : '');
      throw new UncommittedWorkError(`Restoring ${input.label} would overwrite work that is not committed or recorded:\n${list}`, {
        hint: `Commit or stash it first (git stash -u), or let git aml save it and restore: git aml restore ${input.label} --force`,
        data: { paths: risky.map(shown) },
      });
    }
    saved = await saveWork(git, repo, current.tree, ignoredInTheWay, input);
  }
  await layTree(git, {
    tree: input.tree,
    dir: repo.top,
    paths: changed.filter((c) => c.status !== 'D').map((c) => c.path),
    remove: changed.filter((c) => c.status === 'D').map((c) => c.path),
    scratch: repo.gitDir,
    repoTop: repo.top,
  });
  return { changed: changed.map((c) => ({ ...c, path: shown(c.path) })), alreadyRecorded: atRisk.filter((p) => recorded.has(p)).map(shown), saved };
}

/**
 * The paths whose current content is already in a recorded run (or saved work) at the same path: switching
 * from one run to another, or restoring right after clone-latest, loses nothing. One cat-file call.
 */
async function recordedElsewhere(git: Git, tree: string, paths: string[], trees: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (!paths.length || !trees.length) return found;
  const lines = paths.flatMap((p) => [`${tree}:${p}`, ...trees.map((t) => `${t}:${p}`)]);
  const r = await git(['cat-file', '--batch-check=%(objectname)'], { input: Buffer.from(lines.join('\n') + '\n', PATH_ENCODING) });
  const out = r.stdout.split('\n');
  paths.forEach((p, i) => {
    const at = i * (trees.length + 1);
    const mine = out[at];
    if (/^[0-9a-f]+$/.test(mine) && out.slice(at + 1, at + 1 + trees.length).includes(mine)) found.add(p);
  });
  return found;
}

/** `rel` itself, or every file under it when it is a folder (an ignored folder where the run has a file). */
async function filesUnder(top: string, rel: string): Promise<string[]> {
  const st = await fs.lstat(onDisk(top, rel)).catch(() => undefined);
  if (!st?.isDirectory()) return [rel];
  const names = await fs.readdir(onDisk(top, rel), { encoding: 'buffer' });
  return (await Promise.all(names.map((n) => filesUnder(top, `${rel}/${n.toString(PATH_ENCODING)}`)))).flat();
}

/** Commits the current snapshot (plus any ignored files about to be overwritten) under refs/aml/saved/. */
async function saveWork(git: Git, repo: RepoInfo, tree: string, extra: string[], input: RestoreInput) {
  let full = tree;
  extra = (await Promise.all(extra.map((p) => filesUnder(repo.top, p)))).flat();
  if (extra.length) {
    const env = { GIT_INDEX_FILE: path.join(repo.gitDir, `aml-save-index-${process.pid}`) };
    try {
      await git(['read-tree', tree], { env });
      await git(['update-index', '--add', '-z', '--stdin'], { cwd: repo.top, env, input: pathsInput(extra) });
      full = (await git(['write-tree'], { env })).stdout.trim();
    } finally {
      await fs.rm(env.GIT_INDEX_FILE, { force: true });
    }
  }
  const stamp = input.now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const commit = (await git(['commit-tree', full, '-p', repo.head!, '-m', `git aml: work saved before restoring ${input.label}`])).stdout.trim();
  const ref = `refs/aml/saved/${stamp}-${commit.slice(0, 7)}`;
  await git(['update-ref', '-m', 'git aml restore --force', ref, commit, '']);
  return { ref, commit };
}
