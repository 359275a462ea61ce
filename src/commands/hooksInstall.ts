import path from 'node:path';
import { gitIn } from '../git/runGit.js';
import { UsageError } from '../errors/AmlError.js';
import { CLIENT_HOOKS, OFF_SWITCH, SERVER_HOOKS, isHookName, type HookName } from '../hooks/hookNames.js';
import { inspectHooks } from '../hooks/HooksLayout.js';
import { planInstall, type HookPlan } from '../hooks/planInstall.js';
import { applySteps } from '../hooks/applySteps.js';
import { writeState } from '../hooks/installState.js';
import { hookScript } from '../hooks/hookScript.js';
import { findOnPath } from '../hooks/findOnPath.js';
import { say } from './output.js';

export interface HooksInstallOptions {
  hooks?: string[];
  force: boolean;
  server: boolean;
}

/** The hooks asked for: --hook names (checked), else every client hook, or the server hook with --server. */
export function selectHooks(o: HooksInstallOptions): HookName[] {
  const allowed: readonly string[] = o.server ? SERVER_HOOKS : [...CLIENT_HOOKS, ...SERVER_HOOKS];
  if (!o.hooks?.length) return [...(o.server ? SERVER_HOOKS : CLIENT_HOOKS)];
  const bad = o.hooks.filter((h) => !isHookName(h) || !allowed.includes(h));
  if (bad.length) {
    throw new UsageError(`Unknown hook ${bad.map((b) => `"${b}"`).join(', ')}; git-aml has: ${allowed.join(', ')}.`, {
      hint: `git aml hooks install --hook ${allowed[0]}`,
    });
  }
  return [...new Set(o.hooks)] as HookName[];
}

function describe(p: HookPlan, rel: (f: string) => string): string {
  const what = { install: 'installed', already: 'already installed', outdated: 'left as is (an older git-aml version\'s)' }[p.outcome];
  const extra = [p.chained && `runs with: ${p.chained}`, p.note].filter(Boolean).join('; ');
  return `${p.hook}: ${what} (${p.manager}: ${rel(p.target)})${extra ? `; ${extra}` : ''}`;
}

/** `git aml hooks install`: plan against what is there, apply, record what uninstall needs. */
export async function hooksInstallCommand(o: HooksInstallOptions, cwd = process.cwd()): Promise<number> {
  const git = gitIn(cwd);
  const layout = await inspectHooks(git, cwd);
  const plans = planInstall(layout, { hooks: selectHooks(o), force: o.force, script: hookScript });
  const state = await applySteps(plans.flatMap((p) => p.steps), layout.state);
  await writeState(layout.commonDir, state);
  const rel = (f: string) => path.relative(layout.top ?? layout.commonDir, f) || f;
  for (const p of plans) say(describe(p, rel));
  if (!findOnPath('git-aml')) say('note: git-aml is not on PATH, so the hooks will do nothing until it is: npm install -g git-aml');
  if (process.env[OFF_SWITCH] === '0') say(`note: ${OFF_SWITCH}=0 is set here, which turns the hooks off`);
  return 0;
}
