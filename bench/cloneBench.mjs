// Issue 3's speed check, in one run on one machine: `git aml clone-latest` of a 10,000-file project with
// 20 runs against native `git clone` + `git checkout <run> -- .` of the same thing; and the bytes a push
// sends after a one-file change, `git aml push` next to native `git push` (packs kept on the receiving bare
// repo with receive.unpackLimit=1, so each push's pack size is exactly what was sent).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const makeRepo = process.env.MAKE_REPO ?? path.resolve(root, '../shared/tools/make-repo.sh');
const files = Number(process.argv[2] ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const reps = Number(process.env.BENCH_REPS ?? 5);
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'git-aml-clonebench-')));
const env = { ...process.env, PATH: `${path.join(root, 'bin')}:${process.env.PATH}`, GIT_CONFIG_NOSYSTEM: '1', HUSKY: '0' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function time(label, fn) {
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ts.sort((a, b) => a - b);
  const median = ts[Math.floor(ts.length / 2)];
  console.log(`${label.padEnd(52)} median ${median.toFixed(0).padStart(6)} ms  (min ${ts[0].toFixed(0)}, max ${ts[ts.length - 1].toFixed(0)})`);
  return median;
}

console.log(`building a ${files}-file project with ${runs} runs …`);
const project = path.join(work, 'project');
execFileSync('bash', [makeRepo, project, String(files)], { stdio: 'ignore' });
const remote = path.join(work, 'remote.git');
git(work, 'init', '-q', '--bare', remote);
git(remote, 'config', 'receive.unpackLimit', '1');
git(project, 'remote', 'add', 'origin', remote);
git(project, 'push', '-q', 'origin', 'master');
for (let i = 0; i < runs; i++) {
  fs.appendFileSync(path.join(project, `src/d0${String(i % 100).padStart(2, '0')}/f0${String(i).padStart(4, '0')}.py`), `# run ${i}\n`);
  const r = spawnSync('git', ['aml', 'run', '--no-push', 'train.py', '--i', String(i)], { cwd: project, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`run ${i} failed`);
}
execFileSync('git', ['aml', 'push'], { cwd: project, env, stdio: 'ignore' });
const branch = git(project, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory');

console.log(`\nmedians of ${reps} clones (node ${process.version}, ${os.cpus().length} cores)`);
const tNative = time('native: git clone + git checkout <latest run> -- .', (i) => {
  const dir = path.join(work, `native-${i}`);
  git(work, 'clone', '-q', remote, dir);
  git(dir, 'checkout', `origin/${branch}`, '--', '.');
});
const tAml = time('git aml clone-latest', (i) => {
  execFileSync('git', ['aml', 'clone-latest', remote, path.join(work, `aml-${i}`)], { cwd: work, env, stdio: 'ignore' });
});
console.log(`\nratio git aml clone-latest / native: ${(tAml / tNative).toFixed(2)}x (target ≤ 1.5x: ${tAml / tNative <= 1.5 ? 'met' : 'NOT met'})`);

// Push after a one-file change: the pack each push leaves on the remote is what it sent.
const packBytes = () => fs.readdirSync(path.join(remote, 'objects/pack')).filter((f) => f.endsWith('.pack'))
  .reduce((s, f) => s + fs.statSync(path.join(remote, 'objects/pack', f)).size, 0);
// Both sides first push the same state (native: a commit of the tracked changes; git aml: a run), then the
// same one-file change.
git(project, 'checkout', '-q', '-b', 'native-change');
git(project, 'commit', '-q', '-a', '-m', 'baseline');
git(project, 'push', '-q', 'origin', 'native-change');
execFileSync('git', ['aml', 'run', 'train.py'], { cwd: project, env, stdio: 'ignore' });
fs.appendFileSync(path.join(project, 'src/d042/f00042.py'), '# one more change\n');
execFileSync('git', ['aml', 'run', '--no-push', 'train.py'], { cwd: project, env, stdio: 'ignore' });
let before = packBytes();
execFileSync('git', ['aml', 'push'], { cwd: project, env, stdio: 'ignore' });
const amlBytes = packBytes() - before;
git(project, 'commit', '-q', '-a', '-m', 'the same one-file change');
before = packBytes();
git(project, 'push', '-q', 'origin', 'native-change');
const nativeBytes = packBytes() - before;
console.log(`bytes sent by a push after a one-file change: git aml push ${amlBytes} B (snapshot trees and blob, plus the run's log, metrics and record), native git push ${nativeBytes} B`);
fs.rmSync(work, { recursive: true, force: true });
