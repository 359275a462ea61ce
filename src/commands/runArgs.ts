import { UsageError } from '../errors/AmlError.js';
import type { RunOptions } from '../run/runAndRecord.js';

export const RUN_USAGE = `Usage: git aml run [options] <script> [args...]
       git aml run [options] -- <command> [args...]

Runs the script and records the run (a snapshot of the project, its log, outputs/ and metrics) on the
project's run-history branch. Everything after <script> belongs to the script.

Options:
  -m, --message <text>   describe the run (stored in its record)
  -c, --run-config <name>  use aml_config/<name>.runconfig
      --no-push          record locally only; push later with: git aml push
  -h, --help             show this help`;

export type ParsedRun = { help: true } | { help: false; options: RunOptions };

/**
 * Parses `git aml run`'s own options by hand: they stop at the script name or `--`, after which every
 * argument belongs to the script untouched (a general-purpose parser would swallow `--help` or `--json`).
 */
export function parseRunArgs(argv: string[]): ParsedRun {
  const o: RunOptions = { args: [], push: true };
  let i = 0;
  const value = (flag: string, inline?: string) => {
    if (inline !== undefined) return inline;
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value.`, { hint: `git aml run ${flag} "what this run tries" train.py` });
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (a === '--') {
      const command = argv.slice(i + 1);
      if (!command.length) throw new UsageError('Nothing to run after --.', { hint: 'git aml run -- python3 train.py --lr 0.1' });
      o.command = command;
      o.args = command.slice(1);
      return { help: false, options: o };
    }
    if (flag === '-h' || flag === '--help') return { help: true };
    else if (flag === '-m' || flag === '--message') o.message = value(flag, inline);
    else if (flag === '-c' || flag === '--run-config') o.runConfig = value(flag, inline);
    else if (flag === '--no-push') o.push = false;
    else if (flag === '--push') o.push = true;
    else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`Unknown option for git aml run: ${a}`, {
        hint: `Options for the script go after its name: git aml run train.py ${a}`,
      });
    } else {
      o.script = a;
      o.args = argv.slice(i + 1);
      return { help: false, options: o };
    }
  }
  throw new UsageError('No script to run.', { hint: 'git aml run train.py --alpha 0.5   (or: git aml run -- <command> [args...])' });
}
