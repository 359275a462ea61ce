import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import { gitIn } from '../git/runGit.js';
import { findRepo } from '../git/findRepo.js';
import { loadConfig } from '../config/loadConfig.js';
import { projectIdentity } from '../snapshot/projectIdentity.js';
import { readHistory } from '../snapshot/readHistory.js';
import { resolveRunRef } from '../snapshot/resolveRunRef.js';
import { layTree } from '../snapshot/layTree.js';
import type { RunRecord } from '../snapshot/RunRecord.js';
import { CloneFailedError, TargetNotEmptyError } from '../errors/remoteErrors.js';
import { redactUrl } from '../git/redactUrl.js';
import { seenRef } from '../remote/trackingRef.js';
import { PATH_ENCODING, shown } from '../git/pathBytes.js';

export interface CloneLatestOptions {
  url: string;
  dir?: string;
  /** Run to lay down instead of the latest (any run reference). */
  run?: string;
  /** Branch to check out instead of the remote's default. */
  branch?: string;
}

export interface CloneLatestDeps {
  /** Folder the user typed the command in. */
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Show git's progress (a terminal is attached). */
  progress: boolean;
}

export interface CloneLatestResult {
  dir: string;
  branch: string | null;
  historyBranch: string;
  run?: RunRecord;
  changes: { status: string; path: string }[];
}

/** `https://host/org/_git/iris.git` → `iris`; a local path → its last folder. */
export function projectNameFromUrl(url: string): string {
  const clean = url.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  return clean.split(/[/:\\]/).filter(Boolean).pop() ?? 'project';
}

/**
 * Brings a project to this machine as of its latest run (Workbench's "open project" on a second machine):
 * a clone on the default branch, the run-history branch as a local branch, and the run's snapshot laid on
 * the working tree so that `git status` shows it as unstaged changes and the index equals the branch.
 */
