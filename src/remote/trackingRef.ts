/**
 * Where the remote's copy of the history branch is kept locally: the same ref a plain `git fetch` writes
 * with the default refspec, so `history list` shows teammates' runs after either.
 */
export function trackingRef(remote: string, historyBranch: string): string {
  return `refs/remotes/${remote}/${historyBranch}`;
}
