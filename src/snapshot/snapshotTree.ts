import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Git, GitResult } from '../git/runGit.js';
import { WALK } from '../git/repoLookup.js';
import { onDisk, pathsInput, PATH_ENCODING, shown } from '../git/pathBytes.js';
import type { RepoInfo } from '../git/findRepo.js';
import { isSecretPath, isUnderOutputs } from './leftOutRules.js';
import { checkSnapshotSize, type SizedFile } from './sizeGuard.js';

export interface SnapshotOptions {
  limits: { snapshotMb: number; fileMb: number };
  configFile?: string;
  /** The user's core.excludesFile when the caller asks git anyway (null: not set); needed only with .amlignore. */
  excludesFile?: Promise<string | null> | string | null;
  /** Skip the size guard (restore saving the user's own work must never refuse). */
  noSizeGuard?: boolean;
  /** The same walk, started early by the CLI (repoLookup.ts); undefined or resolving undefined: walk here. */
  walk?: Promise<GitResult | undefined>;
}

export interface Snapshot {
  tree: string;
  /** Untracked secret-looking files that were left out. */
  leftOut: string[];
  /** Bytes of new (untracked or modified) content taken. */
  newBytes: number;
}

/** The user's own excludes file: core.excludesFile, else git's default $XDG_CONFIG_HOME/git/ignore. */
async function userExcludesFile(git: Git, known: SnapshotOptions['excludesFile']): Promise<string> {
  let file = await known;
  if (file === undefined) {
    const r = await git(['config', '--path', '--get', 'core.excludesFile'], { allowFail: true });
    file = r.code === 0 && r.stdout.trim() ? r.stdout.trim() : null;
  }
  return file ?? path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'git', 'ignore');
}

/**
 * `.amlignore` joins the user's own excludes file for the walk (git takes one core.excludesFile), so git
 * skips what it names without reading it (a big data/ folder). Its lines come first: a `!` line in it can
 * then not bring back what the user's own excludes ignore. Without an .amlignore, git reads the user's
 * file itself and the walk starts at once.
 */
async function excludesArgs(git: Git, repo: RepoInfo, work: string, known: SnapshotOptions['excludesFile']): Promise<{ args: string[]; amlignore?: string }> {
  const amlignore = await fs.readFile(path.join(repo.top, '.amlignore'), 'utf8').catch(() => undefined);
  if (amlignore === undefined) return { args: [] };
  const user = await readOr(await userExcludesFile(git, known));
  const file = path.join(work, 'excludes');
  await fs.writeFile(file, `${amlignore}\n${user}\n`);
  return { args: ['-c', `core.excludesFile=${file}`], amlignore };
}

/**
 * In git's order of precedence an excludes file comes last: a `!` line in a .gitignore or info/exclude
 * would take back what .amlignore leaves out. So what the walk lists untracked is matched against
 * .amlignore alone once more (gitignore rules, by the `ignore` package, loaded only for such projects).
 */
async function amlignoreFilter(git: Git, amlignore: string | undefined): Promise<(listed: string) => boolean> {
  if (amlignore === undefined) return () => false;
  // Case as git matches it: exactly, unless core.ignorecase (the package's own default ignores case).
  const [{ default: ignore }, ignorecase] = await Promise.all([
    import('ignore'),
    git(['config', '--type=bool', '--get', 'core.ignorecase'], { allowFail: true }).then((r) => r.stdout.trim() === 'true'),
  ]);
  const matcher = ignore({ ignorecase }).add(amlignore);
  return (listed) => matcher.ignores(listed);
}

const readOr = (file: string | undefined) => (file ? fs.readFile(file, 'utf8').catch(() => '') : Promise.resolve(''));

/**
 * The project as `git add -A` sees it, written as a tree without touching HEAD, the index or the work tree:
 * a temporary index seeded from .git/index (so only changed files are re-hashed), staged and written with
 * git's own plumbing (DESIGN.md).
 * `.amlignore` and the secret/outputs rules, like .gitignore, only keep *untracked* files out.
 */
