import type { Git } from '../git/runGit.js';
import { parseRunMessage } from '../snapshot/runMessage.js';
import { projectHistoryRef } from './projectHistoryRef.js';

export const RUN_TRAILER = 'Aml-Run';

/**
 * prepare-commit-msg: when the tree being committed is exactly a recorded run's snapshot, adds the trailer
 * `Aml-Run: <run id>` (newest such run), so the commit and pull requests built from it name the run that
 * produced their results. Runs on every commit, so: a handful of git calls, no history parsing beyond the
 * one matching record. Idempotent (git's addIfDifferent); `runTrailer: false` turns it off.
 * Returns the run named, if any.
 */
export async function prepareCommitMsg(git: Git, cwd: string, messageFile: string | undefined): Promise<{ id: string; number: number } | undefined> {
  if (!messageFile) return undefined;
  // During `git commit` GIT_INDEX_FILE names the index being committed (also for `commit -a` or paths).
  const [tree, p] = await Promise.all([git(['write-tree'], { allowFail: true }), projectHistoryRef(git, cwd)]);
  if (!p || !p.config.runTrailer || tree.code !== 0) return undefined;
  const log = await git(['log', '--first-parent', '--ignore-missing', '--format=%T %H', p.historyRef, p.remoteRef, '--'], { allowFail: true });
  if (log.code !== 0) return undefined;
  const t = tree.stdout.trim();
  const commit = log.stdout.split('\n').find((l) => l.startsWith(`${t} `))?.slice(t.length + 1);
  if (!commit) return undefined;
  let run: { id: string; number: number };
  try {
    run = parseRunMessage((await git(['log', '-1', '--format=%B', commit])).stdout, commit);
  } catch {
    return undefined; // not a readable run (the history root has the empty tree): nothing to name
  }
  await git(['interpret-trailers', '--in-place', '--if-exists', 'addIfDifferent', '--trailer', `${RUN_TRAILER}: ${run.id}`, messageFile]);
  return { id: run.id, number: run.number };
}
