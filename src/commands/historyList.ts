import { shellQuote } from '../run/shellQuote.js';
import { openProject } from './openProject.js';
import { hasRemote, loadRuns } from './loadRuns.js';
import { duration, table } from './format.js';
import { print, printJson, say } from './output.js';

export interface HistoryListOptions {
  maxCount?: number;
  status?: string;
  json: boolean;
}

/** `git aml history list`: newest first, a table like `az ml history list -o table`, or the JSON records. */
export async function historyListCommand(o: HistoryListOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openProject(cwd);
  let runs = await loadRuns(ctx);
  if (o.status) runs = runs.filter((r) => r.status === o.status);
  if (o.maxCount !== undefined) runs = runs.slice(0, Math.max(0, o.maxCount));
  if (o.json) {
    printJson(runs);
    return 0;
  }
  if (!runs.length) {
    if (o.status) say(`no ${o.status} runs on ${ctx.project.historyBranch} (git aml history list shows them all)`);
    else say(`no runs recorded yet on ${ctx.project.historyBranch}. Record one with: git aml run train.py`);
    return 0;
  }
  const remote = await hasRemote(ctx);
  const rows = runs.map((r) => [
    String(r.number), r.id, shellQuote([r.script, ...r.args]).slice(0, 40), r.status, duration(r.durationMs),
    r.user.name, r.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), ...(remote ? [r.pushed ? 'yes' : 'no'] : []),
  ]);
  print(table(['Number', 'Id', 'Script', 'Status', 'Duration', 'User', 'Started', ...(remote ? ['Pushed'] : [])], rows));
  const unpushed = runs.filter((r) => !r.pushed).length;
  if (remote && unpushed) say(`${unpushed} run(s) not pushed yet; send them with: git aml push`);
  return 0;
}
