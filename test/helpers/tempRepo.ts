import fs from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sealedEnv, type Sealed } from './sealedEnv.js';
import { gitAml, type CliResult } from './runCli.js';

export interface TempRepo {
  sealed: Sealed;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Native git in the repo (or `cwd`), returning stdout; throws on failure. */
  git: (args: string[], cwd?: string) => string;
  /** `git aml …` in the repo (or `cwd`). */
  aml: (args: string[], opts?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }) => Promise<CliResult>;
  write: (rel: string, content: string | Buffer) => Promise<void>;
  read: (rel: string) => Promise<string>;
  cleanup: () => Promise<void>;
}

/** Writes files relative to `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), content);
  }
}

/**
 * A real repository in a sealed temp folder with `files` committed on master (unless `commit: false`).
 * Pass `sealed` to put several repos in one sealed environment (teammates, remotes).
 */
export async function tempRepo(files: Record<string, string | Buffer> = { 'README.md': '# project\n' }, opts: { commit?: boolean; sealed?: Sealed; name?: string } = {}): Promise<TempRepo> {
  const sealed = opts.sealed ?? (await sealedEnv());
  const dir = path.join(sealed.root, opts.name ?? 'project');
  await fs.mkdir(dir, { recursive: true });
  const handle = repoHandle(sealed, dir);
  handle.git(['init', '-q', '-b', 'master']);
  await writeFiles(dir, files);
  if (opts.commit !== false) {
    handle.git(['add', '-A']);
    handle.git(['commit', '-q', '-m', 'initial']);
  }
  return { ...handle, cleanup: opts.sealed ? async () => {} : sealed.cleanup };
}

/** The helpers of a TempRepo for an existing folder in `sealed` (cleanup is left to the sealed env's owner). */
export function repoHandle(sealed: Sealed, dir: string): TempRepo {
  const env = sealed.env;
  const git = (args: string[], cwd = dir) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    sealed,
    dir,
    env,
    git,
    aml: (args, o = {}) => gitAml(args, { cwd: o.cwd ?? dir, env: { ...env, ...o.env }, input: o.input }),
    write: (rel, content) => writeFiles(dir, { [rel]: content }),
    read: (rel) => fs.readFile(path.join(dir, rel), 'utf8'),
    cleanup: async () => {},
  };
}

/** What must not change when a command runs: HEAD, the index bytes, the status, and every ref but ours. */
export async function repoState(repo: TempRepo): Promise<Record<string, string>> {
  const gitDir = path.resolve(repo.dir, repo.git(['rev-parse', '--git-dir']).trim());
  const index = await fs.readFile(path.join(gitDir, 'index')).catch(() => Buffer.alloc(0));
  const { createHash } = await import('node:crypto');
  return {
    head: repo.git(['rev-parse', '-q', '--verify', 'HEAD']).trim(),
    symbolic: (() => {
      try {
        return repo.git(['symbolic-ref', '-q', 'HEAD']).trim();
      } catch {
        return '(detached)';
      }
    })(),
    index: createHash('sha1').update(index).digest('hex'),
    // --no-optional-locks: status must not refresh (rewrite) the index it is checking.
    status: repo.git(['--no-optional-locks', 'status', '--porcelain=v2', '--untracked-files=all', '--ignored']),
    refs: repo.git(['for-each-ref', '--format=%(refname) %(objectname)']).split('\n').filter((l) => l && !l.includes('AzureMLHistory/')).join('\n'),
  };
}
