import type { Git } from '../git/runGit.js';
import { casRef } from '../git/casRef.js';

/**
 * Before a run: when the remote-tracking copy of the history branch is ahead of the local branch (after a
 * plain `git clone`, `git fetch` or `git pull`), move the local branch up to it, so the new run is
 * numbered after teammates' runs and its push is a fast-forward. Local only; one git call when nothing
 * needs doing. A diverged branch is left for the push to reconcile.
 */
export async function fastForwardToRemote(git: Git, historyRef: string, tracking: string): Promise<boolean> {
  const r = await git(['for-each-ref', '--format=%(objectname) %(refname)', historyRef, tracking], { allowFail: true });
  const tips = new Map(r.stdout.split('\n').filter(Boolean).map((l) => [l.slice(l.indexOf(' ') + 1), l.slice(0, l.indexOf(' '))]));
  const local = tips.get(historyRef);
  const remote = tips.get(tracking);
  if (!remote || local === remote) return false;
  if (local && (await git(['merge-base', '--is-ancestor', local, remote], { allowFail: true })).code !== 0) return false;
  return casRef(git, historyRef, remote, local, 'git aml: fast-forward to the remote\'s runs');
}
