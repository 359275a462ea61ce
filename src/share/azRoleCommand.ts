/** Quotes one shell word only when it needs it, so the printed line pastes into bash or zsh as is. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `az role assignment <verb> …` line that does the same thing, for people who know az or lack git-aml. */
export function azRoleCommand(verb: 'create' | 'delete', a: { assignee?: string; objectId?: string; principalType?: string; role: string; scope: string }): string {
  const who = a.assignee !== undefined
    ? ['--assignee', a.assignee]
    : ['--assignee-object-id', a.objectId!, ...(a.principalType ? ['--assignee-principal-type', a.principalType] : [])];
  return ['az', 'role', 'assignment', verb, ...who, '--role', a.role, '--scope', a.scope].map(shellWord).join(' ');
}
