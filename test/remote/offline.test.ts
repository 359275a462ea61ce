import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { repoHandle, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode, gitAml } from '../helpers/runCli.js';
import { cloneRepo, runsOn, startGitServer, storeCredentials, type GitServerHandle } from '../helpers/gitServer.js';

let sealed: Sealed;
let server: GitServerHandle | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await sealed?.cleanup();
});

const TRAIN = 'echo "training $1"\nexit "${EXIT:-0}"\n';

async function project(files: Record<string, string> = { 'train.sh': TRAIN }): Promise<{ repo: TempRepo; branch: string; ref: string }> {
  sealed = await sealedEnv();
  const repo = await tempRepo(files, { sealed, name: 'alice' });
  const branch = `AzureMLHistory/${repo.git(['rev-list', '--max-parents=0', 'HEAD']).trim().slice(0, 12)}`;
  return { repo, branch, ref: `refs/heads/${branch}` };
}

const list = async (r: TempRepo) => JSON.parse((await r.aml(['history', 'list', '--json'])).stdout) as { id: string; number: number; pushed: boolean }[];
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.includes('warning:'));

describe('offline is normal', () => {
  it('an unreachable remote: the run is recorded, its exit status returned, one warning; the next push delivers it', async () => {
    const { repo, branch } = await project();
    repo.git(['remote', 'add', 'origin', 'http://127.0.0.1:1/nowhere.git']);
    const r = await repo.aml(['run', 'train.sh', '1'], { env: { EXIT: '3' } });
    expect(r.code).toBe(3);
    const w = warnings(r.stderr);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/RemoteUnreachableError.*queued.*git aml push$/);
    expect((await list(repo)).map((x) => [x.number, x.pushed])).toEqual([[1, false]]);

    const p = await repo.aml(['push']);
    expect(p.code).toBe(1);
    expect(errorCode(p)).toBe('RemoteUnreachableError');
    expect(p.stderr).toMatch(/^hint: .*git aml push/m);
    expect(errorCode(await repo.aml(['fetch']))).toBe('RemoteUnreachableError');

    // Back online: the next run delivers the queued one with it.
    server = await startGitServer(sealed);
    repo.git(['remote', 'set-url', 'origin', server.createRepo('p')]);
    const again = await repo.aml(['run', 'train.sh', '2']);
    expect(again.code).toBe(0);
    expect(warnings(again.stderr)).toEqual([]);
    expect(runsOn(repo, `origin/${branch}`).map((x) => x.number)).toEqual([1, 2]);
    expect((await list(repo)).every((x) => x.pushed)).toBe(true);
  });

  it('refused credentials: the run is kept and queued; git aml push fails with RemoteAuthError until they are fixed', async () => {
    const { repo, ref } = await project();
    server = await startGitServer(sealed, { users: { alice: 'right' } });
    const url = server.createRepo('p');
    repo.git(['remote', 'add', 'origin', url]);
    await storeCredentials(sealed, url, 'alice', 'wrong');
    const r = await repo.aml(['run', 'train.sh', '1']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)[0]).toMatch(/RemoteAuthError.*queued/);
    const tip = repo.git(['rev-parse', ref]).trim();
    const p = await repo.aml(['push']);
    expect(errorCode(p)).toBe('RemoteAuthError');
    expect(p.code).toBe(1);
    expect(repo.git(['rev-parse', ref]).trim()).toBe(tip);

    await storeCredentials(sealed, url, 'alice', 'right');
    const ok = await repo.aml(['push']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/pushed run \d+ to /);
  });

  it('no remote: the run is recorded silently; push names the missing remote', async () => {
    const { repo } = await project();
    const r = await repo.aml(['run', 'train.sh', '1']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)).toEqual([]);
    const p = await repo.aml(['push']);
    expect(p.code).toBe(1);
    expect(errorCode(p)).toBe('NoSuchRemoteError');
    expect(errorCode(await repo.aml(['sync', '--remote', 'nope']))).toBe('NoSuchRemoteError');
    expect((await list(repo))).toHaveLength(1);
  });

  it('a repository the server does not have is RemoteUnreachableError', async () => {
    const { repo } = await project();
    server = await startGitServer(sealed);
    repo.git(['remote', 'add', 'origin', `${server.url}/missing.git`]);
    expect((await repo.aml(['run', 'train.sh', '1'])).code).toBe(0);
    expect(errorCode(await repo.aml(['push']))).toBe('RemoteUnreachableError');
  });
});

/** Alice's project on the real server with two runs pushed by `git aml run` itself. */
async function twoRunsOnServer() {
  const p = await project();
  server = await startGitServer(sealed);
  const url = server.createRepo('p');
  p.repo.git(['remote', 'add', 'origin', url]);
  p.repo.git(['push', '-q', 'origin', 'master']);
  expect((await p.repo.aml(['run', 'train.sh', '1'])).code).toBe(0);
  expect((await p.repo.aml(['run', 'train.sh', '2'])).code).toBe(0);
  return { ...p, url };
}

