import fs from 'node:fs/promises';
import path from 'node:path';
import { gitIn } from '../git/runGit.js';
import { inspectHooks } from '../hooks/HooksLayout.js';
import { planUninstall } from '../hooks/planUninstall.js';
import { applySteps } from '../hooks/applySteps.js';
import { emptyState, statePath, writeState } from '../hooks/installState.js';
import { say } from './output.js';

/** `git aml hooks uninstall`: gives back every hook file as it was before install. */
export async function hooksUninstallCommand(cwd = process.cwd()): Promise<number> {
  const git = gitIn(cwd);
  const layout = await inspectHooks(git, cwd);
  const plan = planUninstall(layout);
  await applySteps(plan.steps, layout.state);
  await writeState(layout.commonDir, emptyState());
  await fs.rmdir(path.dirname(statePath(layout.commonDir))).catch(() => {}); // only if nothing else lives there
  for (const line of plan.done) say(line);
  for (const p of plan.changedSince) say(`${p}: changed since install, so only git-aml's part was taken out`);
  if (!plan.done.length && !plan.changedSince.length) say('no git-aml hooks were installed here');
  return 0;
}
