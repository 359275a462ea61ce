/**
 * Base of every failure a user can cause or fix. `code` equals the subclass name so tests and
 * scripts match on it, never on message text; `hint` is a command or step the user can act on.
 */
export class AmlError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly data: Record<string, unknown>;
  /** 1 for a toolkit failure the user can fix, 2 for a usage error (bad flags or arguments). */
  readonly exitCode: number = 1;

  constructor(message: string, opts: { hint?: string; data?: Record<string, unknown> } = {}) {
    super(message);
    this.code = new.target.name;
    this.name = new.target.name;
    this.hint = opts.hint;
    this.data = opts.data ?? {};
  }
}

/** Bad flags or arguments: exits 2 like other command-line tools do. */
export class UsageError extends AmlError {
  override readonly exitCode = 2;
}

export function isAmlError(e: unknown): e is AmlError {
  return e instanceof AmlError;
}
