import type { Git } from '../git/runGit.js';
import { ROOT_SUBJECT } from './appendRun.js';

export interface LoggedCommit {
  commit: string;
  tree: string;
  parents: string[];
  message: string;
}

/**
 * The first-parent line of a history branch (or any `git log` range), newest first, in one git call,
 * without the branch's fixed root commit. Undefined when git cannot read the range (no such ref).
 */
export async function logRunCommits(git: Git, range: string[]): Promise<LoggedCommit[] | undefined> {
  const log = await git(['log', '--first-parent', '-z', '--format=%H%x1f%T%x1f%P%x1f%B', ...range, '--'], { allowFail: true });
  if (log.code !== 0) return undefined;
  const out: LoggedCommit[] = [];
  for (const entry of log.stdout.split('\0')) {
    if (!entry.trim()) continue;
    const [commit, tree, parents, message] = entry.replace(/^\n/, '').split('\x1f');
    if (!parents && message.startsWith(ROOT_SUBJECT)) continue;
    out.push({ commit, tree, parents: parents ? parents.split(' ') : [], message });
  }
  return out;
}
