import path from 'node:path';
import { cloneLatest, type CloneLatestOptions } from '../download/cloneLatest.js';
import { printJson, say } from './output.js';

/** `git aml clone-latest <url> [<dir>] [--run <ref>] [--branch <name>]`. */
export async function cloneLatestCommand(o: CloneLatestOptions & { json?: boolean }, cwd = process.cwd()): Promise<number> {
  const r = await cloneLatest(o, { cwd, progress: !o.json && !!process.stderr.isTTY });
  if (o.json) {
    printJson({ dir: r.dir, branch: r.branch, historyBranch: r.historyBranch || null, run: r.run ?? null, changes: r.changes });
    return 0;
  }
  const rel = path.relative(cwd, r.dir) || '.';
  if (!r.run) {
    say(`cloned ${o.url} into ${rel}${r.branch ? ` on ${r.branch}` : ''}; the project has no recorded runs yet, so this is a plain clone.`);
    say(`record the first one with: cd ${rel} && git aml run train.py`);
    return 0;
  }
  const count = (s: string) => r.changes.filter((c) => c.status === s).length;
  say(`cloned ${o.url} into ${rel} on ${r.branch ?? '(detached HEAD)'}`);
  say(`laid run ${r.run.number} (${r.run.id}, ${r.run.status}, ${[r.run.script, ...r.run.args].join(' ')}) as unstaged changes: ${count('M')} modified, ${count('A')} added, ${count('D')} deleted`);
  say(`next: cd ${rel} && git status   ·   git aml history list   ·   git aml restore <run>`);
  return 0;
}