export async function snapshotTree(git: Git, repo: RepoInfo, opts: SnapshotOptions): Promise<Snapshot> {
  const work = await fs.mkdtemp(path.join(repo.gitDir, 'aml-snap-'));
  try {
    const indexFile = path.join(work, 'index');
    const seed = seedIndex(git, path.join(repo.gitDir, 'index'), indexFile, repo.head);
    // One walk, by git, under the user's own ignore rules plus .amlignore: untracked ("?"), changed ("C")
    // and deleted ("R") paths. We drop secrets and outputs/, size what is left (refusing before a single
    // object is written), then stage exactly that list with update-index, which applies the same clean
    // filters (LFS) and records nested repos as gitlinks: what `git add -A` stages, with one walk not two.
    let amlignore: string | undefined;
    const [listing] = await Promise.all([
      Promise.resolve(opts.walk).then(async (early) => {
        if (early) return early;
        const excludes = await excludesArgs(git, repo, work, opts.excludesFile);
        amlignore = excludes.amlignore;
        return git([...excludes.args, ...WALK], { cwd: repo.top, encoding: PATH_ENCODING });
      }),
      seed,
    ]);
    const amlignored = await amlignoreFilter(git, amlignore);
    const leftOut: string[] = [];
    const stage: string[] = [];
    const tracked = new Set<string>();
    const sizable: string[] = [];
    for (const entry of listing.stdout.split('\0')) {
      if (!entry) continue;
      const listed = entry.slice(2);
      const p = listed.replace(/\/$/, ''); // an untracked nested repo is listed as "dir/"
      if (entry[0] !== '?') {
        stage.push(p);
        tracked.add(p);
        if (entry[0] === 'C') sizable.push(p);
      } else if (isUnderOutputs(listed) || amlignored(shown(listed))) continue; // "outputs/" itself when it is a nested repo
      else if (isSecretPath(p)) leftOut.push(shown(p));
      else {
        stage.push(p);
        sizable.push(p);
      }
    }
    const stats = await Promise.all(sizable.map(async (p) => ({ path: p, st: await fs.lstat(onDisk(repo.top, p)).catch(() => undefined) })));
    const sized: SizedFile[] = stats.flatMap(({ path: p, st }) => (st?.isFile() ? [{ path: p, size: st.size }] : []));
    const newBytes = opts.noSizeGuard
      ? sized.reduce((s, f) => s + f.size, 0)
      : checkSnapshotSize((await withoutLfs(git, repo, sized, opts.limits.fileMb)).map((f) => ({ ...f, path: shown(f.path) })), opts.limits, opts.configFile);
    const env = { GIT_INDEX_FILE: indexFile };
    // A tracked path that is now a folder: update-index will not turn a file entry into one. Like `add -A`,
    // drop the entry; a folder that is a repository is then added back as a gitlink (a submodule's new
    // commit, or a nested repo in a file's place), any other folder's files are listed untracked already.
    const nowFolders = stats.filter(({ path: p, st }) => tracked.has(p) && st?.isDirectory()).map(({ path: p }) => p);
    const plainFolders = (await Promise.all(nowFolders.map(async (p) => ((await isRepository(onDisk(repo.top, p))) ? undefined : p))))
      .filter((p): p is string => !!p);
    if (nowFolders.length) {
      await git(['update-index', '--force-remove', '-z', '--stdin'], { cwd: repo.top, env, input: pathsInput(nowFolders) });
    }
    const gone = new Set(plainFolders);
    const staged = [...new Set(stage)].filter((p) => !gone.has(p));
    if (staged.length) {
      await git(['update-index', '--add', '--remove', '--replace', '-z', '--stdin'], { cwd: repo.top, env, input: pathsInput(staged) });
    }
    const tree = (await git(['write-tree'], { cwd: repo.top, env })).stdout.trim();
    return { tree, leftOut, newBytes };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Whether a folder is a repository git records as a gitlink: a `.git` file (gitdir link) or a `.git/HEAD`. */
async function isRepository(dir: Buffer): Promise<boolean> {
  const dotGit = Buffer.concat([dir, Buffer.from(`${path.sep}.git`)]);
  const st = await fs.lstat(dotGit).catch(() => undefined);
  if (!st) return false;
  return st.isFile() || !!(await fs.lstat(Buffer.concat([dotGit, Buffer.from(`${path.sep}HEAD`)])).catch(() => undefined));
}

/** LFS-tracked files go in as small pointers, so their size on disk must not trip the guard. */
async function withoutLfs(git: Git, repo: RepoInfo, files: SizedFile[], fileMb: number): Promise<SizedFile[]> {
  // Only large files can matter; asking git about them alone keeps the common case to zero extra calls.
  const big = files.filter((f) => f.size > Math.min(fileMb, 1) * 1024 * 1024);
  if (!big.length) return files;
  const r = await git(['check-attr', '-z', '--stdin', 'filter'], { cwd: repo.top, input: pathsInput(big.map((f) => f.path)), encoding: PATH_ENCODING });
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
