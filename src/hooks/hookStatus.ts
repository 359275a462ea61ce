import path from 'node:path';
import type { HooksLayout } from './HooksLayout.js';
import { CHAIN_SUFFIX, CLIENT_HOOKS, type HookName } from './hookNames.js';
import { hookSlot, textOf, type ManagerKind } from './hookSlot.js';
import { wrapperHook } from './hookScript.js';
import { lineState } from './hookLine.js';
import { LEFTHOOK_FINGERPRINT, lefthookEntryState } from './lefthookLocal.js';

export interface HookStatus {
  hook: HookName;
  /**
   * installed: ours runs, alone; chained: ours runs together with something else (named in `chained`);
   * outdated: ours, but not this version's; missing: no hook at all; foreign: a hook that is not ours.
   */
  state: 'installed' | 'chained' | 'outdated' | 'missing' | 'foreign';
  manager: ManagerKind;
  /** The file ours is in, or the hook file git runs when ours is not there. */
  path: string;
  chained: string[];
  note?: string;
}

/** Per hook: is ours there, what runs with it, what runs instead of it. */
export function hookStatus(layout: HooksLayout, script: (h: HookName) => string, hooks: readonly HookName[] = layout.bare ? ['pre-receive'] : CLIENT_HOOKS): HookStatus[] {
  const rel = (p: string) => path.relative(layout.top ?? layout.commonDir, p) || p;
  return hooks.map((hook): HookStatus => {
    const s = hookSlot(layout, hook);
    const chainedFile = path.join(layout.hooksDir, hook + CHAIN_SUFFIX);
    const chained: string[] = layout.files[chainedFile] ? [`${rel(chainedFile)} (runs first)`] : [];
    const base = { hook, manager: s.manager, path: rel(s.target), chained };
    if (s.manager === 'husky') {
      const st = lineState(layout.files[s.target]?.bytes, hook);
      if (st !== 'absent') return { ...base, state: st === 'current' ? 'chained' : 'outdated', chained: [`husky: ${rel(s.target)}`] };
    } else if (s.manager === 'lefthook') {
      const st = lefthookEntryState(textOf(layout, s.target), hook);
      const note = textOf(layout, s.slot)?.includes(LEFTHOOK_FINGERPRINT) ? undefined : `lefthook has not installed its ${hook} hook in this clone; run: lefthook install`;
      if (st !== 'absent') return { ...base, state: st === 'current' ? 'chained' : 'outdated', chained: [`lefthook: ${rel(s.target)}`], note };
    } else if (wrapperHook(textOf(layout, s.target)) === hook) {
      const current = textOf(layout, s.target) === script(hook);
      if (s.manager === 'pre-commit') chained.push(`pre-commit framework: ${rel(s.slot)} runs ours as its legacy hook`);
      return { ...base, state: !current ? 'outdated' : chained.length ? 'chained' : 'installed' };
    }
    const slot = layout.files[s.slot];
    if (!slot) return { ...base, path: rel(s.slot), state: 'missing' };
    const what = s.manager === 'plain' ? (slot.executable ? 'your own hook' : 'not executable, so git skips it') : `${s.manager} manages it`;
    return { ...base, path: rel(s.slot), state: 'foreign', note: what };
  });
}
