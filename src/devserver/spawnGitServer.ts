import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GitServerHandle {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Folder of bare repositories the server serves. */
  root: string;
  /** Makes `<root>/<name>.git` (bare, default branch master) and returns its URL. */
  createRepo: (name: string, config?: Record<string, string>) => string;
  /** The URL of `<name>.git`, with `user:password@` when given. */
  repoUrl: (name: string, auth?: { user: string; password: string }) => string;
  /** Stops the server process and waits for it to exit. */
  stop: () => Promise<void>;
}

export interface SpawnGitServerOptions {
  root: string;
  users?: Record<string, string>;
  tokens?: string[];
  /** Environment of the server and its `git http-backend` children (a test's sealed env). */
  env?: NodeJS.ProcessEnv;
}

const SERVE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve.js');

/** Starts `serve.js` as a child process (outside the caller's event loop) and waits for its port. */
export async function spawnGitServer(opts: SpawnGitServerOptions): Promise<GitServerHandle> {
  fs.mkdirSync(opts.root, { recursive: true });
  const env = {
    ...(opts.env ?? process.env),
    AML_DEVSERVER_USERS: Object.entries(opts.users ?? {}).map(([u, p]) => `${u}:${p}`).join(','),
    AML_DEVSERVER_TOKENS: (opts.tokens ?? []).join(','),
  };
  const child = spawn(process.execPath, [SERVE, opts.root], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderr: Buffer[] = [];
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve((JSON.parse(out.slice(0, nl)) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`git server exited ${code}: ${Buffer.concat(stderr).toString('utf8')}`)));
    child.once('error', reject);
  });
  const url = `http://127.0.0.1:${port}`;
  const git = (args: string[]) => execFileSync('git', args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    url,
    port,
    root: opts.root,
    createRepo: (name, config = {}) => {
      const dir = path.join(opts.root, `${name}.git`);
      git(['init', '-q', '--bare', '--initial-branch=master', dir]);
      for (const [k, v] of Object.entries(config)) git(['-C', dir, 'config', k, v]);
      return `${url}/${name}.git`;
    },
    repoUrl: (name, auth) => auth
      ? `http://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@127.0.0.1:${port}/${name}.git`
      : `${url}/${name}.git`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
