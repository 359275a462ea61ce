import path from 'node:path';
import type { HooksLayout } from './HooksLayout.js';
import type { HookStep } from './HookStep.js';
import { CHAIN_SUFFIX, type HookName } from './hookNames.js';
import { hookSlot, textOf, type HookSlot, type ManagerKind } from './hookSlot.js';
import { wrapperHook } from './hookScript.js';
import { lineState, withHookLine } from './hookLine.js';
import { LEFTHOOK_FINGERPRINT, LEFTHOOK_LOCAL_NAMES, lefthookBlock, lefthookEntryState, withLefthookEntry } from './lefthookLocal.js';
import { HookConflictError, HookManagerNotReadyError, HookNotSupportedError } from '../errors/hookErrors.js';
import { BareRepoError } from '../errors/repoErrors.js';

export interface InstallOptions {
  hooks: HookName[];
  /** Rewrite our own hook files that differ from this version's; proceed where a manager is not set up yet. */
  force: boolean;
  /** Our hook script per hook, as shipped (passed in so planning stays pure). */
  script: (hook: HookName) => string;
}

export interface HookPlan {
  hook: HookName;
  manager: ManagerKind;
  /** The file ours is in (or goes into). */
  target: string;
  /** install: steps change something; already: nothing to do; outdated: ours differs, left alone without --force. */
  outcome: 'install' | 'already' | 'outdated';
  /** What runs before ours (a hook moved aside, a manager's own commands). */
  chained?: string;
  note?: string;
  steps: HookStep[];
}

const rel = (layout: HooksLayout, p: string) => path.relative(layout.top ?? layout.commonDir, p) || p;

/** Where ours is a whole file: the plain slot, or `<hook>.legacy` under the pre-commit framework. */
function planWrapper(layout: HooksLayout, s: HookSlot, o: InstallOptions): Omit<HookPlan, 'hook' | 'manager' | 'target'> {
  const script = o.script(s.hook);
  const t = layout.files[s.target];
  const chainedPath = path.join(layout.hooksDir, s.hook + CHAIN_SUFFIX);
  const chainedNow = layout.files[chainedPath] ? rel(layout, chainedPath) : undefined;
  const viaManager = s.manager === 'pre-commit' ? 'the pre-commit framework runs it as its legacy hook' : undefined;
  if (t && wrapperHook(textOf(layout, s.target)) === s.hook) {
    const chained = chainedNow;
    if (textOf(layout, s.target) === script) return { outcome: 'already', chained, note: viaManager, steps: [] };
    if (!o.force) return { outcome: 'outdated', chained, note: 'differs from this git-aml version; update it with: git aml hooks install --force', steps: [] };
    return { outcome: 'install', chained, note: viaManager, steps: [{ op: 'write', path: s.target, content: script, mode: 0o755 }] };
  }
  if (!t) return { outcome: 'install', chained: chainedNow, note: viaManager, steps: [{ op: 'write', path: s.target, content: script, mode: 0o755 }] };
  if (t.kind === 'dir' || t.kind === 'other') {
    throw new HookConflictError(`${rel(layout, s.target)} is not a file, so git-aml cannot run it before its own ${s.hook} hook.`, {
      hint: `Move it out of the way, then run again: mv ${s.target} ${s.target}.bak && git aml hooks install --hook ${s.hook}`,
      data: { path: s.target },
    });
  }
  if (layout.files[chainedPath]) {
    // A hook moved aside by an earlier install whose script is gone: someone replaced ours. Moving theirs
    // onto it would lose one of the two, so ask.
    throw new HookConflictError(`Both ${rel(layout, s.target)} and ${rel(layout, chainedPath)} exist, and neither is git-aml's ${s.hook} hook.`, {
      hint: `Keep the one you want as ${s.target} and remove the other, e.g.: rm ${chainedPath}`,
      data: { path: s.target, chained: chainedPath },
    });
  }
  return {
    outcome: 'install',
    chained: rel(layout, chainedPath),
    note: viaManager,
    steps: [{ op: 'rename', from: s.target, to: chainedPath }, { op: 'write', path: s.target, content: script, mode: 0o755 }],
  };
}

