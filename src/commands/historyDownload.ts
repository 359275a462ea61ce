import fs from 'node:fs/promises';
import path from 'node:path';
import { openProject } from './openProject.js';
import { loadRun } from './loadRuns.js';
import { say } from './output.js';
import { layTree } from '../snapshot/layTree.js';
import { TargetExistsError } from '../errors/historyErrors.js';

export interface HistoryDownloadOptions {
  run: string;
  dir: string;
}

export const ARTIFACTS_FOLDER = '.aml-run/';

/** `git aml history download <run> <dir>`: the run's snapshot into a new folder, its artifacts in .aml-run/. */
export async function historyDownloadCommand(o: HistoryDownloadOptions, cwd = process.cwd()): Promise<number> {
  const ctx = await openProject(cwd);
  const run = await loadRun(ctx, o.run);
  const dir = path.resolve(cwd, o.dir);
  const existing = await fs.readdir(dir).catch(() => undefined);
  if (existing && existing.length) {
    throw new TargetExistsError(`${o.dir} already exists and is not empty.`, {
      hint: `Pick a new folder: git aml history download ${o.run} ${o.dir}-run${run.number}`,
      data: { dir },
    });
  }
  await fs.mkdir(dir, { recursive: true });
  const lay = { dir, scratch: ctx.repo.gitDir, repoTop: ctx.repo.top };
  try {
    await layTree(ctx.git, { ...lay, tree: run.tree });
    if (run.artifacts.commit) await layTree(ctx.git, { ...lay, tree: `${run.artifacts.commit}^{tree}`, under: ARTIFACTS_FOLDER });
    await fs.mkdir(path.join(dir, ARTIFACTS_FOLDER), { recursive: true });
    await fs.writeFile(path.join(dir, ARTIFACTS_FOLDER, 'run.json'), JSON.stringify(run, null, 2) + '\n');
  } catch (e) {
    if (!existing) await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
  say(`run ${run.number} (${run.id}) written to ${dir}; log, metrics and outputs in ${path.join(o.dir, ARTIFACTS_FOLDER)}`);
  return 0;
}
