import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin');

/** A fixed clock for every commit git writes in tests (our own run times still come from the real clock). */
export const FIXED_DATE = '2026-01-01T00:00:00Z';

export interface Sealed {
  /** A scratch folder; HOME lives inside it. */
  root: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => Promise<void>;
}

/**
 * An environment sealed from the machine: own HOME and global git config (fixed user, master as the default
 * branch, no signing, no gc, no prompts), no system config, a fixed date, and our bin/ first on PATH so
 * `git aml …` resolves through git's own subcommand lookup to this checkout.
 */
export async function sealedEnv(): Promise<Sealed> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'git-aml-test-')));
  const home = path.join(root, 'home');
  await fs.mkdir(home, { recursive: true });
  const gitconfig = path.join(home, '.gitconfig');
  await fs.writeFile(gitconfig, [
    '[user]', '\tname = Test User', '\temail = test@example.com',
    '[init]', '\tdefaultBranch = master',
    '[commit]', '\tgpgsign = false',
    '[gc]', '\tauto = 0',
    '[protocol "file"]', '\tallow = always',
    '',
  ].join('\n'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('GIT_') && !k.startsWith('AML_') && !k.startsWith('AZURE_')) env[k] = v;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_DATE: FIXED_DATE,
    GIT_COMMITTER_DATE: FIXED_DATE,
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
  });
  return { root, env, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}
