import type { Git, GitResult } from '../git/runGit.js';
import type { Transport } from '../git/transport.js';
import { redactUrl, transportError } from '../git/transport.js';
import { PushContentionError, PushRejectedError } from '../errors/remoteErrors.js';
import { fetchHistory } from './fetchHistory.js';
import { integrateRemote, revParse } from './integrateRemote.js';
import type { Renumbered } from './replayRuns.js';
import { runCommits, type RunCommit } from './runCommits.js';
import { seenRef, trackingRef } from './trackingRef.js';
import { pushLfsObjects, usesLfs } from './pushLfsObjects.js';

export interface PushOptions {
  historyRef: string;
  historyBranch: string;
  /** Bounded retries when teammates keep moving the branch. */
  maxAttempts?: number;
  /**
   * When everything seems delivered, ask the remote (one ls-remote) before saying so: the remote-tracking
   * ref may be stale (someone rewound the branch since our last fetch). Off for the push right after a run,
   * which is always ahead of the remote.
   */
  verifyRemote?: boolean;
  /** Injected for tests; default setTimeout and Math.random. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface PushResult {
  remote: string;
  branch: string;
  /** The remote's tip afterwards (undefined when neither side has any run). */
  tip?: string;
  /** Runs this push delivered, as numbered on the remote. */
  delivered: { id: string; number: number }[];
  renumbered: Renumbered[];
  /** Teammates' runs that came down on the way. */
  received: number;
  attempts: number;
}

const RETRYABLE = /fetch first|non-fast-forward|stale info|failed to update ref|cannot lock ref|failed to lock|incorrect old value|but expected|reference already exists/i;

/** The status line `git push --porcelain` prints for our one ref: flag and summary, e.g. `!` `[rejected] (fetch first)`. */
export function pushStatus(stdout: string): { flag: string; summary: string } | undefined {
  for (const line of stdout.split('\n')) {
    const m = /^([ +\-*!=])\t[^\t]*\t(.*)$/.exec(line);
    if (m) return { flag: m[1], summary: m[2] };
  }
  return undefined;
}

/**
 * The pause after losing a round: random, so contenders fall out of step, and growing (100 ms, 200 ms, …
 * capped at 1.5 s), so when many teammates push at once fewer of them spend work on tries that must fail.
 */
export function backoffMs(attempt: number, random: () => number): number {
  return Math.round(random() * Math.min(1500, 100 * 2 ** (attempt - 1)));
}

/**
 * Delivers the local history branch to the remote without ever forcing: fetch the remote's branch, carry
 * local runs it lacks onto its tip (renumbered after teammates' runs), push that as a fast-forward, and if
 * a teammate got in first, do it again after a jittered pause. A run is never dropped: it is either on the
 * remote already or on the branch being pushed.
 */
