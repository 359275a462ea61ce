import { openRemote } from './openRemote.js';
import { fetchRuns } from '../remote/fetchRuns.js';
import { fetchLines } from './remoteReport.js';
import { printJson, say } from './output.js';

export interface FetchOptions {
  remote?: string;
  json: boolean;
}

/** `git aml fetch`: brings teammates' runs into the local history; a remote with no runs yet is not an error. */
export async function fetchCommand(o: FetchOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openRemote(cwd, o.remote);
  const result = await fetchRuns(ctx.git, ctx.transport, {
    historyRef: ctx.project.historyRef, historyBranch: ctx.project.historyBranch, progress: !o.json && !!process.stderr.isTTY,
  });
  if (o.json) printJson({ ...result, tip: result.tip ?? null });
  else fetchLines(result).forEach(say);
  return 0;
}
