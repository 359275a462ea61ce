import { openRemote } from './openRemote.js';
import { fetchRuns } from '../remote/fetchRuns.js';
import { pushHistory } from '../remote/pushHistory.js';
import { fetchLines, pushLines } from './remoteReport.js';
import { printJson, say } from './output.js';

export interface SyncOptions {
  remote?: string;
  json: boolean;
}

/** `git aml sync`: fetch teammates' runs, then push ours. */
export async function syncCommand(o: SyncOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openRemote(cwd, o.remote);
  const refs = { historyRef: ctx.project.historyRef, historyBranch: ctx.project.historyBranch };
  const fetched = await fetchRuns(ctx.git, ctx.transport, refs);
  const pushed = await pushHistory(ctx.git, ctx.transport, refs);
  if (o.json) printJson({ fetch: { ...fetched, tip: fetched.tip ?? null }, push: pushed });
  else [...fetchLines({ ...fetched, unpushed: 0 }), ...pushLines(pushed)].forEach(say);
  return 0;
}
