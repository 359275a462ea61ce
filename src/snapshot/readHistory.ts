import type { Git } from '../git/runGit.js';
import { isAmlError } from '../errors/AmlError.js';
import type { RunRecord } from './RunRecord.js';
import { parseRunMessage } from './runMessage.js';
import { logRunCommits } from './logRunCommits.js';

export interface History {
  /** Newest first. */
  runs: RunRecord[];
  /** Commits on the branch whose record could not be read. */
  problems: { commit: string; message: string }[];
}

async function readBranch(git: Git, ref: string, problems: History['problems']): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  for (const { commit, tree, parents, message } of (await logRunCommits(git, [ref])) ?? []) {
    try {
      const rec = parseRunMessage(message, commit);
      rec.tree = tree;
      rec.artifacts = { ...rec.artifacts, commit: parents[1] ?? null };
      runs.push(rec);
    } catch (e) {
      if (!isAmlError(e)) throw e;
      if (!problems.some((p) => p.commit === commit)) problems.push({ commit, message: e.message });
    }
  }
  return runs;
}

/**
 * Every run known here, newest first: the local history branch and, when `pushedRef` (the remote-tracking
 * branch) is given, the remote's runs too, so teammates' runs show after a plain `git fetch`. A run counts
 * as pushed when the remote holds a run with the same id (re-appended runs get new commits but keep their
 * id). Local runs the remote lacks come first: they will be numbered after the remote's when pushed.
 */
export async function readHistory(git: Git, historyRef: string, pushedRef?: string): Promise<History> {
  const problems: History['problems'] = [];
  const [local, remote] = await Promise.all([
    readBranch(git, historyRef, problems),
    pushedRef ? readBranch(git, pushedRef, problems) : Promise.resolve([]),
  ]);
  const remoteIds = new Set(remote.map((r) => r.id));
  const unpushed = local.filter((r) => !remoteIds.has(r.id)).map((r) => ({ ...r, pushed: false }));
  return { runs: [...unpushed, ...remote.map((r) => ({ ...r, pushed: true }))], problems };
}
