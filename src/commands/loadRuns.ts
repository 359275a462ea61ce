import type { ProjectContext } from './openProject.js';
import { readHistory } from '../snapshot/readHistory.js';
import { resolveRunRef } from '../snapshot/resolveRunRef.js';
import type { RunRecord } from '../snapshot/RunRecord.js';
import { say } from './output.js';

/** The remote-tracking copy of the history branch: what `git fetch` last saw on the remote. */
export const remoteHistoryRef = (ctx: ProjectContext) => `refs/remotes/${ctx.config.remote}/${ctx.project.historyBranch}`;

export async function hasRemote(ctx: ProjectContext): Promise<boolean> {
  return (await ctx.git(['config', '--get', `remote.${ctx.config.remote}.url`], { allowFail: true })).code === 0;
}

/** All runs, newest first, with a warning for any commit on the branch that is not a readable run. */
export async function loadRuns(ctx: ProjectContext): Promise<RunRecord[]> {
  const h = await readHistory(ctx.git, ctx.project.historyRef, remoteHistoryRef(ctx));
  for (const p of h.problems) say(`warning: skipped ${p.message}`);
  return h.runs;
}

export async function loadRun(ctx: ProjectContext, ref: string): Promise<RunRecord> {
  return resolveRunRef(await loadRuns(ctx), ref, ctx.project.historyBranch);
}
