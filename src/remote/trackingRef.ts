import { createHash } from 'node:crypto';

/**
 * Where the remote's copy of the history branch is kept locally: the same ref a plain `git fetch` writes
 * with the default refspec, so `history list` shows teammates' runs after either.
 */
export function trackingRef(remote: string, historyBranch: string): string {
  return `refs/remotes/${remote}/${historyBranch}`;
}

/**
 * The remote's tip of the history branch as git-aml itself last saw it (after its own fetch, push or
 * clone-latest). A plain `git fetch` force-updates the remote-tracking ref, so after a teammate rewound the
 * branch that ref no longer remembers the runs it lost; this one does, and a rewrite is refused instead of
 * undone. Keyed by the remote's URL, not its name: a remote moved to a new server, or a name reused for
 * another repository, starts with nothing seen.
 */
export function seenRef(url: string, historyBranch: string): string {
  return `refs/aml/seen/${createHash('sha1').update(url).digest('hex').slice(0, 12)}/${historyBranch}`;
}
