import type { Git } from '../git/runGit.js';
import { HistoryBranchConflictError } from '../errors/historyErrors.js';

/**
 * Refuses, before any script runs, a history branch git could never create: a branch named like one of its
 * folders (`AzureMLHistory` when ours is `AzureMLHistory/<id>`) or one inside it. One git call.
 */
export async function checkHistoryRef(git: Git, historyRef: string, configFile?: string): Promise<void> {
  const parts = historyRef.split('/');
  const parents = parts.slice(2, -1).map((_, i) => parts.slice(0, 3 + i).join('/'));
  const r = await git(['for-each-ref', '--format=%(refname)', ...parents, historyRef], { allowFail: true });
  const clash = r.stdout.split('\n').find((n) => parents.includes(n) || n.startsWith(`${historyRef}/`));
  if (!clash) return;
  const short = clash.replace(/^refs\/heads\//, '');
  throw new HistoryBranchConflictError(`The run history branch ${historyRef.replace(/^refs\/heads\//, '')} cannot be made: the branch ${short} is in its way.`, {
    hint: `Rename that branch (git branch -m ${short} ${short}-old), or name another history branch with "historyBranch" in ${configFile ?? '.gitamlrc.json'}.`,
    data: { historyRef, clash },
  });
}
