import { MalformedRecordError } from '../errors/historyErrors.js';
import { RUN_STATUSES, type RunRecord } from './RunRecord.js';

export const RECORD_BEGIN = '--- git-aml run record ---';
export const RECORD_END = '--- end of git-aml run record ---';

/** Fields derived from git, never written into the message. */
type Stored = Omit<RunRecord, 'commit' | 'pushed'>;

function subjectOf(r: Stored): string {
  const cmd = [r.script, ...r.args].join(' ');
  const short = cmd.length > 60 ? `${cmd.slice(0, 57)}...` : cmd;
  return `Run ${r.number}: ${short} (${r.status})`.replace(/\n/g, ' ');
}

/**
 * The commit message of a run: a one-line subject plain `git log --oneline` shows, the user's description,
 * then the record as JSON between fixed marker lines so any tool can find and parse it.
 */
export function formatRunMessage(record: RunRecord | Stored): string {
  const { commit: _c, pushed: _p, ...stored } = record as RunRecord;
  const body = stored.description ? `\n\n${stored.description.trim()}` : '';
  return `${subjectOf(stored)}${body}\n\n${RECORD_BEGIN}\n${JSON.stringify(stored, null, 2)}\n${RECORD_END}\n`;
}

/**
 * The record's JSON text in a message, or undefined. The markers are whole lines and the record is last, so
 * the last begin line wins: a description or argument that quotes a marker cannot hide the record.
 */
export function recordJson(message: string): string | undefined {
  const begin = message.lastIndexOf(`\n${RECORD_BEGIN}\n`);
  if (begin < 0) return undefined;
  const from = begin + RECORD_BEGIN.length + 2;
  const end = message.indexOf(`\n${RECORD_END}`, from - 1);
  return end < 0 ? undefined : message.slice(from, end + 1);
}

/** Parses a run commit's message; `commit` and `pushed` come from the caller. */
export function parseRunMessage(message: string, commit: string, pushed = false): RunRecord {
  const json = recordJson(message);
  if (json === undefined) {
    throw new MalformedRecordError(`Commit ${commit.slice(0, 12)} has no git-aml run record.`, {
      hint: 'The run-history branch should hold only commits made by git aml; see: git log --format=%B -1 ' + commit,
      data: { commit },
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new MalformedRecordError(`Commit ${commit.slice(0, 12)} has a run record that is not valid JSON: ${(e as Error).message}`, {
      hint: 'Inspect it with: git log --format=%B -1 ' + commit,
      data: { commit },
    });
  }
  const problem = recordProblem(data);
  if (problem) {
    throw new MalformedRecordError(`Commit ${commit.slice(0, 12)} has a malformed run record: ${problem}.`, {
      hint: 'Inspect it with: git log --format=%B -1 ' + commit,
      data: { commit, problem },
    });
  }
  return { ...(data as Stored), commit, pushed };
}

/** Names the first thing wrong with a parsed record, or undefined when it is well-formed. */
export function recordProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not an object';
  const r = data as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return 'id missing';
  if (!Number.isInteger(r.number) || (r.number as number) < 1) return 'number must be a positive integer';
  if (!RUN_STATUSES.includes(r.status as never)) return `status must be one of ${RUN_STATUSES.join(', ')}`;
  if (typeof r.script !== 'string') return 'script missing';
  if (!Array.isArray(r.args) || !Array.isArray(r.command)) return 'args and command must be arrays';
  if (typeof r.tree !== 'string' || !/^[0-9a-f]{40,64}$/.test(r.tree)) return 'tree must be an object id';
  if (typeof r.startedAt !== 'string' || Number.isNaN(Date.parse(r.startedAt))) return 'startedAt must be an ISO date';
  if (typeof r.user !== 'object' || r.user === null) return 'user missing';
  return undefined;
}
