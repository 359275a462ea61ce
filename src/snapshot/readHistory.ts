import type { Git } from '../git/runGit.js';
import { isAmlError } from '../errors/AmlError.js';
import type { RunRecord } from './RunRecord.js';
import { parseRunMessage } from './runMessage.js';
import { ROOT_SUBJECT } from './appendRun.js';

export interface History {
  /** Newest first. */
  runs: RunRecord[];
  /** Commits on the branch whose record could not be read. */
  problems: { commit: string; message: string }[];
}

/** Reads every run on the history branch in one `git log`; `pushedRef` is the remote-tracking branch, if any. */
export async function readHistory(git: Git, historyRef: string, pushedRef?: string): Promise<History> {
  const [log, pushedLog] = await Promise.all([
    git(['log', '--first-parent', '-z', '--format=%H%x1f%T%x1f%P%x1f%B', historyRef, '--'], { allowFail: true }),
    pushedRef ? git(['log', '--first-parent', '--format=%T%x1f%B', pushedRef, '--'], { allowFail: true }) : undefined,
  ]);
  const runs: RunRecord[] = [];
  const problems: History['problems'] = [];
  if (log.code !== 0) return { runs, problems };
  // A run counts as pushed when the remote branch holds a run with the same id (re-appended runs get new
  // commit ids but keep their record id).
  const remoteIds = new Set<string>();
  for (const m of (pushedLog?.code === 0 ? pushedLog.stdout : '').matchAll(/"id": "([^"]+)"/g)) remoteIds.add(m[1]);
  for (const entry of log.stdout.split('\0')) {
    if (!entry.trim()) continue;
    const [commit, tree, parents, message] = entry.replace(/^\n/, '').split('\x1f');
    if (!parents && message.startsWith(ROOT_SUBJECT)) continue;
    try {
      const rec = parseRunMessage(message, commit);
      rec.tree = tree;
      rec.pushed = remoteIds.has(rec.id);
      rec.artifacts = { ...rec.artifacts, commit: parents.split(' ')[1] ?? null };
      runs.push(rec);
    } catch (e) {
      if (!isAmlError(e)) throw e;
      problems.push({ commit, message: e.message });
    }
  }
  return { runs, problems };
}