export async function cloneLatest(o: CloneLatestOptions, deps: CloneLatestDeps): Promise<CloneLatestResult> {
  const dir = path.resolve(deps.cwd, o.dir ?? projectNameFromUrl(o.url));
  // Anything already at that path but an empty folder is the user's: refuse, and never remove it later.
  const st = await fs.lstat(dir).catch(() => undefined);
  const existing = st?.isDirectory() ? await fs.readdir(dir) : st ? [path.basename(dir)] : undefined;
  if (existing?.length) {
    throw new TargetNotEmptyError(`${dir} already exists and is not empty; nothing was changed.`, {
      hint: `Clone into a new folder: git aml clone-latest ${redactUrl(o.url)} ${path.basename(dir)}-2   (or, if it is this project already: cd ${path.basename(dir)} && git aml fetch && git aml restore latest)`,
      data: { dir },
    });
  }
  const outside = gitIn(deps.cwd, deps.env);
  const args = ['clone', ...(deps.progress ? ['--progress'] : ['--quiet']), ...(o.branch ? ['--branch', o.branch] : []), '--', o.url, dir];
  const cloned = await outside(args, { allowFail: true, inheritStderr: deps.progress });
  if (cloned.code !== 0) {
    if (!existing) await fs.rm(dir, { recursive: true, force: true });
    const why = redactUrl(cloned.stderr.trim().split('\n').pop() || `git clone exited ${cloned.code}`);
    const branchMissing = o.branch && /Remote branch .* not found/.test(cloned.stderr);
    throw new CloneFailedError(`Could not clone ${redactUrl(o.url)}: ${why}`, {
      hint: branchMissing ? `List the branches it has: git ls-remote --heads ${redactUrl(o.url)}` : `Check the address and your access: git ls-remote ${redactUrl(o.url)}`,
      data: { url: o.url },
    });
  }
  try {
    return await layLatest(o, deps, dir);
  } catch (e) {
    // The clone was ours to make: a failure after it (an unknown --run, an unsafe snapshot) takes it away,
    // so the same command can simply be run again.
    if (!existing) await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function layLatest(o: CloneLatestOptions, deps: CloneLatestDeps, dir: string): Promise<CloneLatestResult> {
  const git = gitIn(dir, deps.env);
  let repo = await findRepo(git, dir);
  if (!repo.head && (await checkoutFallbackBranch(git))) repo = await findRepo(git, dir);
  if (repo.headRef?.startsWith('refs/heads/AzureMLHistory/')) {
    // The remote's HEAD names its run history (on GitHub or Azure Repos, the first branch pushed to an empty
    // repository becomes its default, and `git aml run` may have pushed first): the user wants the code.
    const history = repo.headRef.replace('refs/heads/', '');
    if (!(await checkoutFallbackBranch(git))) {
      throw new CloneFailedError(`${redactUrl(o.url)} has only run history (its default branch is ${history}), no branch of code to check out.`, {
        hint: `Name the code branch: git aml clone-latest --branch <branch> ${redactUrl(o.url)}   (git ls-remote --heads ${redactUrl(o.url)} lists them)`,
        data: { url: o.url },
      });
    }
    await git(['branch', '-D', history]); // the same commit as origin's; made again below as the run history
    repo = await findRepo(git, dir);
  }
  if (!repo.head) return { dir, branch: null, historyBranch: '', changes: [] };
  const config = await loadConfig(dir, repo.top);
  const project = await projectIdentity(git, repo, config);
  const remoteRef = await findRemoteHistory(git, config.remote, project.historyBranch);
  const result: CloneLatestResult = { dir, branch: repo.headRef?.replace('refs/heads/', '') ?? null, historyBranch: project.historyBranch, changes: [] };
  if (!remoteRef) return result;
  const [tip, url] = await Promise.all([
    git(['rev-parse', remoteRef]).then((r) => r.stdout.trim()),
    git(['remote', 'get-url', '--push', config.remote], { allowFail: true }).then((r) => r.stdout.trim()),
  ]);
  await Promise.all([
    git(['update-ref', '-m', 'git aml clone-latest', project.historyRef, tip, '']),
    // What the remote had when we cloned: a later rewrite is refused even after a plain `git fetch`.
    url ? git(['update-ref', seenRef(url, remoteRef.replace(`refs/remotes/${config.remote}/`, '')), tip]) : undefined,
  ]);
  const { runs } = await readHistory(git, project.historyRef, remoteRef);
  if (!runs.length) return result;
  const run = resolveRunRef(runs, o.run ?? 'latest', project.historyBranch);
  result.run = run;
  result.changes = await layRun(git, repo.top, repo.gitDir, repo.head, run.tree);
  return result;
}

/**
 * A remote whose HEAD names a branch it does not have (a bare repo made with another default branch name)
 * clones with nothing checked out. Then master, main, or the only other branch is what the user meant.
 */
async function checkoutFallbackBranch(git: Git): Promise<boolean> {
  const names = (await git(['for-each-ref', '--format=%(refname:strip=3)', 'refs/remotes/origin/'])).stdout.split('\n')
    .filter((n) => n && n !== 'HEAD' && !n.startsWith('AzureMLHistory/'));
  const pick = ['master', 'main'].find((n) => names.includes(n)) ?? (names.length === 1 ? names[0] : undefined);
  if (!pick) return false;
  await git(['checkout', '-q', '-b', pick, '--track', `origin/${pick}`]);
  return true;
}

/** The remote-tracking history branch: the configured name, else the only AzureMLHistory/* the remote has. */
async function findRemoteHistory(git: Git, remote: string, historyBranch: string): Promise<string | undefined> {
  const refs = (await git(['for-each-ref', '--format=%(refname)', `refs/remotes/${remote}/`])).stdout.split('\n').filter(Boolean);
  const wanted = `refs/remotes/${remote}/${historyBranch}`;
  if (refs.includes(wanted)) return wanted;
  const candidates = refs.filter((r) => r.startsWith(`refs/remotes/${remote}/AzureMLHistory/`));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Writes the difference between HEAD's tree and the run's tree onto the (clean) working tree. */
async function layRun(git: Git, top: string, gitDir: string, head: string, tree: string) {
  const diff = (await git(['diff-tree', '-r', '-z', '--no-renames', '--name-status', head, tree], { encoding: PATH_ENCODING })).stdout.split('\0').filter(Boolean);
  const changes: { status: string; path: string }[] = [];
  for (let i = 0; i + 1 < diff.length; i += 2) changes.push({ status: diff[i], path: diff[i + 1] });
  await layTree(git, {
    tree,
    dir: top,
    paths: changes.filter((c) => c.status !== 'D').map((c) => c.path),
    remove: changes.filter((c) => c.status === 'D').map((c) => c.path),
    scratch: gitDir,
    repoTop: top,
  });
  return changes.map((c) => ({ ...c, path: shown(c.path) }));
}
