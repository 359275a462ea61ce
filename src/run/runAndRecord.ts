import fs from 'node:fs/promises';
import { openSync, writeSync, closeSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Git, GitResult } from '../git/runGit.js';
import { repoObjects, type RepoInfo } from '../git/findRepo.js';
import type { AmlConfig } from '../config/AmlConfig.js';
import type { RunRecord, RunStart, RunStatus } from '../snapshot/RunRecord.js';
import { gitIdentity } from '../git/identity.js';
import { gitVars } from '../git/gitVars.js';
import { projectIdentity, type ProjectIdentity } from '../snapshot/projectIdentity.js';
import { snapshotTree } from '../snapshot/snapshotTree.js';
import { appendRun, branchNumbers } from '../snapshot/appendRun.js';
import { checkHistoryRef } from '../snapshot/historyRefConflict.js';
import { writeArtifacts } from '../snapshot/writeArtifacts.js';
import { resolveCommand } from './resolveCommand.js';
import { executeScript } from './executeScript.js';
import { journalDir, journalFiles, runsDir, withLock, writeJournal, readJournal, type Journal } from './journal.js';
import { recoverInterrupted } from './recoverInterrupted.js';
import { parseMetrics } from './metricsFile.js';
import { pickOutputs, stampFiles } from './outputsFiles.js';
import { TailBuffer } from './TailBuffer.js';
import { shellQuote } from './shellQuote.js';
import { ScriptNotRunnableError } from '../errors/runErrors.js';
import { HistoryBranchCheckedOutError } from '../errors/historyErrors.js';

export interface RunOptions {
  /** Script to run through its interpreter; or `command` for the `--` form. */
  script?: string;
  command?: string[];
  args: string[];
  message?: string;
  push: boolean;
  runConfig?: string;
  /** Extra environment for the script (run configurations). */
  extraEnv?: Record<string, string>;
  /** Interpreters that override the config's (run configurations). */
  interpreters?: Record<string, string>;
}

export interface RunDeps {
  git: Git;
  repo: RepoInfo;
  config: AmlConfig;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  interactive: boolean;
  now?: () => Date;
  /** Called with a line for the user (on stderr, so the script's stdout stays clean for pipes). */
  say: (line: string) => void;
  /** Catches the local history branch up with what a plain `git fetch` brought, before the number is chosen. */
  beforeNumbering?: (project: ProjectIdentity) => Promise<unknown>;
  /** The snapshot's walk, when the CLI started it before loading this module (repoLookup.ts). */
  walk?: Promise<GitResult | undefined>;
  /** Delivers the history branch to the remote after recording; undefined until a remote is set up. */
  push?: (project: ProjectIdentity) => Promise<void>;
}

export interface RunOutcome {
  /** The recorded run; undefined when recording failed and the run waits in its journal. */
  record?: RunRecord;
  /** What `git aml run` exits with: the script's status. */
  status: number;
}

const MB = 1024 * 1024;