function planHusky(layout: HooksLayout, s: HookSlot, o: InstallOptions, current: (p: string) => Buffer | undefined): Omit<HookPlan, 'hook' | 'manager' | 'target'> {
  if (!layout.files[s.slot]) {
    throw new HookNotSupportedError(`husky runs no ${s.hook} hook here (${rel(layout, s.slot)} is missing).`, {
      hint: 'Let husky write its hook files again, then run this again: npx husky && git aml hooks install',
      data: { hook: s.hook },
    });
  }
  const before = current(s.target);
  const chained = `husky: ${rel(layout, s.target)}${before?.toString('utf8').trim() ? ' (your commands run first)' : ''}`;
  const st = lineState(before, s.hook);
  if (st === 'current') return { outcome: 'already', chained, steps: [] };
  if (st === 'outdated' && !o.force) return { outcome: 'outdated', chained, note: 'our line differs from this git-aml version; update it with: git aml hooks install --force', steps: [] };
  return { outcome: 'install', chained, steps: [{ op: 'edit', path: s.target, content: withHookLine(before, s.hook), mode: 0o644 }] };
}

function planLefthook(layout: HooksLayout, s: HookSlot, o: InstallOptions, current: (p: string) => Buffer | undefined): Omit<HookPlan, 'hook' | 'manager' | 'target'> {
  const manual = `Add this to ${rel(layout, s.target)} yourself:\n${lefthookBlock(s.hook)}`;
  if (!LEFTHOOK_LOCAL_NAMES.includes(path.basename(s.target))) {
    throw new HookNotSupportedError(`git-aml edits only YAML lefthook configs, and this project's local one is ${rel(layout, s.target)}.`, {
      hint: manual.replace('this', 'the same in that format'),
      data: { path: s.target },
    });
  }
  const text = current(s.target)?.toString('utf8');
  const lefthookRuns = textOf(layout, s.slot)?.includes(LEFTHOOK_FINGERPRINT);
  const note = lefthookRuns ? undefined : `lefthook has not installed its ${s.hook} hook in this clone yet; run: lefthook install`;
  const chained = `lefthook: ${rel(layout, s.target)}`;
  const st = lefthookEntryState(text, s.hook);
  if (st === 'current') return { outcome: 'already', chained, note, steps: [] };
  if (st === 'outdated' && !o.force) return { outcome: 'outdated', chained, note: 'our command differs from this git-aml version; update it with: git aml hooks install --force', steps: [] };
  const next = withLefthookEntry(text, s.hook);
  if (next === undefined) {
    throw new HookConflictError(`${rel(layout, s.target)} has a shape git-aml will not rewrite (not a YAML map, or ${s.hook} is not one).`, {
      hint: manual,
      data: { path: s.target },
    });
  }
  return { outcome: 'install', chained, note, steps: [{ op: 'edit', path: s.target, content: Buffer.from(next), mode: 0o644 }] };
}

/**
 * Decides, without touching anything, what installing `o.hooks` means here: the steps per hook, or a typed
 * refusal naming the exact command to run. Nothing the user had is overwritten: a plain hook is moved to
 * `<hook>.aml-chained` and run first by ours; managers get our line or command in the file they own.
 */
export function planInstall(layout: HooksLayout, o: InstallOptions): HookPlan[] {
  if (layout.bare && o.hooks.some((h) => h !== 'pre-receive')) {
    throw new BareRepoError('This is a bare repository: only the server-side hook makes sense here.', {
      hint: 'git aml hooks install --server',
    });
  }
  if (!layout.bare && !layout.hooksPathConfig && layout.huskyFolder && !o.force) {
    throw new HookManagerNotReadyError('This project uses husky, but husky is not set up in this clone (core.hooksPath is not set), so hooks put in .git/hooks would stop running once it is.', {
      hint: 'npx husky && git aml hooks install',
    });
  }
  // Later hooks see earlier hooks' edits (lefthook keeps all of ours in one file).
  const overlay = new Map<string, Buffer>();
  const current = (p: string) => overlay.get(p) ?? layout.files[p]?.bytes;
  const plans: HookPlan[] = [];
  let mkdir = !layout.hooksDirExists;
  for (const hook of o.hooks) {
    const s = hookSlot(layout, hook);
    const part = s.manager === 'husky' ? planHusky(layout, s, o, current)
      : s.manager === 'lefthook' ? planLefthook(layout, s, o, current)
      : planWrapper(layout, s, o);
    for (const st of part.steps) if (st.op === 'edit') overlay.set(st.path, st.content);
    if (mkdir && part.steps.some((st) => st.op === 'write' || st.op === 'rename')) {
      part.steps.unshift({ op: 'mkdir', path: layout.hooksDir });
      mkdir = false;
    }
    plans.push({ hook, manager: s.manager, target: s.target, ...part });
  }
  return plans;
}
