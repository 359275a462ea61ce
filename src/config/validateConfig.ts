import { ConfigInvalidError } from '../errors/repoErrors.js';
import { DEFAULT_CONFIG, type AmlConfig } from './AmlConfig.js';
import { refNameProblem } from './refNameProblem.js';

const hint = (file: string) => `Fix or remove the setting in ${file}; see README.md "Configuration" for the keys.`;

function fail(file: string, key: string, want: string, got: unknown): never {
  throw new ConfigInvalidError(`${file}: setting "${key}" must be ${want}, not ${JSON.stringify(got)}.`, {
    hint: hint(file),
    data: { file, key },
  });
}

/** The history branch setting, checked as git would check the branch it names (with a sample id). */
function branchTemplate(v: unknown, file: string): string {
  if (v === undefined) return DEFAULT_CONFIG.historyBranch;
  if (typeof v !== 'string') fail(file, 'historyBranch', 'a branch name such as "AzureMLHistory/{projectId}"', v);
  const problem = refNameProblem(v.replace(/\{projectId\}/g, '0123456789ab'));
  if (problem) fail(file, 'historyBranch', `a valid git branch name (${problem})`, v);
  return v;
}

/** Checks a raw config object and merges it over the defaults. Unknown keys are refused so typos surface. */
export function validateConfig(raw: unknown, file: string): AmlConfig {
  if (raw === null || raw === undefined) return { ...DEFAULT_CONFIG, filepath: file };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(file, '(top level)', 'an object', raw);
  const r = raw as Record<string, unknown>;
  const known = ['name', 'projectId', 'historyBranch', 'remote', 'push', 'limits', 'interpreters', 'runTrailer', 'azure'];
  for (const key of Object.keys(r)) {
    if (!known.includes(key)) {
      throw new ConfigInvalidError(`${file}: unknown setting "${key}".`, {
        hint: `Known settings: ${known.join(', ')}. ${hint(file)}`,
        data: { file, key },
      });
    }
  }
  const str = (k: string, pattern?: RegExp) => {
    const v = r[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '' || (pattern && !pattern.test(v))) fail(file, k, pattern ? `a string matching ${pattern}` : 'a non-empty string', v);
    return v;
  };
  const bool = (k: string, dflt: boolean) => {
    const v = r[k];
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') fail(file, k, 'true or false', v);
    return v;
  };
  const limits = { ...DEFAULT_CONFIG.limits };
  if (r.limits !== undefined) {
    if (typeof r.limits !== 'object' || r.limits === null) fail(file, 'limits', 'an object', r.limits);
    for (const [k, v] of Object.entries(r.limits)) {
      if (!(k in limits)) fail(file, `limits.${k}`, `one of ${Object.keys(limits).join(', ')}`, k);
      if (typeof v !== 'number' || !(v > 0)) fail(file, `limits.${k}`, 'a positive number of MB', v);
      limits[k as keyof typeof limits] = v;
    }
  }
  const interpreters: Record<string, string> = {};
  if (r.interpreters !== undefined) {
    if (typeof r.interpreters !== 'object' || r.interpreters === null) fail(file, 'interpreters', 'an object like {".py": "python3"}', r.interpreters);
    for (const [k, v] of Object.entries(r.interpreters)) {
      if (!k.startsWith('.') || typeof v !== 'string' || !v) fail(file, `interpreters.${k}`, 'a command for an extension that starts with "."', v);
      interpreters[k.toLowerCase()] = v;
    }
  }
  if (r.azure !== undefined && (typeof r.azure !== 'object' || r.azure === null)) fail(file, 'azure', 'an object', r.azure);
  return {
    name: str('name', /^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    projectId: str('projectId', /^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    historyBranch: branchTemplate(r.historyBranch, file),
    remote: str('remote') ?? DEFAULT_CONFIG.remote,
    push: bool('push', DEFAULT_CONFIG.push),
    limits,
    interpreters,
    runTrailer: bool('runTrailer', DEFAULT_CONFIG.runTrailer),
    azure: r.azure as Record<string, unknown> | undefined,
    filepath: file,
  };
}
