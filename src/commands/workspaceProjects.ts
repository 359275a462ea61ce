import path from 'node:path';
import { gitIn } from '../git/runGit.js';
import { loadConfig } from '../config/loadConfig.js';
import { workspaceId } from '../projects/workspaceId.js';
import { DEFAULT_ARM_ENDPOINT, listProjects, type WorkspaceProject } from '../projects/listProjects.js';
import { findLocalCopy, projectsDir } from '../projects/findLocalCopy.js';

export interface LocatedProject extends WorkspaceProject {
  /** The folder on this machine that has it, or null when it is not downloaded yet. */
  local: string | null;
}

/**
 * What `projects` and `download` share: settings (from the repo around cwd, if any, else the user's),
 * the workspace, an ARM token and the workspace's projects, each located on this machine if it is here.
 */
export async function workspaceProjects(o: { workspace?: string }, cwd: string): Promise<{ projects: LocatedProject[]; projectsDir: string; workspace: string }> {
  const top = (await gitIn(cwd)(['rev-parse', '--show-toplevel'], { allowFail: true })).stdout.trim();
  const config = await loadConfig(cwd, top || cwd);
  const workspace = workspaceId(o.workspace, config.azure);
  const endpoint = process.env.AML_ARM_ENDPOINT || DEFAULT_ARM_ENDPOINT;
  const [{ armToken }, { armGet }] = await Promise.all([import('../projects/armToken.js'), import('../projects/armGet.js')]);
  const token = await armToken(endpoint);
  const listed = await listProjects(workspace, { endpoint, get: (url) => armGet(url, token) });
  const dir = projectsDir(config.azure);
  const projects = await Promise.all(listed.map(async (p) => ({
    ...p,
    local: (await findLocalCopy(gitIn, p.gitrepo, [path.join(dir, p.name), ...(top ? [top] : [])])) ?? null,
  })));
  return { projects, projectsDir: dir, workspace };
}
