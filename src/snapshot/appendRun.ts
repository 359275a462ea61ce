import type { Git } from '../git/runGit.js';
import type { LooseObjects } from '../git/looseObjects.js';
import type { Identity } from '../git/identity.js';
import type { RunRecord } from './RunRecord.js';
import { formatRunMessage } from './runMessage.js';

export interface AppendInput {
  historyRef: string;
  /** The record; `number` may be changed when another run took it meanwhile. */
  record: Omit<RunRecord, 'commit' | 'pushed'>;
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

/** Run numbers already on the branch, read from the commit subjects (cheap: no JSON parsing). */
export async function usedNumbers(git: Git, ref: string): Promise<Set<number>> {
  const r = await git(['log', '--first-parent', '--format=%s', ref], { allowFail: true });
  const used = new Set<number>();
  for (const line of r.stdout.split('\n')) {
    const m = SUBJECT_NUMBER.exec(line);
    if (m) used.add(Number(m[1]));
  }
  return used;
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
    // A new branch starts with a marker commit, so the first run's first parent is not its artifacts.
    const { commit: tip, number: top } = await tipOf(git, input.historyRef);
    const parent = tip ?? (await historyRoot(store.objects));
    if (tip && record.number <= top && (await usedNumbers(git, input.historyRef)).has(record.number)) record.number = top + 1;
    const commit = await store.objects.commit({
      tree: record.tree,
      parents: [parent, ...(artifactsCommit ? [artifactsCommit] : [])],
      ...store.who.idents(),
      message: formatRunMessage(record),
    });
    const cas = await git(['update-ref', '-m', `git aml: run ${record.number}`, input.historyRef, commit, tip ?? ''], { allowFail: true });
    if (cas.code === 0) return { commit, number: record.number };
    // Only a moved tip is worth another try; any other refusal (a bad ref name, a full disk) is final.
    if ((await tipOf(git, input.historyRef)).commit === tip) {
      throw new Error(`could not update ${input.historyRef}: ${cas.stderr.trim()}`);
    }
    if (attempt >= attempts) throw new Error(`could not update ${input.historyRef} after ${attempts} attempts: ${cas.stderr.trim()}`);
    await new Promise((r) => setTimeout(r, Math.random() * 20 * Math.min(attempt, 10)));
  }
}
