import fs from 'node:fs/promises';
import { constants as fsc, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunStart, RunStatus } from '../snapshot/RunRecord.js';
import type { FileStamp } from './outputsFiles.js';

/** What a running recorder leaves under .git/aml/runs/<id>/ so a killed run can still be recorded. */
export interface Journal {
  start: RunStart;
  historyRef: string;
  recorderPid: number;
  childPid?: number;
  outputsDir: string;
  outputsBefore: Record<string, FileStamp>;
  logLimit: number;
  /** How the script ended, written as soon as it did (absent: it never ended under its recorder). */
  end?: { status: RunStatus; exitCode: number | null; signal: string | null; endedAt: string };
}

export const runsDir = (commonDir: string) => path.join(commonDir, 'aml', 'runs');
export const journalDir = (commonDir: string, id: string) => path.join(runsDir(commonDir), id);
export const journalFiles = (dir: string) => ({
  journal: path.join(dir, 'journal.json'),
  log: path.join(dir, 'log.txt'),
  metrics: path.join(dir, 'metrics.jsonl'),
});

export async function writeJournal(dir: string, j: Journal): Promise<void> {
  const tmp = path.join(dir, `journal.json.${process.pid}`);
  await fs.writeFile(tmp, JSON.stringify(j));
  await fs.rename(tmp, journalFiles(dir).journal);
}

export async function readJournal(dir: string): Promise<Journal | undefined> {
  try {
    return JSON.parse(await fs.readFile(journalFiles(dir).journal, 'utf8')) as Journal;
  } catch {
    return undefined;
  }
}

/**
 * A small exclusive lock (O_EXCL file) held while a run number is chosen, so two runs starting at once in
 * one repo never take the same number. A lock older than `staleMs` is from a killed process and is broken.
 */
export async function withLock<T>(commonDir: string, fn: () => Promise<T>, staleMs = 10_000): Promise<T> {
  const lock = path.join(commonDir, 'aml', 'number.lock');
  await fs.mkdir(path.dirname(lock), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await fs.open(lock, fsc.O_CREAT | fsc.O_EXCL | fsc.O_WRONLY);
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = await fs.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > staleMs) await fs.rm(lock, { force: true });
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 + Math.min(attempt, 50)));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/**
 * Whether a process still runs. A zombie counts as dead: an orphaned script that ended under a PID 1 that
 * does not reap (common in containers) still answers kill(pid, 0).
 */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}
