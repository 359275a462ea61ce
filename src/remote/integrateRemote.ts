import type { Git } from '../git/runGit.js';
import { casRef } from '../git/casRef.js';
import { branchNumbers } from '../snapshot/appendRun.js';
import { runCommits, type RunCommit } from './runCommits.js';
import { replayRuns, type Renumbered } from './replayRuns.js';

export interface Integration {
  /** The local history branch's tip afterwards (undefined: there is no history on either side). */
  tip?: string;
  /** Local runs the remote does not have (as they are now on the local branch), oldest first. */
  unpushed: RunCommit[];
  /** How many of the remote's runs were new here. */
  received: number;
  /** Local runs that got new numbers because teammates' runs came first. */
  renumbered: Renumbered[];
}

export async function revParse(git: Git, ref: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '-q', '--verify', `${ref}^{commit}`], { allowFail: true });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/**
 * Makes the local history branch hold every run of both sides: fast-forwards to the remote's tip when only
 * the remote moved; when both moved, re-appends the local runs the remote lacks (matched by record id) onto
 * the remote's tip. The branch is updated with compare-and-swap; 'moved' means a local run landed
 * meanwhile and the caller should read again. Nothing is ever dropped: a local run is either on the remote
 * (same id) or carried onto the new tip.
 */
export async function integrateRemote(git: Git, historyRef: string, remoteTip: string | undefined): Promise<Integration | 'moved'> {
  const local = await revParse(git, historyRef);
  if (!remoteTip) return { tip: local, unpushed: local ? await runCommits(git, local) : [], received: 0, renumbered: [] };
  if (!local) {
    if (!(await casRef(git, historyRef, remoteTip, undefined, 'git aml: runs from the remote'))) return 'moved';
    return { tip: remoteTip, unpushed: [], received: (await runCommits(git, remoteTip)).length, renumbered: [] };
  }
  if (local === remoteTip) return { tip: local, unpushed: [], received: 0, renumbered: [] };
  const [localOnly, remoteOnly] = await Promise.all([runCommits(git, `${remoteTip}..${local}`), runCommits(git, `${local}..${remoteTip}`)]);
  if (!remoteOnly.length) return { tip: local, unpushed: localOnly, received: 0, renumbered: [] };
  const localIds = new Set(localOnly.map((r) => r.id));
  const received = remoteOnly.filter((r) => !r.id || !localIds.has(r.id)).length;
  if (!localOnly.length) {
    if (!(await casRef(git, historyRef, remoteTip, local, 'git aml: fast-forward to the remote'))) return 'moved';
    return { tip: remoteTip, unpushed: [], received, renumbered: [] };
  }
  const remoteIds = new Set(remoteOnly.map((r) => r.id).filter(Boolean));
  const toMove = localOnly.filter((r) => !r.id || !remoteIds.has(r.id));
  // Continue after the remote's highest number (not its tip's: overlapping runs can land out of order).
  const remoteNumber = (await branchNumbers(git, remoteTip)).highest;
  const { tip, renumbered } = await replayRuns(git, remoteTip, remoteNumber, toMove);
  if (!(await casRef(git, historyRef, tip, local, 'git aml: runs re-appended after the remote\'s'))) return 'moved';
  return { tip, unpushed: toMove.length ? await runCommits(git, `${remoteTip}..${tip}`) : [], received, renumbered };
}
