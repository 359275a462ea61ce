import type { PushResult } from '../remote/pushHistory.js';
import type { FetchResult } from '../remote/fetchRuns.js';
import type { Renumbered } from '../remote/replayRuns.js';

const where = (r: { remote: string; branch: string }) => `${r.remote} (${r.branch})`;

export function renumberedLines(renumbered: Renumbered[]): string[] {
  return renumbered.map((r) => `run ${r.from} (${r.id}) is now run ${r.to}: teammates' runs came first`);
}

/** What a push did, in words for stderr. */
export function pushLines(r: PushResult): string[] {
  const lines: string[] = [];
  if (r.received) lines.push(`received ${r.received} run(s) from ${where(r)}`);
  lines.push(...renumberedLines(r.renumbered));
  lines.push(r.delivered.length
    ? `pushed ${r.delivered.length === 1 ? `run ${r.delivered[0].number}` : `runs ${r.delivered.map((d) => d.number).join(', ')}`} to ${where(r)}`
    : `nothing to push: ${where(r)} has every run`);
  return lines;
}

export function fetchLines(r: FetchResult): string[] {
  if (!r.tip) return [`${where(r)} has no run history yet: nothing to fetch${r.unpushed ? `; push yours with: git aml push` : ''}`];
  const lines = [r.received ? `fetched ${r.received} new run(s) from ${where(r)}` : `up to date with ${where(r)}`];
  lines.push(...renumberedLines(r.renumbered));
  if (r.unpushed) lines.push(`${r.unpushed} local run(s) not pushed yet; send them with: git aml push`);
  return lines;
}
