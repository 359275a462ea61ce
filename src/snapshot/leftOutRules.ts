/**
 * Untracked files the snapshot never takes. Secrets: `.env*`, `*.pem`, `*.key`, `id_rsa*`, `*.pfx`, `.netrc`,
 * `credentials*`, matched as gitignore matches a pattern without a slash: against any path component, so a
 * folder named `.env-prod/` keeps everything under it out too.
 */
export function isSecretPath(p: string): boolean {
  return p.split('/').some((c) =>
    c.startsWith('.env') || c.endsWith('.pem') || c.endsWith('.key') || c.startsWith('id_rsa') ||
    c.endsWith('.pfx') || c === '.netrc' || c.startsWith('credentials'));
}

/**
 * Results, not code: an untracked `outputs/` folder, at the top (Workbench's place for them) or below it
 * (where a script run from a subfolder writes them), so where a run starts never changes what is code.
 */
export function isUnderOutputs(p: string): boolean {
  return p.startsWith('outputs/') || p.includes('/outputs/');
}