export async function pushHistory(git: Git, transport: Transport, o: PushOptions): Promise<PushResult> {
  const { remote } = transport;
  const tracking = trackingRef(remote.name, o.historyBranch);
  const maxAttempts = o.maxAttempts ?? 30;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const result: PushResult = { remote: remote.name, branch: o.historyBranch, delivered: [], renumbered: [], received: 0, attempts: 0 };

  // Nothing recorded, or everything recorded is already on what we last saw of the remote: no network.
  const mine = seenRef(remote.url, o.historyBranch);
  // What git-aml itself last saw of the remote, else the remote-tracking ref (a clone made by plain git).
  const [local, seenByUs, tracked] = await Promise.all([revParse(git, o.historyRef), revParse(git, mine), revParse(git, tracking)]);
  const seen = seenByUs ?? tracked;
  if (!local) return result;
  let stale = false;
  if (seen && (local === seen || (await isAncestor(git, local, seen)))) {
    if (!o.verifyRemote || (await remoteTip(transport, o.historyBranch)) === seen) return { ...result, tip: seen };
    stale = true; // the remote moved since we last looked (or was rewound): fetch, and judge what it holds now
  }
  // Ahead of what we last saw: push straight away. It costs no fetch when nobody else pushed, and when
  // someone did the server refuses it before any object is sent.
  // `expect` is the remote tip the candidate was built on: the push is conditional on the remote still being
  // there (--force-with-lease), so a branch a teammate rewound since we looked is never pushed back over.
  let candidate: { tip: string; expect: string | undefined; unpushed: RunCommit[] } | undefined =
    !stale && seen && (await isAncestor(git, seen, local)) ? { tip: local, expect: seen, unpushed: await runCommits(git, `${seen}..${local}`) } : undefined;
  let last: GitResult | undefined;
  let lfs: Promise<boolean> | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    result.attempts = attempt;
    const optimistic = !!candidate;
    if (!candidate) {
      const remoteTip = await fetchHistory(git, transport, o.historyBranch, 'push');
      const merged = await integrateRemote(git, o.historyRef, remoteTip);
      if (merged === 'moved') continue; // a local run landed meanwhile: read both sides again
      result.received += merged.received;
      for (const r of merged.renumbered) {
        const earlier = result.renumbered.find((x) => x.id === r.id);
        if (earlier) earlier.to = r.to;
        else result.renumbered.push({ ...r });
      }
      if (!merged.tip || !merged.unpushed.length) return { ...result, tip: remoteTip };
      candidate = { tip: merged.tip, expect: remoteTip, unpushed: merged.unpushed };
    }
    const { tip, expect, unpushed } = candidate;
    candidate = undefined;
    // The lease must only ever make a fast-forward conditional, never allow anything else.
    if (expect && !(await isAncestor(git, expect, tip))) throw new Error(`internal: ${tip} does not descend from the remote's ${expect}`);
    // --no-verify: the user's own pre-push checks their code; a run-history push is not theirs to check
    // (and must not run it twice when `git push` delivers queued runs). Server-side hooks still decide.
    const ref = `refs/heads/${o.historyBranch}`;
    // Large files first, as git-lfs's pre-push hook does: the branch never lands pointing at missing files.
    if (await (lfs ??= usesLfs(git))) await pushLfsObjects(transport, ref, tip, expect);
    const push = await transport.run(['push', '--porcelain', '--no-verify', '--recurse-submodules=no', `--force-with-lease=${ref}:${expect ?? ''}`, remote.name, `${tip}:${ref}`]);
    last = push;
    const status = pushStatus(push.stdout);
    if (push.code === 0 && status && status.flag !== '!') {
      await Promise.all([
        git(['update-ref', '-m', 'git aml: pushed', tracking, tip], { allowFail: true }),
        git(['update-ref', mine, tip], { allowFail: true }),
      ]);
      const delivered = unpushed.map((c) => ({ id: c.id ?? c.commit, number: Number(/^Run (\d+):/.exec(c.message)?.[1] ?? 0) }));
      return { ...result, tip, delivered };
    }
    if (!status) {
      throw transportError(remote, 'push', push) ?? new PushRejectedError(`git push to ${remote.name} (${redactUrl(remote.url)}) failed: ${lastLine(push.stderr)}`, {
        hint: `Your runs stay recorded here (git aml history list); see git's full answer with: git push --dry-run ${remote.name} ${o.historyRef}`,
        data: { stderr: push.stderr.slice(-2000) },
      });
    }
    if (!RETRYABLE.test(status.summary)) {
      throw new PushRejectedError(`${remote.name} refused ${o.historyBranch}: ${status.summary}`, {
        hint: `Ask the remote's owner to allow pushes to refs/heads/${o.historyBranch}; your runs stay recorded here (git aml history list).`,
        data: { summary: status.summary, stderr: push.stderr.slice(-2000) },
      });
    }
    // A teammate got in first. After a guess, fetch at once; after a real try, step aside a moment.
    if (!optimistic && attempt < maxAttempts) await sleep(backoffMs(attempt, random));
  }
  throw new PushContentionError(`${o.historyBranch} on ${remote.name} kept moving through ${maxAttempts} attempts; your runs are recorded here and not yet pushed.`, {
    hint: 'Try again in a moment: git aml push',
    data: { attempts: maxAttempts, last: last ? pushStatus(last.stdout)?.summary : undefined },
  });
}

/** The remote's tip of the branch now, or undefined when it has none (or cannot say). */
async function remoteTip(transport: Transport, branch: string): Promise<string | undefined> {
  const r = await transport.run(['ls-remote', transport.remote.name, `refs/heads/${branch}`]);
  return r.code === 0 ? r.stdout.split(/\s/)[0] || undefined : undefined;
}

async function isAncestor(git: Git, a: string, b: string): Promise<boolean> {
  return (await git(['merge-base', '--is-ancestor', a, b], { allowFail: true })).code === 0;
}

function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return redactUrl(lines[lines.length - 1] ?? 'no output');
}
