import type { Git } from '../git/runGit.js';
import { isAmlError } from '../errors/AmlError.js';
import { formatRunMessage, parseRunMessage } from '../snapshot/runMessage.js';
import type { RunCommit } from './runCommits.js';

export interface Renumbered {
  id: string;
  from: number;
  to: number;
}

/**
 * Re-creates `runs` (oldest first) on top of `base`: the same snapshot trees, the same artifacts commits
 * (second parents), the same authors, committers and dates, the same records except `number`, which
 * continues after `baseNumber`. Nothing but the message's number and the first parent changes, so two
 * processes replaying the same runs on the same base make byte-identical commits.
 */
export async function replayRuns(git: Git, base: string, baseNumber: number, runs: RunCommit[]): Promise<{ tip: string; renumbered: Renumbered[] }> {
  let parent = base;
  let next = baseNumber;
  const renumbered: Renumbered[] = [];
  for (const run of runs) {
    let message = run.message;
    try {
      const record = parseRunMessage(run.message, run.commit);
      const from = record.number;
      record.number = ++next;
      message = formatRunMessage(record);
      if (from !== record.number) renumbered.push({ id: record.id, from, to: record.number });
    } catch (e) {
      // A commit with no readable record is still carried over, word for word: nothing is dropped.
      if (!isAmlError(e)) throw e;
    }
    const env = {
      GIT_AUTHOR_NAME: run.author.name, GIT_AUTHOR_EMAIL: run.author.email, GIT_AUTHOR_DATE: run.author.date,
      GIT_COMMITTER_NAME: run.committer.name, GIT_COMMITTER_EMAIL: run.committer.email, GIT_COMMITTER_DATE: run.committer.date,
    };
    const parents = [parent, ...run.parents.slice(1)].flatMap((p) => ['-p', p]);
    parent = (await git(['commit-tree', run.tree, ...parents, '-F', '-'], { input: message, env })).stdout.trim();
  }
  return { tip: parent, renumbered };
}
