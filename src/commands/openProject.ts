import type { Git } from '../git/runGit.js';
import { gitIn } from '../git/runGit.js';
import { findRepo, repoObjects, type RepoInfo } from '../git/findRepo.js';
import { loadConfig } from '../config/loadConfig.js';
import type { AmlConfig } from '../config/AmlConfig.js';
import { projectIdentity, type ProjectIdentity } from '../snapshot/projectIdentity.js';
import { recoverInterrupted } from '../run/recoverInterrupted.js';
import { say } from './output.js';

export interface ProjectContext {
  git: Git;
  repo: RepoInfo;
  config: AmlConfig;
  project: ProjectIdentity;
}

/** What most commands start with: the repo, its settings, its identity, and any interrupted run recorded. */
export async function openProject(cwd: string): Promise<ProjectContext> {
  const git = gitIn(cwd);
  const repo = await findRepo(git, cwd, { needCommit: true });
  const config = await loadConfig(cwd, repo.top);
  const [project, recovered] = await Promise.all([
    projectIdentity(git, repo, config),
    recoverInterrupted(git, repo.commonDir, repoObjects(repo), undefined, say),
  ]);
  for (const id of recovered) say(`recorded interrupted run ${id}`);
  return { git, repo, config, project };
}
