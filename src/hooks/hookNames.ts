/** The hooks git-aml installs on a working clone (`git aml hooks install`). */
export const CLIENT_HOOKS = ['pre-push', 'pre-commit', 'prepare-commit-msg'] as const;
/** The hook git-aml installs on a server's bare repository (`git aml hooks install --server`). */
export const SERVER_HOOKS = ['pre-receive'] as const;
export const ALL_HOOKS = [...CLIENT_HOOKS, ...SERVER_HOOKS] as const;
export type HookName = (typeof ALL_HOOKS)[number];

export function isHookName(s: string): s is HookName {
  return (ALL_HOOKS as readonly string[]).includes(s);
}

/**
 * Hooks whose refusal must stop git (a hand-made commit on the history branch, a bad push to the server).
 * The others must never block the user: their failures are warnings.
 */
export const BLOCKING: Record<HookName, boolean> = {
  'pre-push': false,
  'pre-commit': true,
  'prepare-commit-msg': false,
  'pre-receive': true,
};

/** Where a plain hook that was there before ours is kept; our hook script runs it first. */
export const CHAIN_SUFFIX = '.aml-chained';
/** The second line of each of our hook scripts: how we recognise a file as ours. */
export const WRAPPER_MARKER = '# git-aml hook: ';
/** Turns every installed git-aml hook into a no-op, like husky's HUSKY=0. */
export const OFF_SWITCH = 'AML_HOOKS';
