import type { Git } from '../git/runGit.js';
import type { LooseObjects } from '../git/looseObjects.js';
import type { Identity } from '../git/identity.js';
import { HistoryWriteError } from '../errors/historyErrors.js';
import type { RunRecord } from './RunRecord.js';
import { formatRunMessage } from './runMessage.js';

export interface AppendInput {
  historyRef: string;
  /** The record; `number` may be changed when another run took it meanwhile. */
  record: Omit<RunRecord, 'commit' | 'pushed'>;
  /** The tip when the run's number was chosen (undefined: no branch yet); saves a read on the first try. */
  knownTip?: string;
  maxAttempts?: number;
}

const SUBJECT_NUMBER = /^Run (\d+):/;
export const ROOT_SUBJECT = 'git-aml run history';

/** The parentless, empty-tree commit a run-history branch starts from (the same object for everyone). */
export async function historyRoot(objects: LooseObjects): Promise<string> {
  // Fixed identity and date: every clone makes the identical root, so teammates' branches share it.
  const ident = 'git-aml <git-aml@localhost> 1500000000 +0000';
  return objects.commit({ tree: await objects.tree([]), parents: [], author: ident, committer: ident, message: `${ROOT_SUBJECT}\n` });
}

/** The branch's tip and the run number in its subject (0 for the root or no branch), in one call. */
export async function tipOf(git: Git, ref: string): Promise<{ commit?: string; number: number }> {
  const r = await git(['log', '-1', '--format=%H%x1f%s', ref, '--'], { allowFail: true });
  if (r.code !== 0 || !r.stdout.trim()) return { number: 0 };
  const [commit, subject] = r.stdout.trim().split('\x1f');
  return { commit, number: Number(SUBJECT_NUMBER.exec(subject)?.[1] ?? 0) };
}

export interface BranchNumbers {
  /** The branch's tip, undefined when it does not exist yet. */
  tip?: string;
  /** The run numbers among the branch's latest NUMBER_WINDOW runs, and the highest (0 when none). */
  used: Set<number>;
  highest: number;
}

/**
 * How far back the numbers are read. The highest number is not always the tip's: runs that overlap can
 * finish, and so land, out of number order. But a run can only land below a higher number if it was
 * already running when that number landed, so the highest is always among the latest runs unless more
 * than this many ran at once. Reading the whole branch cost every run ~60 ms at 10,000 runs; this ~3 ms.
 */
export const NUMBER_WINDOW = 500;

/** The run numbers on a branch, from its latest commit subjects in one `git log` (no JSON parsing). */
export async function branchNumbers(git: Git, ref: string): Promise<BranchNumbers> {
  const r = await git(['log', '--first-parent', '-n', String(NUMBER_WINDOW), '--format=%H%x1f%s', ref, '--'], { allowFail: true });
  const lines = r.code === 0 ? r.stdout.split('\n').filter(Boolean) : [];
  const used = new Set<number>();
  for (const line of lines) {
    const m = SUBJECT_NUMBER.exec(line.slice(line.indexOf('\x1f') + 1));
    if (m) used.add(Number(m[1]));
  }
  return { tip: lines[0]?.split('\x1f')[0], used, highest: Math.max(0, ...used) };
}


/**
 * Appends a run commit on the history branch with compare-and-swap (`update-ref REF NEW OLD`): if another
 * run moved the tip meanwhile, the commit is rebuilt on the new tip and tried again, so concurrent runs all
 * land, each once. The first parent is the previous run, the second the run's artifacts.
 */
export async function appendRun(
  git: Git,
  store: { objects: LooseObjects; who: Identity },
  artifactsCommit: string | null,
  input: AppendInput,
): Promise<{ commit: string; number: number }> {
  const record = { ...input.record };
  const attempts = input.maxAttempts ?? 50;
  for (let attempt = 1; ; attempt++) {
    // First try on the tip seen when the number was chosen: unchanged means no run can have taken it.
    // After a lost compare-and-swap, read again, and take a new number if one landed with ours.
    let tip = input.knownTip;
    if (attempt > 1 || !('knownTip' in input)) {
      const now = await branchNumbers(git, input.historyRef);
      tip = now.tip;
      if (now.used.has(record.number)) record.number = now.highest + 1;
    }
    // A new branch starts with a marker commit, so the first run's first parent is not its artifacts.
    const parent = tip ?? (await historyRoot(store.objects));
    const commit = await store.objects.commit({
      tree: record.tree,
      parents: [parent, ...(artifactsCommit ? [artifactsCommit] : [])],
      ...store.who.idents(),
      message: formatRunMessage(record),
    });
    const cas = await git(['update-ref', '-m', `git aml: run ${record.number}`, input.historyRef, commit, tip ?? ''], { allowFail: true });
    if (cas.code === 0) return { commit, number: record.number };
    // Only a moved tip is worth another try; any other refusal (a ref in the way, a full disk) is final.
    if ((await tipOf(git, input.historyRef)).commit === tip || attempt >= attempts) {
      throw new HistoryWriteError(`Could not record the run on ${input.historyRef}: ${cas.stderr.trim().split('\n').pop()}`, {
        hint: 'The run is kept in .git/aml/runs and recorded by the next git aml command once this is fixed; see: git for-each-ref refs/heads/AzureMLHistory',
        data: { ref: input.historyRef, stderr: cas.stderr },
      });
    }
    await new Promise((r) => setTimeout(r, Math.random() * 20 * Math.min(attempt, 10)));
  }
}
