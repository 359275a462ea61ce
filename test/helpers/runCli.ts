import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN } from './sealedEnv.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a real process (no shell) and collects its output; never throws on a non-zero exit. */
export function runProcess(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.stdin.on('error', () => {}); // the process may exit without reading its input
    child.stdin.end(opts.input ?? '');
    child.on('close', (code, signal) => resolve({
      code: code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2),
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    }));
  });
}

/** `git aml <args>` through git's subcommand lookup (bin/ is first on the sealed PATH). */
export function gitAml(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<CliResult> {
  return runProcess('git', ['aml', ...args], opts);
}

/** The CLI entry run directly with node (no git in between), e.g. to signal the recorder itself. */
export const CLI_ENTRY = path.join(BIN, 'git-aml');

/** The error code the CLI printed, e.g. "ScriptNotFoundError" from "git aml: error: (ScriptNotFoundError) …". */
export function errorCode(r: CliResult): string | undefined {
  return /git aml: error: \((\w+)\)/.exec(r.stderr)?.[1];
}
