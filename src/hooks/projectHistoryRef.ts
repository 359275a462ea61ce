import type { Git } from '../git/runGit.js';
import path from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import type { AmlConfig } from '../config/AmlConfig.js';
import { projectIdentity } from '../snapshot/projectIdentity.js';

export interface ProjectHistoryRef {
  config: AmlConfig;
  /** refs/heads/AzureMLHistory/<id> (or as configured). */
  historyRef: string;
  /** The remote-tracking copy: runs teammates pushed that this clone has fetched. */
  remoteRef: string;
  /** Any project's history branch under the configured name pattern ({projectId} as a wildcard). */
  pattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The lighter half of openProject for hooks, which run on every commit: no recovery of interrupted runs,
 * no commit required. Undefined when the repository has no commits yet (so no run-history branch either).
 */
export async function projectHistoryRef(git: Git, cwd: string): Promise<ProjectHistoryRef | undefined> {
  // One git call instead of findRepo's four: hooks run inside git, so git is there and recent enough.
  const r = await git(['rev-parse', '--show-toplevel', '--git-dir', '--git-common-dir', '--show-object-format', 'HEAD'], { allowFail: true });
  const [top, gitDir, commonDir, format, head] = r.stdout.trim().split('\n');
  if (r.code !== 0 || !head) return undefined; // bare, or no commits yet: no run-history branch either
  const objectFormat = format === 'sha256' ? 'sha256' as const : 'sha1' as const;
  const repo = { cwd, top, gitDir: path.resolve(cwd, gitDir), commonDir: path.resolve(cwd, commonDir), prefix: '', objectFormat, head, versionCheck: Promise.resolve() };
  const config = await loadConfig(cwd, top);
  const project = await projectIdentity(git, repo, config);
  const pattern = new RegExp(`^refs/heads/${config.historyBranch.split('{projectId}').map(escape).join('[^/]+')}$`);
  return { config, historyRef: project.historyRef, remoteRef: `refs/remotes/${config.remote}/${project.historyBranch}`, pattern };
}
