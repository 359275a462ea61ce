import { AmbiguousRunRefError, EmptyHistoryError, RunNotFoundError } from '../errors/historyErrors.js';
import type { RunRecord } from './RunRecord.js';

/**
 * Finds one run by `latest` (also `latest~N`), its number, its id, a unique id prefix, or a commit prefix.
 * `runs` is newest first.
 */
export function resolveRunRef(runs: RunRecord[], ref: string, branch = 'the run-history branch'): RunRecord {
  if (!runs.length) {
    throw new EmptyHistoryError(`No runs recorded yet on ${branch}.`, {
      hint: 'Record one with: git aml run train.py   (or fetch teammates\' runs: git aml fetch)',
    });
  }
  const latest = /^latest(?:~(\d+))?$/.exec(ref);
  if (latest) {
    const back = Number(latest[1] ?? 0);
    if (back < runs.length) return runs[back];
    throw notFound(ref, `only ${runs.length} run(s) recorded`);
  }
  if (/^\d+$/.test(ref)) {
    const byNumber = runs.filter((r) => r.number === Number(ref));
    if (byNumber.length === 1) return byNumber[0];
    if (byNumber.length > 1) throw ambiguous(ref, byNumber);
  }
  const exact = runs.filter((r) => r.id === ref);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) throw ambiguous(ref, exact);
  const byPrefix = runs.filter((r) => r.id.startsWith(ref) || (ref.length >= 4 && /^[0-9a-f]+$/.test(ref) && r.commit.startsWith(ref)));
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw ambiguous(ref, byPrefix);
  throw notFound(ref, `runs are numbered 1 to ${Math.max(...runs.map((r) => r.number))}`);
}

function notFound(ref: string, why: string) {
  return new RunNotFoundError(`No run matches "${ref}" (${why}).`, {
    hint: 'List the runs with: git aml history list',
    data: { ref },
  });
}

function ambiguous(ref: string, matches: RunRecord[]) {
  const names = matches.slice(0, 5).map((r) => `${r.number} (${r.id})`).join(', ');
  return new AmbiguousRunRefError(`"${ref}" matches ${matches.length} runs: ${names}.`, {
    hint: `Use a longer prefix or the full id, e.g.: git aml history show ${matches[0].id}`,
    data: { ref, matches: matches.map((r) => r.id) },
  });
}
