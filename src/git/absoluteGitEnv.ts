import path from 'node:path';

/** git's own variables that name paths, which git resolves against the folder it is started in. */
const PATH_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY'];

/**
 * Makes those variables absolute, from the folder the user typed the command in. git aml starts git from
 * other folders too (the snapshot runs at the project's top), where a relative `GIT_DIR=../.git` (or
 * `git --git-dir=../.git aml …`, which git passes on the same way) would name another place or none.
 */
export function absoluteGitEnv(env: NodeJS.ProcessEnv, cwd: string): void {
  for (const name of PATH_VARS) {
    const value = env[name];
    if (value && !path.isAbsolute(value)) env[name] = path.resolve(cwd, value);
  }
}
