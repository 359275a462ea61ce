import type { Git } from '../git/runGit.js';
import { HistoryBranchCheckedOutError, HistoryBranchConflictError } from '../errors/historyErrors.js';
import { shellQuote } from '../run/shellQuote.js';

/**
 * Refuses, before any script runs, a history branch git could never create: a branch named like one of its
 * folders (`AzureMLHistory` when ours is `AzureMLHistory/<id>`) or one inside it, and one checked out in any
 * worktree. One git call.
 */
export async function checkHistoryRef(git: Git, historyRef: string, configFile?: string): Promise<void> {
  const parts = historyRef.split('/');
  const parents = parts.slice(2, -1).map((_, i) => parts.slice(0, 3 + i).join('/'));
  const r = await git(['for-each-ref', '--format=%(refname) %(worktreepath)', ...parents, historyRef], { allowFail: true });
  const lines = r.stdout.split('\n').filter(Boolean).map((l) => ({ ref: l.slice(0, l.indexOf(' ')), worktree: l.slice(l.indexOf(' ') + 1) }));
  const checkedOut = lines.find((l) => l.ref === historyRef && l.worktree);
  if (checkedOut) {
    // Recording moves the branch; where it is checked out, that worktree's HEAD would move under its files.
    throw new HistoryBranchCheckedOutError(`The run-history branch ${historyRef.replace(/^refs\/heads\//, '')} is checked out in ${checkedOut.worktree}: recording a run would move its HEAD under its files.`, {
      hint: `Switch that worktree back to a code branch (git -C ${shellQuote([checkedOut.worktree])} switch -), or remove it (git worktree remove ${shellQuote([checkedOut.worktree])}).`,
      data: { historyRef, worktree: checkedOut.worktree },
    });
  }
  const clash = lines.map((l) => l.ref).find((n) => parents.includes(n) || n.startsWith(`${historyRef}/`));
  if (!clash) return;
  const short = clash.replace(/^refs\/heads\//, '');
  throw new HistoryBranchConflictError(`The run history branch ${historyRef.replace(/^refs\/heads\//, '')} cannot be made: the branch ${short} is in its way.`, {
    hint: `Rename that branch (git branch -m ${short} ${short}-old), or name another history branch with "historyBranch" in ${configFile ?? '.gitamlrc.json'}.`,
    data: { historyRef, clash },
  });
}
