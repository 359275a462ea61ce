import type { Git } from '../git/runGit.js';
import type { Transport } from '../git/transport.js';
import { PushContentionError } from '../errors/remoteErrors.js';
import { fetchHistory } from './fetchHistory.js';
import { integrateRemote } from './integrateRemote.js';
import type { Renumbered } from './replayRuns.js';

export interface FetchResult {
  remote: string;
  branch: string;
  /** The remote's tip; undefined when the remote has no run history yet. */
  tip?: string;
  /** Teammates' runs that are new here. */
  received: number;
  /** Local runs not yet pushed that got new numbers after the teammates' runs. */
  renumbered: Renumbered[];
  /** How many local runs the remote still lacks (send them with `git aml push`). */
  unpushed: number;
}

/**
 * Brings the remote's runs into the local history branch: fetch into the remote-tracking ref, then
 * fast-forward, or carry local unpushed runs onto the remote's tip (see integrateRemote). Never pushes.
 */
export async function fetchRuns(git: Git, transport: Transport, o: { historyRef: string; historyBranch: string; progress?: boolean }): Promise<FetchResult> {
  const tip = await fetchHistory(git, transport, o.historyBranch, 'fetch', o.progress);
  for (let attempt = 1; attempt <= 20; attempt++) {
    const merged = await integrateRemote(git, o.historyRef, tip);
    if (merged === 'moved') continue;
    return {
      remote: transport.remote.name, branch: o.historyBranch, tip,
      received: merged.received, renumbered: merged.renumbered, unpushed: merged.unpushed.length,
    };
  }
  throw new PushContentionError(`${o.historyRef} kept moving while the remote's runs were merged in (are many runs finishing at once here?).`, {
    hint: 'Try again in a moment: git aml fetch',
  });
}
