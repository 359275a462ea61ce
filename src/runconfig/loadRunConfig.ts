import fs from 'node:fs/promises';
import path from 'node:path';
import { RunConfigError, RunConfigNotFoundError, RunTargetNotSupportedError } from '../errors/runErrors.js';

/** What `git aml run -c <name>` takes from aml_config/<name>.runconfig and its .compute file. */
export interface RunConfig {
  name: string;
  file: string;
  /** Arguments that follow the script, from ArgumentVector after `$file`. */
  argsAfterScript: string[];
  env: Record<string, string>;
  /** Interpreter for .py from the compute target's pythonLocation, when it names one. */
  python?: string;
  /** `TrackedRun: false` runs the script without recording it. */
  tracked: boolean;
  target: string;
}

export const AML_CONFIG_DIR = 'aml_config';

/** Workbench wrote JSON before it wrote YAML; YAML 1.2 reads both, so one parser serves. */
async function parseYamlFile(file: string, shown: string): Promise<Record<string, unknown>> {
  const text = await fs.readFile(file, 'utf8');
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text);
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line;
    throw new RunConfigError(`${shown}${line ? ` line ${line}` : ''}: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, {
      hint: `Fix ${shown}${line ? ` at line ${line}` : ''} (YAML, or the older JSON form), then run again.`,
      data: { file: shown, line: line ?? null },
    });
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) bad(shown, '(top level)', 'a mapping of settings');
  return value as Record<string, unknown>;
}

function bad(file: string, key: string, want: string): never {
  throw new RunConfigError(`${file}: "${key}" must be ${want}.`, {
    hint: `Fix "${key}" in ${file}; see aml_config/local.runconfig from git aml init for the form.`,
    data: { file, key },
  });
}

async function listConfigs(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.runconfig')).map((n) => n.slice(0, -'.runconfig'.length)).sort();
}

/** Reads and checks aml_config/<name>.runconfig (under the project's top) and the compute target it names. */
export async function loadRunConfig(top: string, name: string): Promise<RunConfig> {
  const dir = path.join(top, AML_CONFIG_DIR);
  const shown = `${AML_CONFIG_DIR}/${name}.runconfig`;
  const file = path.join(dir, `${name}.runconfig`);
  if (name.includes('/') || name.includes('\\') || !(await fs.stat(file).catch(() => undefined))?.isFile()) {
    const known = await listConfigs(dir);
    throw new RunConfigNotFoundError(`No run configuration "${name}" (${shown} does not exist).`, {
      hint: known.length ? `Use one of: ${known.map((k) => `git aml run -c ${k} <script>`).join('  ·  ')}` : 'This project has no aml_config/ yet; add one (existing files are kept) with: git aml init',
      data: { name, known },
    });
  }
  const raw = await parseYamlFile(file, shown);
  const target = raw.Target ?? 'local';
  if (typeof target !== 'string' || !target) bad(shown, 'Target', 'the name of a compute target, such as local');

  const vector = raw.ArgumentVector ?? ['$file'];
  if (!Array.isArray(vector) || vector.some((a) => typeof a !== 'string' && typeof a !== 'number')) bad(shown, 'ArgumentVector', 'a list of strings, with $file where the script goes');
  const at = vector.indexOf('$file');
  // Arguments before the script would be interpreter options, which the interpreter choice does not take.
  if (at !== 0) bad(shown, 'ArgumentVector', 'a list that starts with $file, such as ["$file", "--alpha", "0.5"]');

  const env: Record<string, string> = {};
  const ev = raw.EnvironmentVariables ?? {};
  if (typeof ev !== 'object' || Array.isArray(ev)) bad(shown, 'EnvironmentVariables', 'a mapping of NAME: value');
  for (const [k, v] of Object.entries(ev as Record<string, unknown>)) {
    if (v === null || typeof v === 'object') bad(shown, `EnvironmentVariables.${k}`, 'a string, number or boolean');
    env[k] = String(v);
  }
  const tracked = raw.TrackedRun ?? true;
  if (typeof tracked !== 'boolean') bad(shown, 'TrackedRun', 'true or false');

  const compute = await loadCompute(dir, target, shown);
  return { name, file: shown, argsAfterScript: vector.slice(1).map(String), env, python: compute.python, tracked, target };
}

/** The compute target: only `type: local` runs here; a local target needs no .compute file. */
async function loadCompute(dir: string, target: string, from: string): Promise<{ python?: string }> {
  const shown = `${AML_CONFIG_DIR}/${target}.compute`;
  const file = path.join(dir, `${target}.compute`);
  const exists = (await fs.stat(file).catch(() => undefined))?.isFile();
  if (!exists) {
    if (target === 'local') return {};
    throw new RunTargetNotSupportedError(`${from} names the compute target "${target}", which is not supported yet: git aml runs scripts on this machine only (there is no ${shown}).`, {
      hint: `Run locally: git aml run -c local <script>   (or set "Target: local" in ${from})`,
      data: { target, file: from },
    });
  }
  const raw = await parseYamlFile(file, shown);
  const type = raw.type ?? 'local';
  if (type !== 'local') {
    throw new RunTargetNotSupportedError(`Compute target "${target}" (type: ${String(type)}) is not supported yet; git aml runs scripts on this machine only.`, {
      hint: `Run locally: git aml run -c local <script>`,
      data: { target, type },
    });
  }
  const py = raw.pythonLocation;
  if (py !== undefined && py !== null && (typeof py !== 'string' || !py)) bad(shown, 'pythonLocation', 'the python to run, such as python3 or /usr/bin/python3');
  return { python: (py as string | null | undefined) ?? undefined };
}
