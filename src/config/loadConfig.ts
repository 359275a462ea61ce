import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigInvalidError } from '../errors/repoErrors.js';
import { DEFAULT_CONFIG, type AmlConfig } from './AmlConfig.js';
import { validateConfig } from './validateConfig.js';

export const CONFIG_MODULE = 'gitaml';
const exts = ['', '.json', '.yaml', '.yml', '.js', '.ts', '.cjs', '.mjs'];

/** Where the project's settings may be, in each folder from cwd up to the repo's top (cosmiconfig's order). */
export const SEARCH_PLACES = [
  'package.json',
  ...exts.map((e) => `.${CONFIG_MODULE}rc${e}`),
  ...exts.map((e) => `.config/${CONFIG_MODULE}rc${e}`),
  ...['.js', '.ts', '.cjs', '.mjs'].map((e) => `${CONFIG_MODULE}.config${e}`),
];

/** The user's own settings folder (~/.config/gitaml), searched last, as cosmiconfig's global strategy does. */
export const globalConfigDir = () => path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), CONFIG_MODULE);

/**
 * Whether any settings file could exist. Loading cosmiconfig costs ~20 ms, a large share of `git aml run`'s
 * budget, and most projects have no file: a few readdir calls answer the question first.
 */
async function anyCandidate(cwd: string, top: string): Promise<boolean> {
  const firsts = new Set(SEARCH_PLACES.map((p) => p.split('/')[0]));
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const n of names) {
      if (!firsts.has(n)) continue;
      if (n !== 'package.json') return true;
      const pkg = await fs.readFile(path.join(dir, n), 'utf8').catch(() => '{}');
      try {
        if (CONFIG_MODULE in JSON.parse(pkg)) return true;
      } catch {
        return true; // let cosmiconfig report the broken file
      }
    }
    if (dir === top || path.dirname(dir) === dir) break;
  }
  return (await fs.readdir(globalConfigDir()).catch(() => [])).length > 0;
}

/**
 * Finds the project's settings with cosmiconfig: `gitaml` in package.json, .gitamlrc(.json|.yaml|.yml|.js),
 * gitaml.config.js, … from `cwd` up to the repository's top, then the user's ~/.config/gitaml/config*.
 * No file means the defaults.
 */
export async function loadConfig(cwd: string, top: string): Promise<AmlConfig> {
  if (!(await anyCandidate(cwd, top))) return { ...DEFAULT_CONFIG };
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(CONFIG_MODULE, { searchPlaces: SEARCH_PLACES, stopDir: top, searchStrategy: 'global', cache: false });
  let found;
  try {
    found = await explorer.search(cwd);
  } catch (e) {
    const err = e as Error & { filepath?: string };
    const file = err.filepath ?? /(\/\S+)/.exec(err.message)?.[1] ?? 'your git-aml config file';
    throw new ConfigInvalidError(`Cannot read the git-aml config ${file}: ${err.message.split('\n').slice(0, 3).join(' ')}`, {
      hint: `Fix the syntax at the line named above in ${file}, or move the file aside to use the defaults.`,
      data: { file },
    });
  }
  if (!found || found.isEmpty) return { ...DEFAULT_CONFIG, filepath: found?.filepath };
  return validateConfig(found.config, found.filepath);
}
