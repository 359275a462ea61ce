/**
 * Untracked files the snapshot never takes, written as gitignore patterns (handed to `git add`) and
 * mirrored by `isSecretPath` (so we can name each one in a warning without a second directory walk).
 */
export const SECRET_PATTERNS = ['.env*', '*.pem', '*.key', 'id_rsa*', '*.pfx', '.netrc', 'credentials*'];

/** Same rule as SECRET_PATTERNS: a pattern without a slash matches any path component. */
export function isSecretPath(p: string): boolean {
  return p.split('/').some((c) =>
    c.startsWith('.env') || c.endsWith('.pem') || c.endsWith('.key') || c.startsWith('id_rsa') ||
    c.endsWith('.pfx') || c === '.netrc' || c.startsWith('credentials'));
}

/** gitignore pattern for the outputs folder where the script runs; `prefix` is that folder relative to the top. */
export function outputsPattern(prefix: string): string {
  return `/${prefix}outputs/`;
}

export function isUnderOutputs(p: string, prefix: string): boolean {
  return p.startsWith(`${prefix}outputs/`);
}
