import { spawn } from 'node:child_process';
import { GitCommandError, GitNotFoundError } from '../errors/repoErrors.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  cwd: string;
  /** Added to (not replacing) the process environment. */
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Return a non-zero result instead of throwing. */
  allowFail?: boolean;
  /** Let git's stderr (progress, prompts) reach the user's terminal instead of capturing it. */
  inheritStderr?: boolean;
  /** Also show git's stderr (progress) on ours while capturing it. */
  echoStderr?: boolean;
  /** Aborting kills git (used to stop a speculative `add -A` when the size guard refuses). */
  signal?: AbortSignal;
  /**
   * How stdout is decoded; default utf8. Paths are bytes to git: 'latin1' keeps every byte as one char,
   * so a name that is not valid UTF-8 survives the way back into git (Buffer.from(s, 'latin1')).
   */
  encoding?: BufferEncoding;
}

/** A function that runs native git; passed into core code so callers decide the repo and environment. */
export type Git = (args: string[], opts?: Partial<GitOptions>) => Promise<GitResult>;

const trace = process.env.AML_TRACE ? (args: string[], t0: number) => process.stderr.write(`[trace] ${(performance.now() - t0).toFixed(1)}ms @${performance.now().toFixed(0)} git ${args.join(' ').slice(0, 80)}\n`) : undefined;

export async function runGit(args: string[], opts: GitOptions): Promise<GitResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      stdio: ['pipe', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'],
      signal: opts.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => {
      err.push(b);
      if (opts.echoStderr) process.stderr.write(b);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(new GitNotFoundError('git is not installed or not on PATH.', {
          hint: 'Install git 2.30 or newer (for example: apt-get install git) and try again.',
        }));
      } else reject(e);
    });
    // git may exit before reading all of stdin (e.g. on a bad argument); that is not our error.
    child.stdin!.on('error', () => {});
    child.stdin!.end(opts.input ?? '');
    child.on('close', (code, signal) => {
      trace?.(args, t0);
      const result = {
        code: code ?? 128 + (signal ? 15 : 0),
        stdout: Buffer.concat(out).toString(opts.encoding ?? 'utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (result.code !== 0 && !opts.allowFail) {
        reject(new GitCommandError(`git ${args[0]} failed: ${result.stderr.trim() || `exit ${result.code}`}`, {
          data: { args, code: result.code, stderr: result.stderr },
        }));
      } else resolve(result);
    });
  });
}

/** Binds runGit to a folder and extra environment. */
export function gitIn(cwd: string, env?: NodeJS.ProcessEnv): Git {
  return (args, opts = {}) => runGit(args, { cwd, ...opts, env: { ...env, ...opts.env } });
}
