import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import type { RepoInfo } from '../git/findRepo.js';
import type { AmlConfig } from '../config/AmlConfig.js';
import { NoCommitsError } from '../errors/repoErrors.js';
import { HistoryBranchCheckedOutError } from '../errors/historyErrors.js';
import { ROOT_SUBJECT } from './appendRun.js';

export interface ProjectIdentity {
  /** Human name, used in run ids and messages. */
  name: string;
  /** Stable id: the same in every clone without anyone coordinating. */
  id: string;
  /** Full ref of the run-history branch, e.g. refs/heads/AzureMLHistory/3f2a9c01b7d4. */
  historyRef: string;
  /** Short branch name, e.g. AzureMLHistory/3f2a9c01b7d4. */
  historyBranch: string;
}

export function sanitizeName(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return clean || 'project';
}

/**
 * Every clone shares the repository's root commit, so its id names the project with no coordination.
 * With several roots (merged histories) the oldest one reachable from `rev` wins, the same everywhere.
 */
export async function rootCommitId(git: Git, rev: string): Promise<string> {
  const out = (await git(['rev-list', '--max-parents=0', '--format=%s', rev])).stdout.trim().split('\n').filter(Boolean);
  // Pairs of lines: "commit <id>", then its subject.
  const roots = out.filter((_, i) => i % 2 === 0).map((l, i) => ({ id: l.replace(/^commit /, ''), subject: out[2 * i + 1] ?? '' }));
  if (!roots.length) throw new NoCommitsError(`${rev} has no commits.`, { hint: 'Make a first commit: git commit -m "first commit"' });
  const root = roots[roots.length - 1];
  if (root.subject === ROOT_SUBJECT) {
    // A run-history branch is checked out (a clone of a remote whose HEAD names it): its root is the same
    // fixed commit in every project, so it cannot name this one.
    throw new HistoryBranchCheckedOutError(`HEAD is on a run-history branch, not on your code: ${rev} starts at git-aml's history root.`, {
      hint: 'Switch to your code branch first (git switch master, or see git branch -a).',
      data: { rev },
    });
  }
  return root.id.slice(0, 12);
}

export function historyBranchFor(config: AmlConfig, id: string): string {
  return config.historyBranch.replace(/\{projectId\}/g, id);
}

/** Resolves the project's name, id and history branch; the derived id is cached under .git/aml. */
export async function projectIdentity(git: Git, repo: RepoInfo, config: AmlConfig): Promise<ProjectIdentity> {
  let id = config.projectId;
  if (!id) {
    const cache = path.join(repo.commonDir, 'aml', 'project-id');
    id = (await fs.readFile(cache, 'utf8').catch(() => '')).trim();
    if (!id) {
      if (!repo.head) throw new NoCommitsError('This repository has no commits yet.', { hint: 'Make a first commit: git add -A && git commit -m "first commit"' });
      id = await rootCommitId(git, 'HEAD');
      await fs.mkdir(path.dirname(cache), { recursive: true });
      await fs.writeFile(cache, id + '\n');
    }
  }
  const historyBranch = historyBranchFor(config, id);
  return {
    name: sanitizeName(config.name ?? path.basename(repo.top)),
    id,
    historyBranch,
    historyRef: `refs/heads/${historyBranch}`,
  };
}
