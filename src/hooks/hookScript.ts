import { readFileSync } from 'node:fs';
import { WRAPPER_MARKER, type HookName } from './hookNames.js';

/** The package's hooks/ folder (dist/hooks/hookScript.js → ../../hooks/), wherever git-aml is installed. */
const HOOKS_DIR = new URL('../../hooks/', import.meta.url);

/** Our hook script for `hook` as shipped in this version of git-aml (what `install` copies). */
export function hookScript(hook: HookName): string {
  return readFileSync(new URL(hook, HOOKS_DIR), 'utf8');
}

/** Whether a hook file's text is one of our scripts (any version), and for which hook. */
export function wrapperHook(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text.split('\n', 3).find((l) => l.startsWith(WRAPPER_MARKER));
  return line?.slice(WRAPPER_MARKER.length).trim();
}
