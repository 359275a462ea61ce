import type { Writable } from 'node:stream';
import { resolveCommand } from './resolveCommand.js';
import { executeScript } from './executeScript.js';
import type { RunOptions } from './runAndRecord.js';

/**
 * A run configuration with `TrackedRun: false`: the script runs exactly as `git aml run` would run it
 * (same interpreter choice, environment and signal handling) but nothing is snapshotted or recorded.
 */
export async function runUntracked(
  opts: RunOptions,
  deps: { cwd: string; env: NodeJS.ProcessEnv; interpreters: Record<string, string>; configFile?: string; stdout: Writable; stderr: Writable; interactive: boolean },
): Promise<number> {
  const resolved = resolveCommand(opts, { cwd: deps.cwd, env: deps.env, interpreters: deps.interpreters, configFile: deps.configFile });
  const exec = await executeScript({
    command: resolved.command,
    cwd: deps.cwd,
    env: { ...deps.env, ...opts.extraEnv, PYTHONUNBUFFERED: deps.env.PYTHONUNBUFFERED ?? '1' },
    stdout: deps.stdout,
    stderr: deps.stderr,
    interactive: deps.interactive,
    onOutput: () => {},
  });
  return exec.status;
}
