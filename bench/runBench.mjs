// Times, in one run on one machine: `git aml run -- true` (start-up included) against a native-git
// snapshot of the same tree, `git aml --version` against `node -e 0`, and `datalad run true` when DataLad
// is installed. Medians of several runs after warm-ups; ratios are what the targets are stated in.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const makeRepo = process.env.MAKE_REPO ?? path.resolve(root, '../shared/tools/make-repo.sh');
const files = Number(process.argv[2] ?? 10000);
const reps = Number(process.env.BENCH_REPS ?? 25);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'git-aml-bench-'));
const env = { ...process.env, PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, GIT_CONFIG_NOSYSTEM: '1' };

/** One timed process run, in ms. */
function once(label, [cmd, args, opts = {}]) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env, stdio: 'ignore', shell: false });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${label}: exit ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Medians of `reps` runs of each case, after 2 warm-ups. The cases take turns, round by round, so a burst
 * of load from elsewhere on a shared machine slows all of them alike instead of skewing one ratio.
 */
function timeAll(cases) {
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < 2; i++) for (const [k, c] of Object.entries(cases)) once(k, c);
  for (let i = 0; i < reps; i++) for (const [k, c] of Object.entries(cases)) times[k].push(once(k, c));
  const medians = {};
  for (const [label, ts] of Object.entries(times)) {
    ts.sort((a, b) => a - b);
    medians[label] = ts[Math.floor(ts.length / 2)];
    console.log(`${label.padEnd(44)} median ${medians[label].toFixed(1).padStart(7)} ms   (min ${ts[0].toFixed(1)}, max ${ts[ts.length - 1].toFixed(1)})`);
  }
  return medians;
}
const time = (label, cmd, args, opts) => timeAll({ [label]: [cmd, args, opts] })[label];

console.log(`building a ${files}-file project with ${makeRepo} …`);
const repo = path.join(work, 'project');
execFileSync('bash', [makeRepo, repo, String(files)], { stdio: 'ignore' });
const native = path.join(work, 'native-snapshot.sh');
fs.writeFileSync(native, `set -e
idx=$(mktemp); cp "$(git rev-parse --git-dir)/index" "$idx"
export GIT_INDEX_FILE=$idx
git add -A
t=$(git write-tree)
c=$(echo snapshot | git commit-tree "$t" -p HEAD)
git update-ref refs/heads/native-snapshot "$c"
rm -f "$idx"
`);

console.log(`\nmedians of ${reps} runs, after 2 warm-ups (node ${process.version}, ${os.cpus().length} cores)`);
const NATIVE = 'native git snapshot (temp index, add -A, …)';
const RUN = 'git aml run --no-push -- true';
const m = timeAll({
  [NATIVE]: ['bash', [native], { cwd: repo }],
  [RUN]: ['git', ['aml', 'run', '--no-push', '--', 'true'], { cwd: repo }],
  'node -e 0': [process.execPath, ['-e', '0'], { cwd: repo }],
  'git aml --version': ['git', ['aml', '--version'], { cwd: repo }],
});
const [tNative, tRun, tNode, tVersion] = [m[NATIVE], m[RUN], m['node -e 0'], m['git aml --version']];
let tDatalad;
if (spawnSync('datalad', ['--version'], { stdio: 'ignore' }).status === 0) {
  // DataLad refuses `run` on a dirty dataset, so it gets the same project saved clean (the way it must be
  // used); `--explicit` on the dirty one is shown too, since it skips DataLad's save of the whole tree.
  const dl = path.join(work, 'datalad-project');
  execFileSync('bash', [makeRepo, dl, String(files)], { stdio: 'ignore' });
  execFileSync('datalad', ['create', '--force', '-d', dl], { stdio: 'ignore', cwd: dl });
  time('datalad run --explicit true (dirty dataset)', 'datalad', ['run', '--explicit', 'true'], { cwd: dl });
  execFileSync('datalad', ['save', '-m', 'everything'], { stdio: 'ignore', cwd: dl });
  tDatalad = time('datalad run true (clean dataset)', 'datalad', ['run', 'true'], { cwd: dl });
} else {
  console.log('datalad run true                             skipped: DataLad is not installed (apt-get install datalad)');
}

const ratio = (a, b, target) => `${(a / b).toFixed(2)}x${target ? ` (target ≤ ${target}x: ${a / b <= target ? 'met' : 'NOT met'})` : ''}`;
console.log('\nratios');
console.log(`git aml run -- true / native snapshot      ${ratio(tRun, tNative, 4)}`);
console.log(`git aml --version / node -e 0              ${ratio(tVersion, tNode, 1.5)}`);
if (tDatalad) console.log(`git aml run -- true / datalad run true     ${ratio(tRun, tDatalad, 0.3)}`);
fs.rmSync(work, { recursive: true, force: true });
