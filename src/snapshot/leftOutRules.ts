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

/** Results, not code: the `outputs/` folder where the script runs (`prefix` is that folder from the top). */
export function isUnderOutputs(p: string, prefix: string): boolean {
  return p.startsWith(`${prefix}outputs/`);
}
