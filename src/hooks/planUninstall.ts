import path from 'node:path';
import type { HooksLayout } from './HooksLayout.js';
import type { HookStep } from './HookStep.js';
import { ALL_HOOKS, CHAIN_SUFFIX } from './hookNames.js';
import { textOf } from './hookSlot.js';
import { wrapperHook } from './hookScript.js';
import { stripHookLine } from './hookLine.js';
import { withoutLefthookEntry } from './lefthookLocal.js';
import { sha256 } from './installState.js';

export interface UninstallPlan {
  steps: HookStep[];
  /** What was given back, one line each, for the user. */
  done: string[];
  /** Files changed since install: only our part was taken out, the rest of the change is kept. */
  changedSince: string[];
}

/**
 * Everything install did, undone: our scripts removed and the hooks they ran put back under their own
 * names (a rename, so bytes and mode are the file's own), edited files given back their original bytes
 * and mode, folders we created removed if empty. A file changed since install loses only our part.
 */
export function planUninstall(layout: HooksLayout): UninstallPlan {
  const steps: HookStep[] = [];
  const done: string[] = [];
  const changedSince: string[] = [];
  const rel = (p: string) => path.relative(layout.top ?? layout.commonDir, p) || p;
  for (const hook of ALL_HOOKS) {
    const chained = path.join(layout.hooksDir, hook + CHAIN_SUFFIX);
    // Ours is at the hook's own name (plain), at .legacy (pre-commit framework), or at .old (lefthook
    // moved it there on its own install); what ours ran first goes back to where ours is.
    let chainedBack = false;
    for (const suffix of ['', '.legacy', '.old']) {
      const p = path.join(layout.hooksDir, hook + suffix);
      if (wrapperHook(textOf(layout, p)) !== hook) continue;
      steps.push({ op: 'remove', path: p });
      if (layout.files[chained] && !chainedBack) {
        steps.push({ op: 'rename', from: chained, to: p });
        done.push(`${rel(p)}: put back the hook that was there`);
        chainedBack = true;
      } else done.push(`${rel(p)}: removed`);
    }
  }
  const edited = new Set<string>();
  for (const e of layout.state.edits) {
    edited.add(e.path);
    const now = layout.files[e.path]?.bytes;
    if (now ? sha256(now) === e.after : false) {
      steps.push({ op: 'restore', path: e.path, bytes: e.before === null ? null : Buffer.from(e.before, 'base64'), mode: e.mode });
      done.push(`${rel(e.path)}: ${e.before === null ? 'removed (git-aml had created it)' : 'restored'}`);
      continue;
    }
    if (!now) continue; // gone since: nothing of ours is left in it
    const stripped = stripOurs(now, e.path);
    if (!stripped.equals(now)) {
      steps.push({ op: 'edit', path: e.path, content: stripped, mode: layout.files[e.path]!.mode });
      changedSince.push(rel(e.path));
    }
  }
  // Our line or command where the state has no record (state lost, or added by hand): take it out.
  for (const [p, f] of Object.entries(layout.files)) {
    if (edited.has(p) || !f.bytes || f.kind === 'dir') continue;
    const stripped = stripOurs(f.bytes, p);
    if (!stripped.equals(f.bytes)) {
      steps.push({ op: 'edit', path: p, content: stripped, mode: f.mode });
      done.push(`${rel(p)}: removed git-aml's part`);
    }
  }
  for (const d of [...layout.state.dirs].reverse()) steps.push({ op: 'rmdir', path: d });
  return { steps, done, changedSince };
}

function stripOurs(bytes: Buffer, p: string): Buffer {
  if (/lefthook-local\.ya?ml$/.test(p)) {
    let text = bytes.toString('utf8');
    for (const h of ALL_HOOKS) text = withoutLefthookEntry(text, h);
    return Buffer.from(text);
  }
  let b = bytes;
  for (const h of ALL_HOOKS) b = stripHookLine(b, h);
  return b;
}
