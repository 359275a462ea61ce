import { BLOCKING, OFF_SWITCH, type HookName } from './hookNames.js';

const LINE_MARK = '# git-aml (git aml hooks uninstall removes this line)';

/**
 * The one line we add to a file a hook manager runs with `sh -e` (husky's `.husky/<hook>`). It is a no-op
 * when git-aml is switched off or not installed (the file is usually committed, and teammates without
 * git-aml must still be able to commit), and hooks that must never block end with `|| :`.
 */
export function hookLine(hook: HookName): string {
  const run = `git aml hooks run ${hook} "$@"`;
  return `[ "\${${OFF_SWITCH}-}" = 0 ] || ! command -v git-aml >/dev/null 2>&1 || ${run}${BLOCKING[hook] ? '' : ' || :'} ${LINE_MARK}`;
}

const isOurLine = (line: string, hook: HookName) => line.includes(LINE_MARK) && line.includes(`git aml hooks run ${hook} `);

export function lineState(text: Buffer | undefined, hook: HookName): 'current' | 'outdated' | 'absent' {
  const lines = (text?.toString('utf8') ?? '').split('\n');
  if (lines.includes(hookLine(hook))) return 'current';
  return lines.some((l) => isOurLine(l, hook)) ? 'outdated' : 'absent';
}

/** The file with our line at the end (after the user's own commands, so a failing check stops first). */
export function withHookLine(text: Buffer | undefined, hook: HookName): Buffer {
  const old = stripHookLine(text ?? Buffer.alloc(0), hook);
  const sep = old.length && old[old.length - 1] !== 0x0a ? '\n' : '';
  return Buffer.concat([old, Buffer.from(`${sep}${hookLine(hook)}\n`)]);
}

/** The file without our line; used when the file changed since install so the saved original is stale. */
export function stripHookLine(text: Buffer, hook: HookName): Buffer {
  const s = text.toString('utf8');
  if (!s.split('\n').some((l) => isOurLine(l, hook))) return text;
  return Buffer.from(s.split('\n').filter((l) => !isOurLine(l, hook)).join('\n'));
}