/** Takes the snapshot, runs the script live, records the run on the history branch, and (optionally) pushes. */
export async function runAndRecord(opts: RunOptions, deps: RunDeps): Promise<RunOutcome> {
  const { git, repo, config } = deps;
  const now = deps.now ?? (() => new Date());
  const interpreters = { ...config.interpreters, ...opts.interpreters };
  const resolved = resolveCommand(opts, { cwd: repo.cwd, env: deps.env, interpreters, configFile: config.filepath });
  if (opts.script) {
    const rel = path.relative(repo.top, path.resolve(repo.cwd, opts.script));
    if (rel.startsWith('..') || path.isAbsolute(rel)) deps.say(`warning: ${opts.script} is outside the repository, so the run's snapshot does not hold it: this run cannot be re-run from its record`);
  }
  // Everything before the script starts runs side by side: the snapshot is the long pole.
  const headTree = repo.headTree;
  const vars = gitVars(git);
  const [project, identity, outputsBefore, snap] = await Promise.all([
    projectIdentity(git, repo, config).then(async (p) => {
      if (repo.headRef === p.historyRef) {
        // Recording moves that branch; with it checked out, HEAD would move under the index and work tree.
        throw new HistoryBranchCheckedOutError(`HEAD is on the run-history branch ${p.historyBranch}: recording a run there would move HEAD under your work tree.`, {
          hint: 'Switch back to your own branch first (git switch -, or git switch master); to look at a run use git aml restore <run>.',
          data: { historyRef: p.historyRef },
        });
      }
      await deps.beforeNumbering?.(p);
      const [numbers] = await Promise.all([branchNumbers(git, p.historyRef), checkHistoryRef(git, p.historyRef, config.filepath)]);
      return { ...p, tip: numbers.tip, highest: numbers.highest };
    }),
    vars.then((v) => gitIdentity(git, v)),
    stampFiles(path.join(repo.cwd, 'outputs')),
    snapshotTree(git, repo, { limits: config.limits, configFile: config.filepath, excludesFile: vars.then((v) => v.excludesFile ?? null), walk: deps.walk }),
    repo.versionCheck,
    recoverInterrupted(git, repo.commonDir, repoObjects(repo), now, deps.say).then((ids) => ids.forEach((id) => deps.say(`recorded interrupted run ${id}`))),
  ]);
  for (const p of snap.leftOut) deps.say(`warning: left out of the snapshot (looks like a secret): ${p}`);
  const store = { objects: repoObjects(repo), who: identity };

  // The run's id is `<project>_<epoch ms>`; claiming its journal folder (mkdir is atomic) keeps it unique
  // when runs start in the same millisecond: the later one takes the next millisecond.
  let startedAt = now();
  await fs.mkdir(runsDir(repo.commonDir), { recursive: true });
  for (;;) {
    const claimed = await fs.mkdir(journalDir(repo.commonDir, `${project.name}_${startedAt.getTime()}`)).then(() => true, (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      return false;
    });
    if (claimed) break;
    startedAt = new Date(startedAt.getTime() + 1);
  }
  const id = `${project.name}_${startedAt.getTime()}`;
  const jdir = journalDir(repo.commonDir, id);
  const files = journalFiles(jdir);
  const outputsDir = path.join(repo.cwd, 'outputs');
  const logLimit = config.limits.logMb * MB;
  const start: RunStart = {
    id,
    number: 0,
    script: resolved.script,
    args: resolved.args,
    command: resolved.command,
    runConfig: opts.runConfig ?? null,
    description: opts.message ?? null,
    user: { name: identity.name, email: identity.email },
    host: os.hostname(),
    startedAt: startedAt.toISOString(),
    tree: snap.tree,
    baseCommit: repo.head!,
    baseBranch: repo.headRef?.replace(/^refs\/heads\//, '') ?? null,
    dirty: snap.tree !== headTree,
    leftOut: snap.leftOut,
  };
  const journal: Journal = { start, historyRef: project.historyRef, recorderPid: process.pid, outputsDir, outputsBefore, logLimit };
  // The number is chosen under a lock and written with the journal, so runs started together differ.
  await withLock(repo.commonDir, async () => {
    const active = await Promise.all((await fs.readdir(runsDir(repo.commonDir)).catch(() => [] as string[]))
      .map((n) => readJournal(path.join(runsDir(repo.commonDir), n))));
    // The tip was read before the lock; a run that lands meanwhile is caught by appendRun's renumbering.
    const taken = Math.max(project.highest, ...active.map((j) => j?.start.number ?? 0));
    start.number = taken + 1;
    await writeJournal(jdir, journal);
  });

  deps.say(`run ${start.number} (${id}): ${shellQuote(resolved.command)}`);
  const log = new TailBuffer(logLimit);
  const logFd = openSync(files.log, 'a');
  let logFileBytes = 0;
  let journalUpdate: Promise<void> = Promise.resolve();
  // A run whose recorder dies with it (a crash, a killed process group) is recorded later with its log's
  // mtime as its end. Touching the log every second keeps that true for a script that prints nothing.
  const heartbeat = setInterval(() => {
    const t = new Date();
    fs.utimes(files.log, t, t).catch(() => {});
  }, 1000);
  heartbeat.unref();
  const exec = await executeScript({
    command: resolved.command,
    cwd: repo.cwd,
    env: {
      ...deps.env,
      ...opts.extraEnv,
      AML_RUN_ID: id,
      AML_RUN_NUMBER: String(start.number),
      AML_OUTPUTS_DIR: outputsDir,
      AML_METRICS_FILE: files.metrics,
      PYTHONUNBUFFERED: deps.env.PYTHONUNBUFFERED ?? '1',
    },
    stdout: deps.stdout,
    stderr: deps.stderr,
    interactive: deps.interactive,
    onSpawn: (pid) => {
      journalUpdate = writeJournal(jdir, { ...journal, childPid: pid }).catch(() => {});
    },
    onOutput: (chunk) => {
      log.push(chunk);
      // The on-disk copy is what an Interrupted run keeps; rewrite it to the tail when it doubles the cap.
      logFileBytes += chunk.length;
      if (logFileBytes > 2 * logLimit) {
        ftruncateSync(logFd, 0);
        const tail = log.toBuffer();
        writeSync(logFd, tail, 0, tail.length, 0);
        logFileBytes = tail.length;
      } else writeSync(logFd, chunk);
    },
  }).catch(async (e: NodeJS.ErrnoException) => {
    clearInterval(heartbeat);
    closeSync(logFd);
    await fs.rm(jdir, { recursive: true, force: true });
    if (e.code === 'ENOENT' || e.code === 'EACCES') {
      // The file exists (checked before), so the kernel could not start it: usually a #! line naming an
      // interpreter that is not there.
      throw new ScriptNotRunnableError(`Could not start ${resolved.command[0]}: ${e.code === 'ENOENT' ? 'its interpreter (the #! line) was not found' : 'permission denied'}.`, {
        hint: `Check the first line of ${resolved.script}, or name the interpreter: git aml run -- <interpreter> ${resolved.script}`,
        data: { command: resolved.command },
      });
    }
    throw e;
  });
  clearInterval(heartbeat);
  closeSync(logFd);
  const endedAt = now();
  await journalUpdate;
  const status: RunStatus = exec.canceled ? 'Canceled' : exec.status === 0 ? 'Completed' : 'Failed';
  // How it ended goes into the journal first: if recording fails or we are killed now, the next command
  // records the run as it really ended, not as Interrupted.
  journal.end = { status, exitCode: exec.exitCode, signal: exec.signal, endedAt: endedAt.toISOString() };
  await writeJournal(jdir, journal);
  let full: RunRecord;
  try {
    full = await recordRun();
  } catch (e) {
    deps.say(`warning: run ${start.number} ${status} but not recorded yet (${(e as Error).message.split('\n')[0]}); it is kept in .git/aml/runs and the next git aml command records it`);
    return { status: exec.status };
  }
  if (opts.push && config.push && deps.push) await deps.push(project);
  return { record: full, status: exec.status };

  async function recordRun(): Promise<RunRecord> {
    const [metricsText, outputsAfter] = await Promise.all([
      fs.readFile(files.metrics, 'utf8').catch(() => ''),
      stampFiles(outputsDir),
    ]);
    const { metrics, bad } = parseMetrics(metricsText);
    if (bad.length) deps.say(`warning: ignored malformed lines ${bad.join(', ')} in AML_METRICS_FILE (want {"name": ..., "value": ...})`);
    const outputs = pickOutputs(outputsBefore, outputsAfter, config.limits.outputsMb * MB);
    if (outputs.leftOut.length) deps.say(`warning: outputs over the ${config.limits.outputsMb} MB limit not stored: ${outputs.leftOut.join(', ')}`);
    const logBuf = log.toBuffer();
    const artifacts = await writeArtifacts(store.objects, identity, { runId: id, log: logBuf, metrics, outputsDir, outputs: outputs.taken });
    const record: Omit<RunRecord, 'commit' | 'pushed'> = {
      ...start,
      status,
      exitCode: exec.exitCode,
      signal: exec.signal,
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - startedAt.getTime(),
      metrics,
      artifacts: { commit: artifacts, logBytes: logBuf.length, logTruncated: log.truncated, outputs: outputs.taken, outputsLeftOut: outputs.leftOut },
    };
    const appended = await appendRun(git, store, artifacts, { historyRef: project.historyRef, record, knownTip: project.tip });
    await fs.rm(jdir, { recursive: true, force: true });
    const full: RunRecord = { ...record, number: appended.number, commit: appended.commit, pushed: false };
    const secs = (full.durationMs / 1000).toFixed(1);
    // Four significant digits on the summary line; the record keeps every digit.
    const brief = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(4))) : String(v));
    const metricText = Object.keys(metrics).length ? ` · ${Object.entries(metrics).map(([k, v]) => `${k}=${brief(Array.isArray(v) ? v[v.length - 1] : v)}`).join(' ')}` : '';
    const how = full.status === 'Completed' ? '' : exec.signal ? ` (${exec.signal})` : ` (exit ${exec.exitCode})`;
    deps.say(`run ${full.number} ${full.status}${how} in ${secs}s${metricText} · recorded ${appended.commit.slice(0, 12)} on ${project.historyBranch}`);
    return full;
  }
}
