import { redactUrl } from '../git/redactUrl.js';
import type { Git } from '../git/runGit.js';
import { RemoteUnreachableError } from '../errors/initErrors.js';

export interface RemoteState {
  /** The remote's master commit, if it has one. */
  master?: string;
  /** Whether the remote has any branch at all. */
  empty: boolean;
}

/** Asks the remote what it has before anything is made, so an unreachable remote leaves no trace. */
export async function probeRemote(git: Git, url: string): Promise<RemoteState> {
  const r = await git(['ls-remote', '--heads', '--', url], { allowFail: true, env: { GIT_TERMINAL_PROMPT: '0' } });
  if (r.code !== 0) {
    throw new RemoteUnreachableError(`Cannot reach the remote ${redactUrl(url)}: ${redactUrl(r.stderr.trim().split('\n').pop() || `git ls-remote exited ${r.code}`)}. Nothing was made.`, {
      hint: `Check the address and your access: git ls-remote ${redactUrl(url)}`,
      data: { url: redactUrl(url) },
    });
  }
  const heads = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
  return { master: heads.find(([, ref]) => ref === 'refs/heads/master')?.[0], empty: heads.length === 0 };
}
