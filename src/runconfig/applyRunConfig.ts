import type { RunOptions } from '../run/runAndRecord.js';
import type { RunConfig } from './loadRunConfig.js';

/**
 * Folds a run configuration into the run's options: its arguments go before the user's (as Workbench put
 * ArgumentVector first), its environment and python are added. The `--` form takes only the environment.
 */
export function applyRunConfig(opts: RunOptions, rc: RunConfig): RunOptions {
  return {
    ...opts,
    runConfig: rc.name,
    args: opts.script ? [...rc.argsAfterScript, ...opts.args] : opts.args,
    extraEnv: { ...rc.env, ...opts.extraEnv },
    interpreters: rc.python ? { '.py': rc.python, ...opts.interpreters } : opts.interpreters,
  };
}
