import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Writable } from 'node:stream';

export interface ExecResult {
  /** The script's exit code, or null when a signal ended it. */
  exitCode: number | null;
  /** Exit status to hand back: the script's own, or 128 + N when it died of signal N. */
  status: number;
  signal: NodeJS.Signals | null;
  /** We received SIGINT/SIGTERM/SIGHUP while the script ran. */
  canceled: boolean;
}

export interface ExecOptions {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  /** Every byte the script prints, in order, for the run's log. */
  onOutput: (chunk: Buffer) => void;
  onSpawn?: (pid: number) => void;
  /** Whether our stdin is a terminal: then Ctrl-C already reached the script through its process group. */
  interactive: boolean;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the script with stdin inherited and stdout/stderr passed through live while a copy goes to the log.
 * Signals we receive are forwarded (except a terminal's Ctrl-C, which the script already got) and mark
 * the run Canceled; we never exit before the script does, so the run is always recorded.
 */
export function executeScript(opts: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let canceled = false;
    const child = spawn(opts.command[0], opts.command.slice(1), {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    const onSignal = (sig: NodeJS.Signals) => {
      canceled = true;
      if (sig === 'SIGINT' && opts.interactive) return;
      try {
        child.kill(sig);
      } catch {
        /* already gone */
      }
    };
    for (const s of FORWARDED) process.on(s, onSignal);
    const cleanup = () => {
      for (const s of FORWARDED) process.off(s, onSignal);
    };
    // A reader that goes away (`git aml run train.py | head`) must not stop the run or its recording: the
    // script keeps running, its output still goes to the log, we just stop echoing to the closed stream.
    const tee = (out: Writable) => {
      let open = true;
      out.on('error', () => {
        open = false;
      });
      return (chunk: Buffer) => {
        opts.onOutput(chunk);
        if (open && !out.destroyed) out.write(chunk);
      };
    };
    child.stdout!.on('data', tee(opts.stdout));
    child.stderr!.on('data', tee(opts.stderr));
    child.on('spawn', () => child.pid && opts.onSpawn?.(child.pid));
    child.on('error', (e) => {
      cleanup();
      reject(e);
    });
    child.on('close', (code, signal) => {
      cleanup();
      const signum = signal ? (os.constants.signals[signal] ?? 0) : 0;
      resolve({
        exitCode: signal ? null : code,
        status: signal ? 128 + signum : (code ?? 1),
        signal,
        canceled,
      });
    });
  });
}
