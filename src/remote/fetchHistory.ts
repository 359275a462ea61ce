import type { Git } from '../git/runGit.js';
import type { Transport } from '../git/transport.js';
import { laterCommand, transportError, redactUrl } from '../git/transport.js';
import { GitCommandError } from '../errors/repoErrors.js';
import { RemoteHistoryRewrittenError } from '../errors/remoteErrors.js';
import { revParse } from './integrateRemote.js';
import { seenRef, trackingRef } from './trackingRef.js';

/**
 * Fetches the remote's history branch into its remote-tracking ref and returns the remote's tip, or
 * undefined when the remote has no run history yet (not an error: nobody has pushed a run).
 * The refspec has no `+`: a remote branch that is no longer a descendant of what we saw was rewritten by
 * someone, and that is reported, not silently taken, so the runs it lost are not forgotten here.
 */
export async function fetchHistory(git: Git, transport: Transport, historyBranch: string, purpose: 'fetch' | 'push' = 'fetch', progress = false): Promise<string | undefined> {
  const { remote } = transport;
  const tracking = trackingRef(remote.name, historyBranch);
  const seen = seenRef(remote.url, historyBranch);
  const [mine, before] = await Promise.all([revParse(git, seen), revParse(git, tracking)]);
  const fetch = () => transport.run([
    'fetch', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--no-auto-gc',
    remote.name, `refs/heads/${historyBranch}:${tracking}`,
  ], { progress });
  let r = await fetch();
  // Two runs of this clone fetching at once race for the remote-tracking ref; the loser simply asks again.
  for (let i = 0; i < 5 && r.code !== 0 && /cannot lock ref/.test(r.stderr); i++) {
    await new Promise((done) => setTimeout(done, 20 + Math.random() * 80));
    r = await fetch();
  }
  const rewritten = (deleted = false) => new RemoteHistoryRewrittenError(
      `${historyBranch} on ${remote.name} was ${deleted ? 'deleted' : 'rewritten (force-pushed or reset)'}: it no longer contains runs it had. ` +
      'Your local runs are all kept; nothing was pushed.', {
        hint: deleted
          ? `To push all your runs to it again: git update-ref -d ${seen} && ${laterCommand(remote, 'push')}`
          : `To keep the remote's new history and add your runs it lacks on top: git fetch ${remote.name} +refs/heads/${historyBranch}:${tracking} && git update-ref -d ${seen} && ${laterCommand(remote, 'push')}`,
        data: { remote: remote.name, branch: historyBranch, seen: mine ?? before },
      });
  if (r.code === 0) {
    const tip = await revParse(git, tracking);
    // What git-aml last saw must still be there: a plain `git fetch` may have taken a rewrite already.
    if (mine && (!tip || (await git(['merge-base', '--is-ancestor', mine, tip], { allowFail: true })).code !== 0)) throw rewritten();
    if (tip) await git(['update-ref', seen, tip], { allowFail: true });
    return tip;
  }
  if (/\[rejected\].*non-fast-forward/.test(r.stderr)) throw rewritten();
  if (/couldn't find remote ref/i.test(r.stderr)) {
    // The remote's history branch was deleted after git-aml saw it: as much a rewrite as a rewind.
    if (mine) throw rewritten(true);
    // It has none (yet): forget a stale copy so no run claims to be there.
    if (before) await git(['update-ref', '-d', tracking, before], { allowFail: true });
    return undefined;
  }
  throw transportError(remote, 'fetch', r, laterCommand(remote, purpose)) ?? new GitCommandError(`git fetch from ${remote.name} (${redactUrl(remote.url)}) failed: ${r.stderr.trim() || `exit ${r.code}`}`, {
    hint: `See git's own answer with: git fetch ${remote.name} refs/heads/${historyBranch}`,
    data: { stderr: r.stderr },
  });
}
