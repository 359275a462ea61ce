import { shellQuote } from '../run/shellQuote.js';
import { openProject } from './openProject.js';
import { loadRun } from './loadRuns.js';
import { bytes, duration } from './format.js';
import { print, printJson } from './output.js';
import { ARTIFACT_LOG } from '../snapshot/writeArtifacts.js';

export interface HistoryShowOptions {
  run: string;
  json: boolean;
  log: boolean;
}

/** `git aml history show <run>`: the record, metrics, artifacts, and the files that differ from its base commit. */
export async function historyShowCommand(o: HistoryShowOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openProject(cwd);
  const run = await loadRun(ctx, o.run);
  const { git } = ctx;
  const hasBase = (await git(['cat-file', '-e', `${run.baseCommit}^{commit}`], { allowFail: true })).code === 0;
  const [diff, files, log] = await Promise.all([
    hasBase ? git(['diff-tree', '-r', '-z', '--no-renames', '--name-status', run.baseCommit, run.tree]) : undefined,
    run.artifacts.commit ? git(['ls-tree', '-r', '-z', '-l', run.artifacts.commit]) : undefined,
    o.log && run.artifacts.commit ? git(['cat-file', 'blob', `${run.artifacts.commit}:${ARTIFACT_LOG}`], { allowFail: true }) : undefined,
  ]);
  const dp = diff?.stdout.split('\0').filter(Boolean) ?? [];
  const changes = [];
  for (let i = 0; i + 1 < dp.length; i += 2) changes.push({ status: dp[i], path: dp[i + 1] });
  const artifactFiles = (files?.stdout.split('\0').filter(Boolean) ?? []).map((l) => {
    const [meta, p] = l.split('\t');
    return { path: p, size: Number(meta.trim().split(/\s+/)[3]) };
  });
  if (o.json) {
    printJson({ ...run, changes: hasBase ? changes : null, artifactFiles, ...(o.log ? { log: log?.stdout ?? '' } : {}) });
    return 0;
  }
  const lines = [
    `Run ${run.number}  ${run.id}  ${run.status}${run.exitCode !== null ? ` (exit ${run.exitCode})` : run.signal ? ` (${run.signal})` : ''}`,
    `script:    ${shellQuote([run.script, ...run.args])}`,
    `command:   ${shellQuote(run.command)}`,
    ...(run.description ? [`message:   ${run.description}`] : []),
    ...(run.runConfig ? [`config:    ${run.runConfig}`] : []),
    `user:      ${run.user.name} <${run.user.email}> on ${run.host}`,
    `started:   ${run.startedAt}   duration ${duration(run.durationMs)}`,
    `base:      ${run.baseBranch ?? '(detached)'} @ ${run.baseCommit.slice(0, 12)}${run.dirty ? ' + uncommitted changes' : ''}`,
    `commit:    ${run.commit}   pushed: ${run.pushed ? 'yes' : 'no'}`,
    `snapshot:  ${run.tree}`,
  ];
  if (run.leftOut.length) lines.push(`left out:  ${run.leftOut.join(', ')}`);
  const metrics = Object.entries(run.metrics);
  lines.push('', metrics.length ? 'Metrics:' : 'Metrics: none');
  for (const [k, v] of metrics) lines.push(`  ${k.padEnd(20)} ${JSON.stringify(v)}`);
  lines.push('', 'Artifacts:');
  for (const f of artifactFiles) lines.push(`  ${f.path.padEnd(40)} ${bytes(f.size)}`);
  if (run.artifacts.outputsLeftOut.length) lines.push(`  (not stored, over the size limit: ${run.artifacts.outputsLeftOut.join(', ')})`);
  lines.push('', hasBase ? `Changes from ${run.baseCommit.slice(0, 12)} (git diff ${run.baseCommit.slice(0, 12)} ${run.commit.slice(0, 12)}):` : 'Changes: base commit not in this clone');
  for (const c of changes) lines.push(`  ${c.status} ${c.path}`);
  if (hasBase && !changes.length) lines.push('  (none: the run used the committed code)');
  if (o.log) lines.push('', `Log${run.artifacts.logTruncated ? ' (last part only)' : ''}:`, log?.stdout ?? '');
  print(lines.join('\n'));
  return 0;
}
