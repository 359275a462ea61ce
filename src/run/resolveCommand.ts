import fs from 'node:fs';
import path from 'node:path';
import { shellQuote } from './shellQuote.js';
import { InterpreterNotFoundError, ScriptNotFoundError, ScriptNotRunnableError } from '../errors/runErrors.js';

/** Built-in interpreters by extension; a list means "the first one found on PATH". */
export const INTERPRETERS: Record<string, string[]> = {
  '.py': ['python3', 'python'],
  '.r': ['Rscript'],
  '.sh': ['bash'],
  '.js': ['node'],
  '.mjs': ['node'],
  '.cjs': ['node'],
};

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Finds a command the way the shell would; a name with a slash is taken as a path from `cwd`. */
export function whichSync(cmd: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (cmd.includes('/')) {
    const p = path.resolve(cwd, cmd);
    return isExecutable(p) ? p : undefined;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

export interface ResolvedCommand {
  /** argv actually run. */
  command: string[];
  /** The script as the user named it (or the command, in the `--` form). */
  script: string;
  args: string[];
}

/**
 * Turns `git aml run train.py --lr 0.1` into the argv to spawn: interpreter by extension, else the
 * file itself when executable. `--` form: the command runs as typed. Arguments are never reparsed.
 */
export function resolveCommand(
  input: { script?: string; command?: string[]; args: string[] },
  ctx: { cwd: string; env: NodeJS.ProcessEnv; interpreters: Record<string, string>; configFile?: string },
): ResolvedCommand {
  if (input.command) {
    const [cmd, ...rest] = input.command;
    if (!whichSync(cmd, ctx.env, ctx.cwd)) {
      throw new ScriptNotFoundError(`Command not found: ${cmd}`, {
        hint: `Check the name, or give its path: git aml run -- ./path/to/${cmd}`,
        data: { command: cmd },
      });
    }
    return { command: [cmd, ...rest], script: cmd, args: rest };
  }
  const script = input.script!;
  const full = path.resolve(ctx.cwd, script);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(full);
  } catch {
    /* reported below */
  }
  if (!st || !st.isFile()) {
    throw new ScriptNotFoundError(`Script not found: ${script} (looked in ${ctx.cwd})`, {
      hint: st ? `${script} is a folder; name the script inside it.` : `Check the path (ls ${path.dirname(script) || '.'}), or run a command on PATH with: git aml run -- ${shellQuote([script, ...input.args])}`,
      data: { script },
    });
  }
  const ext = path.extname(script).toLowerCase();
  const configured = ctx.interpreters[ext];
  const candidates = configured ? [configured] : INTERPRETERS[ext];
  if (candidates) {
    for (const c of candidates) {
      if (c === 'node') return { command: [process.execPath, script, ...input.args], script, args: input.args };
      if (whichSync(c, ctx.env, ctx.cwd)) return { command: [c, script, ...input.args], script, args: input.args };
    }
    throw new InterpreterNotFoundError(`No interpreter for ${script}: ${candidates.join(' or ')} not found on PATH.`, {
      hint: configured
        ? `Install ${configured} or fix "interpreters" in ${ctx.configFile}.`
        : `Install ${candidates[0]}, or name one in .gitamlrc.json: {"interpreters": {"${ext}": "/path/to/${candidates[0]}"}}`,
      data: { script, candidates },
    });
  }
  if (isExecutable(full)) {
    const asPath = script.includes('/') ? script : `./${script}`;
    return { command: [asPath, ...input.args], script, args: input.args };
  }
  throw new ScriptNotRunnableError(`Don't know how to run ${script}: it is not executable and "${ext || '(no extension)'}" has no known interpreter.`, {
    hint: `Make it executable (chmod +x ${script}), run it through a command (git aml run -- <interpreter> ${script}), or set "interpreters" in .gitamlrc.json.`,
    data: { script },
  });
}
