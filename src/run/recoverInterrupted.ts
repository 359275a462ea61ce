import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Git } from '../git/runGit.js';
import type { LooseObjects } from '../git/looseObjects.js';
import { identityOf } from '../git/identity.js';
import type { RunRecord } from '../snapshot/RunRecord.js';
import { appendRun } from '../snapshot/appendRun.js';
import { writeArtifacts } from '../snapshot/writeArtifacts.js';
import { isAlive, journalFiles, readJournal, runsDir, type Journal } from './journal.js';
import { parseMetrics } from './metricsFile.js';
import { pickOutputs, stampFiles } from './outputsFiles.js';

/**
 * Records, as Interrupted (or as it ended, when its end was journaled), every run whose recorder died (kill -9, a crash, a closed laptop) and whose
 * script is gone too. Called at the start of every command, so such a run is never lost. A journal is
 * claimed by renaming its folder first, so two commands never record the same run twice.
 */
export async function recoverInterrupted(
  git: Git,
  commonDir: string,
  objects: LooseObjects,
  now: () => Date = () => new Date(),
  warn: (line: string) => void = () => {},
): Promise<RunRecord['id'][]> {
  const dir = runsDir(commonDir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const recovered: string[] = [];
  for (const name of names) {
    const claim = /^(.*)\.claimed-(\d+)$/.exec(name);
    if (claim) {
      // Claimed by a command that died while recording it: give it back, the next command records it.
      if (!isAlive(Number(claim[2]))) await fs.rename(path.join(dir, name), path.join(dir, claim[1])).catch(() => {});
      continue;
    }
    const jdir = path.join(dir, name);
    const j = await readJournal(jdir);
    if (!j) {
      // A folder with no journal older than a minute is debris from a recorder killed while it started.
      const st = await fs.stat(jdir).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > 60_000) await fs.rm(jdir, { recursive: true, force: true });
      continue;
    }
    if (j.start.host !== os.hostname() || isAlive(j.recorderPid) || isAlive(j.childPid)) continue;
    const claimed = `${jdir}.claimed-${process.pid}`;
    try {
      await fs.rename(jdir, claimed);
    } catch {
      continue; // another command claimed it
    }
    try {
      await recordInterrupted(git, objects, j, claimed, now);
    } catch (e) {
      // Keep the journal for a later command; the command the user asked for still runs.
      await fs.rename(claimed, jdir).catch(() => {});
      warn(`could not yet record interrupted run ${j.start.id}: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    await fs.rm(claimed, { recursive: true, force: true });
    recovered.push(j.start.id);
  }
  return recovered;
}

async function recordInterrupted(git: Git, objects: LooseObjects, j: Journal, claimed: string, now: () => Date): Promise<void> {
  // Its recorder may have been stopped after the run landed but before the journal was removed.
  const landed = await git(['log', '--first-parent', '-F', `--grep="id": ${JSON.stringify(j.start.id)},`, '-n', '1', '--format=%H', j.historyRef, '--'], { allowFail: true });
  if (landed.stdout.trim()) return;
  const files = journalFiles(claimed);
  const [log, metricsText, logStat, outputsNow] = await Promise.all([
    fs.readFile(files.log).catch(() => Buffer.alloc(0)),
    fs.readFile(files.metrics, 'utf8').catch(() => ''),
    fs.stat(files.log).catch(() => undefined),
    stampFiles(j.outputsDir),
  ]);
  const tail = log.length > j.logLimit ? log.subarray(log.length - j.logLimit) : log;
  const { metrics } = parseMetrics(metricsText);
  const outputs = pickOutputs(j.outputsBefore, outputsNow, 100 * 1024 * 1024);
  // A script that ended under its recorder left its end in the journal; otherwise its last output is
  // the best sign of when it stopped.
  const endedAt = j.end ? new Date(j.end.endedAt) : logStat ? logStat.mtime : now();
  // Written as the user who started the run, whatever identity this process has.
  const who = identityOf(j.start.user);
  const artifacts = await writeArtifacts(objects, who, {
    runId: j.start.id, log: tail, metrics, outputsDir: j.outputsDir, outputs: outputs.taken,
  });
  const record: Omit<RunRecord, 'commit' | 'pushed'> = {
    ...j.start,
    status: j.end?.status ?? 'Interrupted',
    exitCode: j.end?.exitCode ?? null,
    signal: j.end?.signal ?? null,
    endedAt: endedAt.toISOString(),
    durationMs: Math.max(0, endedAt.getTime() - Date.parse(j.start.startedAt)),
    metrics,
    artifacts: { commit: artifacts, logBytes: tail.length, logTruncated: log.length > tail.length, outputs: outputs.taken, outputsLeftOut: outputs.leftOut },
  };
  await appendRun(git, { objects, who }, artifacts, { historyRef: j.historyRef, record });
}
