import type { Git } from '../git/runGit.js';
import { findRemote, openTransport, type TransportOptions } from '../git/transport.js';
import type { ProjectIdentity } from '../snapshot/projectIdentity.js';
import { pushHistory, type PushResult } from './pushHistory.js';

export type AutoPushOutcome =
  | { kind: 'no-remote'; remote: string }
  | { kind: 'pushed'; result: PushResult }
  | { kind: 'queued'; remote: string; error: Error };

/**
 * The push after `git aml run`. It never fails the run: a missing remote means a local-only project, and
 * an unreachable remote or refused credentials leave the run queued on the local branch, where the next
 * push, sync or run picks it up (every push sends the whole branch).
 */
export async function autoPush(git: Git, project: ProjectIdentity, remoteName: string, opts: TransportOptions): Promise<AutoPushOutcome> {
  const remote = await findRemote(git, remoteName, opts.env);
  if (!remote) return { kind: 'no-remote', remote: remoteName };
  try {
    const result = await pushHistory(git, openTransport(git, remote, opts), { historyRef: project.historyRef, historyBranch: project.historyBranch });
    return { kind: 'pushed', result };
  } catch (e) {
    return { kind: 'queued', remote: remoteName, error: e as Error };
  }
}
