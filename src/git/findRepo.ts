import path from 'node:path';
import type { Git } from './runGit.js';
import { LAYOUT, startRepoLookup, topOf, type RepoLookup } from './repoLookup.js';
import { LooseObjects } from './looseObjects.js';
import { BareRepoError, GitTooOldError, NoCommitsError, NotAGitRepoError } from '../errors/repoErrors.js';

export interface RepoInfo {
  /** Folder the user typed the command in. */
  cwd: string;
  /** Top of the working tree. */
  top: string;
  /** This worktree's git dir (differs from commonDir in a linked worktree). */
  gitDir: string;
  /** Shared git dir: objects, refs and our journal live here. */
  commonDir: string;
  /** cwd relative to top, with a trailing slash, or ''. */
  prefix: string;
  /** The repository's hash: sha1, or sha256 for repos made with --object-format=sha256. */
  objectFormat: 'sha1' | 'sha256';
  /** HEAD's commit, or undefined in a repo with no commits. */
  head?: string;
  /** Settles when git's version is known to be new enough (rejects with GitTooOldError otherwise). */
  versionCheck: Promise<void>;
  /** HEAD's tree, or undefined in a repo with no commits. */
  headTree?: string;
  /** Full ref name HEAD points at (refs/heads/master), or undefined when detached. */
  headRef?: string;
}

export const MIN_GIT = [2, 30] as const;

export function parseGitVersion(text: string): [number, number, number] | undefined {
  const m = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/**
 * Finds the repository around `cwd` and checks git itself. The common case (a repo with commits) costs two
 * git calls side by side: the version, and one rev-parse that also names HEAD, its tree and its branch.
 */
export async function findRepo(git: Git, cwd: string, opts: { needCommit?: boolean; deferVersionCheck?: boolean; lookup?: RepoLookup } = {}): Promise<RepoInfo> {
  const lookup = opts.lookup ?? startRepoLookup(git, cwd);
  const versionCheck = lookup.version.then((version) => {
    const v = parseGitVersion(version.stdout);
    if (v && (v[0] < MIN_GIT[0] || (v[0] === MIN_GIT[0] && v[1] < MIN_GIT[1]))) {
      throw new GitTooOldError(`git ${v.join('.')} is too old; git-aml needs git ${MIN_GIT.join('.')} or newer.`, {
        hint: 'Upgrade git (for example: apt-get install git, or brew upgrade git) and run the command again.',
        data: { version: v.join('.') },
      });
    }
  });
  versionCheck.catch(() => {}); // awaited below or by the caller; never an unhandled rejection
  const fast = await lookup.layout;
  if (!opts.deferVersionCheck || fast.code !== 0) await versionCheck;
  // No commits yet, a bare repo or no repo at all: ask again without HEAD to tell which.
  const layout = fast.code === 0 ? fast : await git(['rev-parse', ...LAYOUT], { allowFail: true });
  if (layout.code !== 0) {
    throw new NotAGitRepoError(`${cwd} is not inside a git repository.`, {
      hint: 'cd into your project first, or make it one with: git init && git add -A && git commit -m "first commit"',
    });
  }
  const [gitDirRaw, commonRaw, bare, inside, prefix = '', objectFormat, head, headTree, symbolic] = layout.stdout.split('\n');
  if (bare === 'true') {
    throw new BareRepoError(`${cwd} is a bare repository: it has no working tree to snapshot or run in.`, {
      hint: 'Clone it and work in the clone: git clone <this repo> my-project && cd my-project',
    });
  }
  if (inside !== 'true') {
    throw new NotAGitRepoError(`${cwd} is inside the .git folder, not the working tree.`, {
      hint: 'cd to the top of your project and run the command there.',
    });
  }
  const info: RepoInfo = {
    cwd,
    top: topOf(cwd, prefix),
    gitDir: path.resolve(cwd, gitDirRaw),
    commonDir: path.resolve(cwd, commonRaw),
    prefix,
    objectFormat: objectFormat === 'sha256' ? 'sha256' : 'sha1',
    head: fast.code === 0 ? head : undefined,
    headTree: fast.code === 0 ? headTree : undefined,
    headRef: fast.code === 0 && symbolic?.startsWith('refs/') ? symbolic : undefined,
    versionCheck,
  };
  if (opts.needCommit && !info.head) {
    throw new NoCommitsError('This repository has no commits yet: git aml works from a first commit (a run records what changed since it).', {
      hint: 'Make a first commit: git add -A && git commit -m "first commit"',
    });
  }
  return info;
}

/** The repository's object store, for writing run commits in process. */
export function repoObjects(repo: RepoInfo): LooseObjects {
  return new LooseObjects(process.env.GIT_OBJECT_DIRECTORY || path.join(repo.commonDir, 'objects'), repo.objectFormat);
}
