import { OFF_SWITCH } from './hookNames.js';

export interface PrePushDeps {
  env: NodeJS.ProcessEnv;
  /** Runs `git aml <args>` (through git, as the user would) and collects its output. */
  runAml: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  /** Where the hook talks to the user: git shows a pre-push hook's stderr. */
  stderr: (text: string) => void;
}

/** The error line our CLI prints, as "(Code) message", or the last line of whatever was printed. */
function reasonOf(stderr: string, code: number): string {
  const m = /git aml: error: (\((\w+)\) .*)/.exec(stderr);
  if (m?.[2] === 'UsageError' && /\bpush\b/.test(m[1])) return 'this git-aml has no `git aml push` command (update git-aml)';
  return m?.[1] ?? (stderr.trim().split('\n').pop() || `exit ${code}`);
}

/**
 * pre-push: with the user's push, deliver that remote's queued runs (`git aml push --remote <name>`).
 * Never blocks the push: any failure is one warning line, and the status is always 0 (the user's own
 * hook, run before this, decides). `git aml push` sets AML_HOOKS=0 on its own `git push`, so no recursion.
 */
export async function prePush(remote: string | undefined, deps: PrePushDeps): Promise<number> {
  if (deps.env[OFF_SWITCH] === '0' || !remote) return 0;
  try {
    const r = await deps.runAml(['push', '--remote', remote]);
    if (r.code === 0) {
      deps.stderr(r.stderr + r.stdout);
      return 0;
    }
    deps.stderr(`git aml: warning: queued runs were not delivered to ${remote}: ${reasonOf(r.stderr, r.code)}. Your push goes on; send them later with: git aml push --remote ${remote}\n`);
  } catch (e) {
    deps.stderr(`git aml: warning: queued runs were not delivered to ${remote}: ${(e as Error).message}. Your push goes on.\n`);
  }
  return 0;
}
