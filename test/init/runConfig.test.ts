import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode } from '../helpers/runCli.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const SHOW = `import os, sys
print('argv', sys.argv[1:], 'alpha', os.environ.get('ALPHA'), 'py', os.environ.get('WHICH_PY', 'real'))
sys.exit(int(os.environ.get('EXIT', '0')))
`;
const LOCAL = `ArgumentVector:
  - "$file"
  - --epochs
  - "3"
Target: local
Framework: Python
CondaDependenciesFile: aml_config/conda_dependencies.yml
EnvironmentVariables:
  ALPHA: 0.5
TrackedRun: true
`;

/** A python wrapper the .compute file points at, so the test sees which interpreter ran. */
async function fakePython(dir: string): Promise<string> {
  const p = path.join(dir, 'mypython');
  await fs.writeFile(p, `#!/bin/sh\nWHICH_PY=mine exec python3 "$@"\n`, { mode: 0o755 });
  return p;
}

const runs = async () => JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout);

describe('git aml run -c <name>', () => {
  it('takes arguments, environment and python from the run configuration and records its name', async () => {
    repo = await tempRepo({ 'show.py': SHOW, 'aml_config/local.runconfig': LOCAL });
    const py = await fakePython(repo.sealed.root);
    await repo.write('aml_config/local.compute', `type: local\npythonLocation: ${py}\n`);
    const r = await repo.aml(['run', '-c', 'local', 'show.py', '--lr', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("argv ['--epochs', '3', '--lr', '1'] alpha 0.5 py mine");
    const [run] = await runs();
    expect(run).toMatchObject({ runConfig: 'local', status: 'Completed', args: ['--epochs', '3', '--lr', '1'], command: [py, 'show.py', '--epochs', '3', '--lr', '1'] });
  });

  it('reads the older JSON form', async () => {
    repo = await tempRepo({ 'show.py': SHOW, 'aml_config/json.runconfig': JSON.stringify({ ArgumentVector: ['$file'], Target: 'local', EnvironmentVariables: { ALPHA: '7' } }) });
    const r = await repo.aml(['run', '--run-config=json', 'show.py']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('argv [] alpha 7 py real');
    expect((await runs())[0].runConfig).toBe('json');
  });

  it('runs without recording when TrackedRun is false, passing the exit status through', async () => {
    repo = await tempRepo({ 'show.py': SHOW, 'aml_config/quick.runconfig': 'ArgumentVector: ["$file"]\nTrackedRun: false\n' });
    const before = await repoState(repo);
    const r = await repo.aml(['run', '-c', 'quick', 'show.py'], { env: { EXIT: '4' } });
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('argv []');
    expect(repo.git(['for-each-ref', 'refs/heads/AzureMLHistory'])).toBe('');
    expect(await repoState(repo)).toEqual(before);
  });

  it('lists the configurations that exist when the name is unknown', async () => {
    repo = await tempRepo({ 'show.py': SHOW, 'aml_config/local.runconfig': LOCAL, 'aml_config/gpu.runconfig': LOCAL });
    const r = await repo.aml(['run', '-c', 'docker', 'show.py']);
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe('RunConfigNotFoundError');
    expect(r.stderr).toMatch(/hint: .*git aml run -c gpu .*git aml run -c local/);
    expect(r.stdout).toBe('');
  });

  it('names the file and line of a malformed configuration', async () => {
    repo = await tempRepo({ 'show.py': SHOW, 'aml_config/local.runconfig': 'Target: local\nArgumentVector: [$file,\nTrackedRun: true\n' });
    const r = await repo.aml(['run', '-c', 'local', 'show.py']);
    expect(errorCode(r)).toBe('RunConfigError');
    expect(r.stderr).toMatch(/aml_config\/local\.runconfig line \d+/);
    expect(r.stdout).toBe('');
    expect(repo.git(['for-each-ref', 'refs/heads/AzureMLHistory'])).toBe('');
  });

  it('names a bad setting', async () => {
    repo = await tempRepo({ 'show.py': SHOW, 'aml_config/local.runconfig': 'EnvironmentVariables: [A, B]\n' });
    const r = await repo.aml(['run', '-c', 'local', 'show.py']);
    expect(errorCode(r)).toBe('RunConfigError');
    expect(r.stderr).toContain('EnvironmentVariables');
  });

  it('refuses targets other than local as not supported yet, naming the target', async () => {
    repo = await tempRepo({
      'show.py': SHOW,
      'aml_config/docker.runconfig': 'ArgumentVector: ["$file"]\nTarget: docker\n',
      'aml_config/docker.compute': 'type: localdocker\nbaseDockerImage: microsoft/mmlspark:plus-0.9.9\n',
      'aml_config/remote.runconfig': 'ArgumentVector: ["$file"]\nTarget: myvm\n',
    });
    for (const [name, target] of [['docker', 'docker'], ['remote', 'myvm']]) {
      const r = await repo.aml(['run', '-c', name, 'show.py']);
      expect(errorCode(r)).toBe('RunTargetNotSupportedError');
      expect(r.stderr).toContain(`"${target}"`);
      expect(r.stdout).toBe('');
    }
    expect(repo.git(['for-each-ref', 'refs/heads/AzureMLHistory'])).toBe('');
  });
});
