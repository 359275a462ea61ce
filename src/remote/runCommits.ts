import type { Git } from '../git/runGit.js';
import { ROOT_SUBJECT } from '../snapshot/appendRun.js';
import { recordJson } from '../snapshot/runMessage.js';

/** One commit on a history branch's first-parent line, with what is needed to re-create it elsewhere. */
export interface RunCommit {
  commit: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
  /** The run record's id, or undefined for a commit with no readable record. */
  id?: string;
}

/** The id in a run commit's record, or undefined when it has none that parses. */
export function recordId(message: string): string | undefined {
  const json = recordJson(message);
  if (json === undefined) return undefined;
  try {
    const id = (JSON.parse(json) as { id?: unknown }).id;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The runs on a first-parent range (`A..B`, or a single rev), oldest first. The history root (parentless,
 * fixed subject) is left out: it is the same object in every clone and never needs moving.
 */
export async function runCommits(git: Git, range: string): Promise<RunCommit[]> {
  const format = ['%H', '%T', '%P', '%an', '%ae', '%ad', '%cn', '%ce', '%cd', '%B'].join('%x1f');
  const r = await git(['log', '--first-parent', '--reverse', '-z', '--date=raw', `--format=${format}`, range, '--']);
  const out: RunCommit[] = [];
  for (const entry of r.stdout.split('\0')) {
    if (!entry.trim()) continue;
    const [commit, tree, parents, an, ae, ad, cn, ce, cd, message] = entry.replace(/^\n/, '').split('\x1f');
    if (!parents && message.startsWith(ROOT_SUBJECT)) continue;
    out.push({
      commit,
      tree,
      parents: parents ? parents.split(' ') : [],
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      message,
      id: recordId(message),
    });
  }
  return out;
}
