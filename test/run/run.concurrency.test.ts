import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { CLI_ENTRY } from '../helpers/runCli.js';
import { isAlive } from '../../src/run/journal.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

const runs = async () => JSON.parse((await repo.aml(['history', 'list', '--json'])).stdout);

/** Waits until `file` exists (the script's way of saying "I am running"). */
async function waitFor(file: string, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fs.stat(file).catch(() => undefined)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${file}`);
}

const SLOW = `import os, sys, time, json
open(sys.argv[1], 'w').write(os.environ['AML_RUN_ID'])
with open(os.environ['AML_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'name': 'step', 'value': 1}) + '\\n')
print('started', flush=True)
time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 30)
print('finished')
`;

describe('concurrency and interruption', () => {
  it('two runs at once in one repo are both recorded, with different numbers', async () => {
    repo = await tempRepo({ 'train.py': 'import sys, time\ntime.sleep(0.3)\nprint(sys.argv[1])\n' });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((x) => repo.aml(['run', 'train.py', x])));
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    const rs = await runs();
    expect(rs).toHaveLength(3);
    expect(rs.map((r: { number: number }) => r.number).sort()).toEqual([1, 2, 3]);
    expect(rs.map((r: { args: string[] }) => r.args[0]).sort()).toEqual(['a', 'b', 'c']);
    // Commits built for a lost compare-and-swap are left dangling, never referenced: fsck must find no error.
    expect(repo.git(['fsck', '--no-progress', '--no-dangling'])).toBe('');
  });

  it('a recorder killed with kill -9 is recorded as Interrupted by the next command, once', async () => {
    // The script writes its pid, then waits until the test lets it finish: no timing assumptions.
    repo = await tempRepo({ 'train.py': `import os, sys, time, json
release = sys.argv[1] + '.release'
with open(os.environ['AML_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'name': 'step', 'value': 1}) + '\\n')
print('started', flush=True)
open(sys.argv[1], 'w').write(str(os.getpid()))
while not os.path.exists(release):
    time.sleep(0.05)
` });
    const marker = path.join(repo.sealed.root, 'started');
    const rec = spawn(process.execPath, [CLI_ENTRY, 'run', 'train.py', marker], { cwd: repo.dir, env: repo.env, stdio: 'ignore' });
    await waitFor(marker);
    const scriptPid = Number(await fs.readFile(marker, 'utf8'));
    rec.kill('SIGKILL');
    await new Promise((r) => rec.on('close', r));
    // The script itself still runs (orphaned): the run is not over, so nothing is recorded yet.
    expect(await runs()).toEqual([]);
    await fs.writeFile(`${marker}.release`, '');
    const end = Date.now() + 15_000;
    while (Date.now() < end && isAlive(scriptPid)) await new Promise((r) => setTimeout(r, 25));
    // Two commands at once both find the dead run; only one may record it.
    await Promise.all([runs(), runs()]);
    const [run, ...rest] = await runs();
    expect(rest).toEqual([]);
    expect(run).toMatchObject({ status: 'Interrupted', number: 1, metrics: { step: 1 } });
    expect(repo.git(['show', `${run.artifacts.commit}:log.txt`])).toContain('started');
  });

  it('a recorder that dies with its silent script (the whole process group killed) is recorded with how long it ran', async () => {
    repo = await tempRepo({ 'train.py': `import sys, time\nopen(sys.argv[1], 'w').write('x')\ntime.sleep(60)\n` });
    const marker = path.join(repo.sealed.root, 'started');
    // Its own process group, as a terminal or a job scheduler would start it.
    const rec = spawn(process.execPath, [CLI_ENTRY, 'run', 'train.py', marker], { cwd: repo.dir, env: repo.env, stdio: 'ignore', detached: true });
    const closed = new Promise((r) => rec.on('close', r));
    await waitFor(marker);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 2500));
    process.kill(-rec.pid!, 'SIGKILL');
    await closed;
    const ranAtLeast = Date.now() - started - 1000 - 500; // the heartbeat's period, and slack for a busy machine
    const [run] = await runs();
    expect(run.status).toBe('Interrupted');
    expect(run.durationMs).toBeGreaterThanOrEqual(Math.min(ranAtLeast, 1000));
  });

  // SIGTERM: 128 + 15. SIGINT (Ctrl-C without a terminal): Python re-raises it on an unhandled
  // KeyboardInterrupt, so 128 + 2. Either way the signal reached the script and the run is Canceled.
  it.each([
    ['SIGTERM', 143, { status: 'Canceled', signal: 'SIGTERM', exitCode: null }],
    ['SIGINT', 130, { status: 'Canceled' }],
  ] as const)('%s is forwarded to the script; exit status %i, the run is Canceled', async (signal, status, recorded) => {
    repo = await tempRepo({ 'train.py': SLOW });
    const marker = path.join(repo.sealed.root, 'started');
    const rec = spawn(process.execPath, [CLI_ENTRY, 'run', 'train.py', marker], { cwd: repo.dir, env: repo.env, stdio: 'ignore' });
    await waitFor(marker);
    rec.kill(signal);
    const code = await new Promise((r) => rec.on('close', (c) => r(c)));
    expect(code).toBe(status);
    const [run] = await runs();
    expect(run).toMatchObject(recorded);
  });
});
