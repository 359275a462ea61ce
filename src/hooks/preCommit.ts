import type { Git } from '../git/runGit.js';
import { CommitOnHistoryBranchError } from '../errors/hookErrors.js';
import { projectHistoryRef } from './projectHistoryRef.js';

/**
 * pre-commit: refuses a hand-made commit while HEAD is on a run-history branch. Those branches hold one
 * commit per recorded run, written by git aml; a commit made there by hand would be read as a broken run
 * and pushed to teammates as one.
 */
export async function preCommit(git: Git, cwd: string): Promise<number> {
  const head = await git(['symbolic-ref', '-q', 'HEAD'], { allowFail: true });
  const ref = head.stdout.trim();
  if (head.code !== 0 || !ref.startsWith('refs/heads/')) return 0;
  const p = await projectHistoryRef(git, cwd);
  if (!p || (ref !== p.historyRef && !p.pattern.test(ref))) return 0;
  const branch = ref.slice('refs/heads/'.length);
  throw new CommitOnHistoryBranchError(`You are on ${branch}, a run-history branch: git aml writes its commits, one per run, so commits are not made there by hand.`, {
    hint: 'Take your staged changes to a branch of your own and commit there: git switch -c my-work',
    data: { branch },
  });
}
