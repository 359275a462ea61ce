import { openRemote } from './openRemote.js';
import { pushHistory } from '../remote/pushHistory.js';
import { pushLines } from './remoteReport.js';
import { printJson, say } from './output.js';

export interface PushOptions {
  remote?: string;
  json: boolean;
}

/**
 * `git aml push`: delivers every local run the remote lacks. Exits 0 when they were delivered or there was
 * nothing to deliver, non-zero with a typed error otherwise (the pre-push hook relies on exactly this).
 */
export async function pushCommand(o: PushOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openRemote(cwd, o.remote);
  const result = await pushHistory(ctx.git, ctx.transport, { historyRef: ctx.project.historyRef, historyBranch: ctx.project.historyBranch, verifyRemote: true });
  if (o.json) printJson(result);
  else pushLines(result).forEach(say);
  return 0;
}
