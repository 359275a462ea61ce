import { parseDocument, stringify, isMap } from 'yaml';
import { BLOCKING, OFF_SWITCH, type HookName } from './hookNames.js';

/** Lefthook reads these beside its main config and merges them over it; they are each developer's own. */
export const LEFTHOOK_LOCAL_NAMES = ['lefthook-local.yml', '.lefthook-local.yml', 'lefthook-local.yaml', '.lefthook-local.yaml'];
export const LEFTHOOK_LOCAL_OTHER = ['lefthook-local.json', '.lefthook-local.json', 'lefthook-local.toml', '.lefthook-local.toml'];
export const LEFTHOOK_MAIN_NAMES = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', 'lefthook.json', '.lefthook.json', 'lefthook.toml', '.lefthook.toml'];
/** Lefthook's hook scripts say LEFTHOOK (its off switch); lefthook itself recognises them that way. */
export const LEFTHOOK_FINGERPRINT = 'LEFTHOOK';
/** Our command's name under `<hook>.commands`. */
export const LEFTHOOK_COMMAND = 'git-aml';

/** Lefthook substitutes the hook's arguments for {1}, {2}; only the ones we use are named. */
const ARGS: Record<HookName, string> = { 'pre-push': ' "{1}" "{2}"', 'pre-commit': '', 'prepare-commit-msg': ' "{1}"', 'pre-receive': '' };

/** The `run:` of our lefthook command: a no-op when switched off or when git-aml is not installed. */
export function lefthookCommand(hook: HookName): string {
  return `[ "\${${OFF_SWITCH}-}" = 0 ] || ! command -v git-aml >/dev/null 2>&1 || git aml hooks run ${hook}${ARGS[hook]}${BLOCKING[hook] ? '' : ' || :'}`;
}

/** The block appended to the file when it has no entry for the hook yet (appending keeps the user's bytes). */
export function lefthookBlock(hook: HookName): string {
  return stringify({ [hook]: { commands: { [LEFTHOOK_COMMAND]: { run: lefthookCommand(hook) } } } }, { lineWidth: 0 });
}

export function lefthookEntryState(text: string | undefined, hook: HookName): 'current' | 'outdated' | 'absent' {
  if (!text) return 'absent';
  const run = parseDocument(text).getIn([hook, 'commands', LEFTHOOK_COMMAND, 'run']);
  if (run === undefined) return 'absent';
  return run === lefthookCommand(hook) ? 'current' : 'outdated';
}

/** The local config with our command for `hook`; undefined when its shape leaves no safe place for it. */
export function withLefthookEntry(text: string | undefined, hook: HookName): string | undefined {
  const doc = parseDocument(text ?? '');
  if (doc.errors.length || (doc.contents !== null && !isMap(doc.contents))) return undefined;
  if (!doc.has(hook)) {
    const sep = text && !text.endsWith('\n') ? '\n' : '';
    return `${text ?? ''}${sep}${lefthookBlock(hook)}`;
  }
  const section = doc.get(hook, true);
  const commands = isMap(section) ? section.get('commands', true) : undefined;
  if (!isMap(section) || (commands !== undefined && !isMap(commands))) return undefined;
  doc.setIn([hook, 'commands', LEFTHOOK_COMMAND], doc.createNode({ run: lefthookCommand(hook) }));
  return doc.toString({ lineWidth: 0 });
}

/** The local config without our command (and without sections it leaves empty). */
export function withoutLefthookEntry(text: string, hook: HookName): string {
  const block = lefthookBlock(hook);
  if (text.includes(block)) return text.replace(block, '');
  const doc = parseDocument(text);
  if (doc.getIn([hook, 'commands', LEFTHOOK_COMMAND]) === undefined) return text;
  doc.deleteIn([hook, 'commands', LEFTHOOK_COMMAND]);
  const commands = doc.getIn([hook, 'commands'], true);
  if (isMap(commands) && commands.items.length === 0) doc.deleteIn([hook, 'commands']);
  const section = doc.get(hook, true);
  if (isMap(section) && section.items.length === 0) doc.delete(hook);
  return doc.toString({ lineWidth: 0 });
}
