import fs from 'node:fs/promises';
import path from 'node:path';
import type { LooseObjects } from '../git/looseObjects.js';
import type { Identity } from '../git/identity.js';

export interface ArtifactsInput {
  runId: string;
  log: Buffer;
  metrics: Record<string, unknown>;
  /** Folder the outputs/ paths are relative to. */
  outputsDir: string;
  outputs: string[];
}

export const ARTIFACT_LOG = 'log.txt';
export const ARTIFACT_METRICS = 'metrics.json';
export const ARTIFACT_OUTPUTS = 'outputs';

/**
 * Stores a run's log, metrics and outputs as a parentless commit. The run commit names it as its second
 * parent, so the artifacts travel with the run-history branch (push, fetch, clone) while the run commit's
 * own tree stays exactly the snapshot. Outputs are stored byte for byte, not through the project's filters.
 */
export async function writeArtifacts(objects: LooseObjects, who: Identity, a: ArtifactsInput): Promise<string> {
  const outputs = await Promise.all(a.outputs.map(async (p) => {
    const file = path.join(a.outputsDir, p);
    const [content, st] = await Promise.all([fs.readFile(file), fs.stat(file)]);
    return { path: `${ARTIFACT_OUTPUTS}/${p}`, mode: (st.mode & 0o111 ? '100755' : '100644') as '100755' | '100644', oid: await objects.blob(content) };
  }));
  const [log, metrics] = await Promise.all([objects.blob(a.log), objects.blob(JSON.stringify(a.metrics, null, 2) + '\n')]);
  const tree = await objects.treeFromPaths([
    { path: ARTIFACT_LOG, mode: '100644', oid: log },
    { path: ARTIFACT_METRICS, mode: '100644', oid: metrics },
    ...outputs,
  ]);
  return objects.commit({ tree, parents: [], ...who.idents(), message: `git-aml artifacts of ${a.runId}\n` });
}
