import fs from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../git/runGit.js';

export interface ArtifactsInput {
  runId: string;
  log: Buffer;
  metrics: Record<string, unknown>;
  /** Folder the outputs/ paths are relative to. */
  outputsDir: string;
  outputs: string[];
  /** A scratch folder for the temporary index. */
  scratch: string;
}

export const ARTIFACT_LOG = 'log.txt';
export const ARTIFACT_METRICS = 'metrics.json';
export const ARTIFACT_OUTPUTS = 'outputs';

/**
 * Stores a run's log, metrics and outputs as a parentless commit. The run commit names it as its second
 * parent, so the artifacts travel with the run-history branch (push, fetch, clone) while the run commit's
 * own tree stays exactly the snapshot. Native plumbing, a handful of calls whatever the number of files.
 */
export async function writeArtifacts(git: Git, a: ArtifactsInput): Promise<string> {
  const logFile = path.join(a.scratch, 'artifact-log');
  const metricsFile = path.join(a.scratch, 'artifact-metrics');
  await Promise.all([
    fs.writeFile(logFile, a.log),
    fs.writeFile(metricsFile, JSON.stringify(a.metrics, null, 2) + '\n'),
  ]);
  const files = [logFile, metricsFile, ...a.outputs.map((p) => path.join(a.outputsDir, p))];
  const modes = await Promise.all(files.map(async (f) => ((await fs.stat(f)).mode & 0o111 ? '100755' : '100644')));
  // --no-filters: outputs are results, stored byte for byte, not run through the project's clean filters.
  const hashes = (await git(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: files.join('\n') + '\n' }))
    .stdout.trim().split('\n');
  const names = [ARTIFACT_LOG, ARTIFACT_METRICS, ...a.outputs.map((p) => `${ARTIFACT_OUTPUTS}/${p}`)];
  const info = names.map((n, i) => `${modes[i]} ${hashes[i]}\t${n}`).join('\n') + '\n';
  const env = { GIT_INDEX_FILE: path.join(a.scratch, 'artifacts-index') };
  await git(['update-index', '--add', '--index-info'], { env, input: info });
  const tree = (await git(['write-tree'], { env })).stdout.trim();
  await fs.rm(env.GIT_INDEX_FILE, { force: true });
  return (await git(['commit-tree', tree, '-m', `git-aml artifacts of ${a.runId}`])).stdout.trim();
}