describe('bad remotes', () => {
  it('a rewritten remote history branch is refused with a hint; no local run is dropped; the hint\'s way out keeps every run', async () => {
    const { repo, branch, ref, url } = await twoRunsOnServer();
    const [two, one] = await list(repo);
    // Someone rewrites the remote's history branch: run 2 replaced by a run of theirs, force-pushed.
    const other = await cloneRepo(sealed, url, 'other');
    other.git(['fetch', '-q', 'origin', `${ref}:${ref}`]);
    other.git(['update-ref', ref, `${ref}~1`]);
    other.git(['update-ref', '-d', `refs/remotes/origin/${branch}`]);
    const o = await other.aml(['run', '--no-push', 'train.sh', 'theirs']);
    expect(o.code, o.stderr).toBe(0);
    other.git(['push', '-q', '--force', 'origin', ref]);
    const theirs = runsOn(other, ref)[1].id;

    const r = await repo.aml(['run', 'train.sh', '3']);
    expect(r.code).toBe(0);
    expect(warnings(r.stderr)[0]).toMatch(/RemoteHistoryRewrittenError/);
    const tip = repo.git(['rev-parse', ref]).trim();
    const p = await repo.aml(['push']);
    expect(p.code).toBe(1);
    expect(errorCode(p)).toBe('RemoteHistoryRewrittenError');
    expect(errorCode(await repo.aml(['fetch']))).toBe('RemoteHistoryRewrittenError');
    expect(repo.git(['rev-parse', ref]).trim()).toBe(tip);
    expect((await list(repo)).map((x) => x.number)).toEqual([3, 2, 1]);

    // The hint, pasted: take the remote's history as it is now, then push the runs it lacks on top.
    const hint = /^hint: .*: (git fetch .*) && git aml push$/m.exec(p.stderr)![1];
    execFileSync('sh', ['-c', hint], { cwd: repo.dir, env: repo.env, stdio: 'ignore' });
    expect((await repo.aml(['push'])).code).toBe(0);
    const onServer = runsOn(repo, `origin/${branch}`);
    expect(onServer.map((x) => x.id)).toEqual([one.id, theirs, two.id, expect.stringMatching(/^alice_/)]);
    expect(onServer.map((x) => x.number)).toEqual([1, 2, 3, 4]);
  });

  it('a remote rewound behind our back: git aml push asks the remote instead of trusting what it last saw', async () => {
    const { repo, ref, branch, url } = await twoRunsOnServer();
    // Someone rewinds the remote branch by one run; our remote-tracking ref still says it has both.
    const other = await cloneRepo(sealed, url, 'other');
    other.git(['push', '-q', '--force', 'origin', `origin/${branch}~1:${ref}`]);
    const p = await repo.aml(['push']);
    expect(errorCode(p), p.stderr).toBe('RemoteHistoryRewrittenError');
    expect((await list(repo)).map((x) => x.number)).toEqual([2, 1]);
  });

  it('a remote rewound, then a plain git fetch: git aml push still refuses, and so does a deleted remote branch', async () => {
    const { repo, ref, branch, url } = await twoRunsOnServer();
    const other = await cloneRepo(sealed, url, 'other');
    other.git(['push', '-q', '--force', 'origin', `origin/${branch}~1:${ref}`]);
    const rewound = other.git(['ls-remote', 'origin', ref]).split('\t')[0];
    // The default refspec force-updates the remote-tracking ref: it forgets the run the remote lost.
    repo.git(['fetch', '-q', 'origin']);
    expect(repo.git(['rev-parse', `origin/${branch}`]).trim()).toBe(rewound);
    const p = await repo.aml(['push']);
    expect(errorCode(p), p.stderr).toBe('RemoteHistoryRewrittenError');
    expect(other.git(['ls-remote', 'origin', ref]).split('\t')[0]).toBe(rewound);
    // Deleted altogether: not recreated from here either.
    other.git(['push', '-q', 'origin', `:${ref}`]);
    repo.git(['fetch', '-q', '--prune', 'origin']);
    const d = await repo.aml(['push']);
    expect(errorCode(d), d.stderr).toBe('RemoteHistoryRewrittenError');
    expect(other.git(['ls-remote', 'origin', ref])).toBe('');
    // The hint, pasted: forget what git-aml saw there, and push every local run again.
    const hint = /^hint: .*: (git update-ref -d refs\/aml\/seen\/\S+) && git aml push$/m.exec(d.stderr)![1];
    execFileSync('sh', ['-c', hint], { cwd: repo.dir, env: repo.env, stdio: 'ignore' });
    expect((await repo.aml(['push'])).code).toBe(0);
    other.git(['fetch', '-q', 'origin']);
    expect(runsOn(other, `origin/${branch}`).map((x) => x.number)).toEqual([1, 2]);
  });

  it('after clone-latest, a rewind a plain git fetch took is refused; a remote moved to a new address is not', async () => {
    const { repo, ref, branch, url } = await twoRunsOnServer();
    const c = await gitAml(['clone-latest', url, 'bob'], { cwd: sealed.root, env: sealed.env });
    expect(c.code, c.stderr).toBe(0);
    const bob = repoHandle(sealed, path.join(sealed.root, 'bob'));
    repo.git(['push', '-q', '--force', 'origin', `origin/${branch}~1:${ref}`]);
    bob.git(['fetch', '-q', 'origin']);
    expect(errorCode(await bob.aml(['push'])), 'bob').toBe('RemoteHistoryRewrittenError');
    // The project moves to a new, empty server: nothing was seen there, so its first push is no rewrite.
    const moved = server!.createRepo('moved');
    bob.git(['remote', 'set-url', 'origin', moved]);
    bob.git(['push', '-q', 'origin', 'master']);
    const p = await bob.aml(['push']);
    expect(p.code, p.stderr).toBe(0);
    expect(runsOn(bob, `origin/${branch}`).map((x) => x.number)).toEqual([1, 2]);
  });

  it('a remote rewound behind our back: the push after a run does not put the removed run back', async () => {
    const { repo, ref, branch, url } = await twoRunsOnServer();
    const other = await cloneRepo(sealed, url, 'other');
    other.git(['push', '-q', '--force', 'origin', `origin/${branch}~1:${ref}`]);
    const rewound = other.git(['ls-remote', 'origin', ref]).split('\t')[0];
    // Our next run sees its own tracking ref (two runs) and pushes on top of it: only if the remote is still there.
    const r = await repo.aml(['run', 'train.sh', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(warnings(r.stderr)[0]).toMatch(/RemoteHistoryRewrittenError/);
    expect(other.git(['ls-remote', 'origin', ref]).split('\t')[0]).toBe(rewound);
    expect((await list(repo)).map((x) => x.number)).toEqual([3, 2, 1]);
  });

  it('a local-path remote with receive.denyNonFastForwards: two teammates push diverged runs, all land once, fsck clean', async () => {
    const { repo: alice, branch } = await project();
    const bare = path.join(sealed.root, 'shared.git');
    execFileSync('git', ['init', '-q', '--bare', bare], { env: sealed.env });
    execFileSync('git', ['-C', bare, 'config', 'receive.denyNonFastForwards', 'true'], { env: sealed.env });
    alice.git(['remote', 'add', 'origin', bare]);
    alice.git(['push', '-q', 'origin', 'master']);
    const bob = await cloneRepo(sealed, bare, 'bob');
    expect((await alice.aml(['run', 'train.sh', 'a1'])).code).toBe(0);
    expect((await bob.aml(['run', '--no-push', 'train.sh', 'b1'])).code).toBe(0);
    expect((await alice.aml(['run', '--no-push', 'train.sh', 'a2'])).code).toBe(0);
    expect((await bob.aml(['push'])).code).toBe(0);
    expect((await alice.aml(['sync'])).code).toBe(0);
    const onServer = runsOn({ git: (a) => execFileSync('git', a, { cwd: bare, env: sealed.env, encoding: 'utf8' }) }, branch);
    expect(onServer.map((x) => x.number)).toEqual([1, 2, 3]);
    expect(new Set(onServer.map((x) => x.id)).size).toBe(3);
    execFileSync('git', ['-C', bare, 'fsck', '--strict', '--no-dangling'], { env: sealed.env });
  });

  it('--remote names another remote; a push the server refuses for good is PushRejectedError and keeps the run', async () => {
    const { repo, branch, ref } = await project();
    const bare = path.join(sealed.root, 'backup.git');
    execFileSync('git', ['init', '-q', '--bare', bare], { env: sealed.env });
    repo.git(['remote', 'add', 'backup', bare]);
    expect((await repo.aml(['run', 'train.sh', '1'])).code).toBe(0); // no origin: nothing pushed
    expect((await repo.aml(['push', '--remote', 'backup'])).code).toBe(0);
    expect(repo.git(['rev-parse', `refs/remotes/backup/${branch}`]).trim()).toBe(repo.git(['rev-parse', ref]).trim());

    await fs.writeFile(path.join(bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "history is read-only here" >&2\nexit 1\n', { mode: 0o755 });
    expect((await repo.aml(['run', '--no-push', 'train.sh', '2'])).code).toBe(0);
    const p = await repo.aml(['push', '--remote', 'backup']);
    expect(p.code).toBe(1);
    expect(errorCode(p)).toBe('PushRejectedError');
    expect((await list(repo)).map((x) => x.number)).toEqual([2, 1]);
  });
});
