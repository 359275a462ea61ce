import { shellQuote } from '../run/shellQuote.js';
import { openProject } from './openProject.js';
import { loadRuns } from './loadRuns.js';
import { say } from './output.js';
import { restoreRun } from '../snapshot/restoreRun.js';
import { resolveRunRef } from '../snapshot/resolveRunRef.js';
import { isAmlError } from '../errors/AmlError.js';

export interface RestoreOptions {
  run: string;
  force: boolean;
}

/**
 * `git aml restore <run>`: the working tree becomes that run's snapshot; HEAD, branch and index stay.
 * Also takes any commit (a saved ref from `restore --force`, a sha) when no run matches.
 */
export async function restoreCommand(o: RestoreOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openProject(cwd);
  const runs = await loadRuns(ctx);
  let tree: string;
  let label = o.run;
  try {
    const run = resolveRunRef(runs, o.run, ctx.project.historyBranch);
    tree = run.tree;
    label = String(run.number);
    say(`restoring run ${run.number} (${run.id}, ${run.status}, ${shellQuote([run.script, ...run.args])})`);
  } catch (e) {
    const c = isAmlError(e) ? await ctx.git(['rev-parse', '-q', '--verify', `${o.run}^{tree}`], { allowFail: true }) : undefined;
    if (!c || c.code !== 0 || !/^(refs\/|[0-9a-f]{7,})/.test(o.run)) throw e;
    tree = c.stdout.trim();
  }
  // Work recorded in a run (the latest 100) or saved by an earlier restore is not at risk when overwritten.
  const saved = (await ctx.git(['for-each-ref', '--format=%(objectname)^{tree}', 'refs/aml/saved/'])).stdout.split('\n').filter(Boolean);
  const recordedTrees = [...runs.slice(0, 100).map((r) => r.tree), ...saved];
  const result = await restoreRun(ctx.git, ctx.repo, { tree, label, force: o.force, now: new Date(), recordedTrees });
  if (result.saved) {
    say(`your uncommitted work was saved as ${result.saved.ref} (${result.saved.commit.slice(0, 12)}); bring it back with: git aml restore ${result.saved.ref}`);
  }
  if (result.alreadyRecorded.length) {
    const list = result.alreadyRecorded.slice(0, 5).join(', ') + (result.alreadyRecorded.length > 5 ? `, … (${result.alreadyRecorded.length} in all)` : '');
    say(`uncommitted changes replaced without saving, since their content is in a recorded run or saved work (git aml history list): ${list}`);
  }
  if (!result.changed.length) say('the working tree already matches; nothing changed');
  else say(`${result.changed.length} file(s) changed; HEAD and the index are unchanged, so git status shows the run's code as unstaged changes`);
  return 0;
}
