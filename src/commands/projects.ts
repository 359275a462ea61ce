import { workspaceProjects } from './workspaceProjects.js';
import { print, printJson, say } from './output.js';

/** `git aml projects [--workspace <ARM id>] [--json]`: the workspace's projects, alphabetically. */
export async function projectsCommand(o: { workspace?: string; json?: boolean }, cwd = process.cwd()): Promise<number> {
  const { projects, workspace } = await workspaceProjects(o, cwd);
  if (o.json) {
    printJson(projects);
    return 0;
  }
  if (!projects.length) {
    say(`the workspace ${workspace.split('/').pop()} has no projects yet; make one with: git aml init <name> --remote <git url>`);
    return 0;
  }
  const width = Math.max(...projects.map((p) => p.name.length));
  print(projects.map((p) => `${p.name.padEnd(width)}  ${p.local ? `on this machine: ${p.local}` : p.gitrepo ? `not downloaded (git aml download ${p.name})` : 'no git repo linked'}`).join('\n'));
  return 0;
}
