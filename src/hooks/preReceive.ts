import type { Git } from '../git/runGit.js';
import { isAmlError } from '../errors/AmlError.js';
import { ROOT_SUBJECT } from '../snapshot/appendRun.js';
import { RECORD_BEGIN, parseRunMessage } from '../snapshot/runMessage.js';
import { logRunCommits } from '../snapshot/logRunCommits.js';

const ZERO = /^0+$/;
/** The default name; branches under other names are recognised by their content (see isHistoryTip). */
export const HISTORY_REF_PATTERN = /^refs\/heads\/AzureMLHistory\//;

export interface RefUpdate {
  old: string;
  new: string;
  ref: string;
}

export interface Refusal {
  ref: string;
  reason: string;
}

export function parseRefUpdates(stdin: string): RefUpdate[] {
  return stdin.split('\n').filter((l) => l.trim()).map((l) => {
    const [o, n, ref] = l.trim().split(/\s+/);
    return { old: o, new: n, ref };
  });
}

/** A run commit carries a record; a branch's first commit is the fixed root. Either makes it a history tip. */
async function isHistoryTip(git: Git, commit: string): Promise<boolean> {
  const r = await git(['log', '-1', '--format=%P%x1f%B', commit, '--'], { allowFail: true });
  if (r.code !== 0) return false;
  const [parents, message] = r.stdout.split('\x1f');
  return message.includes(RECORD_BEGIN) || (!parents.trim() && message.startsWith(ROOT_SUBJECT));
}

/** Every new first-parent commit of the update must be the root or a well-formed run whose tree is its snapshot. */
async function badRecord(git: Git, u: RefUpdate): Promise<string | undefined> {
  const range = ZERO.test(u.old) ? [u.new, '--not', '--all'] : [u.new, `^${u.old}`];
  const commits = await logRunCommits(git, range);
  if (!commits) return `could not read the pushed commits of ${u.ref}`;
  for (const { commit, tree, message } of commits) {
    try {
      const rec = parseRunMessage(message, commit);
      if (rec.tree !== tree) return `commit ${commit.slice(0, 12)}'s record names tree ${rec.tree.slice(0, 12)}, but the commit's tree is ${tree.slice(0, 12)}`;
    } catch (e) {
      if (isAmlError(e)) return e.message;
      throw e;
    }
  }
  return undefined;
}

/**
 * The server's check of one push (pre-receive): on run-history branches, no deletion, no rewind or
 * force-push (every run ever pushed stays), and only commits whose run record is well-formed. Other
 * branches are not looked at. Returns the refusals; any refusal rejects the whole push.
 */
export async function checkReceivedRefs(git: Git, updates: RefUpdate[]): Promise<Refusal[]> {
  const refusals: Refusal[] = [];
  for (const u of updates) {
    if (!u.ref.startsWith('refs/heads/')) continue;
    const deleting = ZERO.test(u.new);
    const history = HISTORY_REF_PATTERN.test(u.ref)
      || (!ZERO.test(u.old) && (await isHistoryTip(git, u.old)))
      || (!deleting && (await isHistoryTip(git, u.new)));
    if (!history) continue;
    if (deleting) {
      refusals.push({ ref: u.ref, reason: 'deleting a run-history branch would drop every run on it' });
      continue;
    }
    if (!ZERO.test(u.old)) {
      const ff = await git(['merge-base', '--is-ancestor', u.old, u.new], { allowFail: true });
      if (ff.code !== 0) {
        refusals.push({ ref: u.ref, reason: 'not a fast-forward: a force-push or rewind of a run-history branch would drop runs teammates pushed' });
        continue;
      }
    }
    const bad = await badRecord(git, u);
    if (bad) refusals.push({ ref: u.ref, reason: bad });
  }
  return refusals;
}
