/**
 * The files every project gets from `git aml init`, beside its template's: Workbench's aml_config/ and the
 * ignore entries for what must never be snapshotted or committed.
 */
export function amlConfigFiles(): Record<string, string> {
  return {
    'aml_config/local.runconfig': [
      '# git aml run -c local <script> [args...]: runs <script> on this machine with the python of local.compute.',
      '# "$file" is replaced by the script; items after it come before the arguments you type.',
      'ArgumentVector:',
      '  - "$file"',
      'Target: local',
      'Framework: Python',
      'CondaDependenciesFile: aml_config/conda_dependencies.yml',
      'EnvironmentVariables:',
      '  EXAMPLE_ENV_VAR: "Example Value"',
      '# false runs the script without recording it',
      'TrackedRun: true',
      '',
    ].join('\n'),
    'aml_config/local.compute': [
      '# The compute target named "local": this machine. Only type local is supported.',
      'type: local',
      '# the python that runs .py scripts (a command on PATH or a full path)',
      'pythonLocation: python3',
      '',
    ].join('\n'),
    'aml_config/conda_dependencies.yml': [
      '# The environment the project needs (kept for Workbench compatibility; git aml does not create it).',
      'name: project_environment',
      'dependencies:',
      '  - python=3',
      '',
    ].join('\n'),
  };
}

/** Lines ensured in .gitignore: run results and caches are never committed (outputs/ is stored per run). */
export const GITIGNORE_LINES = ['outputs/', '__pycache__/', '*.pyc', '.ipynb_checkpoints/', '.env'];

/** Lines ensured in .amlignore: untracked caches kept out of run snapshots (like .gitignore, it never drops a tracked file). */
export const AMLIGNORE_LINES = ['.ipynb_checkpoints/', '__pycache__/', '*.pyc'];

/** Adds the lines `text` lacks, keeping everything it has; undefined when nothing is missing. */
export function withLines(text: string, lines: string[]): string | undefined {
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (!missing.length) return undefined;
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return text + sep + missing.join('\n') + '\n';
}
