import path from 'node:path';
import { cloneLatest } from '../download/cloneLatest.js';
import { ProjectNotFoundError } from '../errors/projectsErrors.js';
import { workspaceProjects } from './workspaceProjects.js';
import { printJson, say } from './output.js';

/** `git aml download <project> [<dir>] [--workspace <ARM id>]`: clone-latest of the project's gitrepo. */
export async function downloadCommand(o: { project: string; dir?: string; workspace?: string; json?: boolean }, cwd = process.cwd()): Promise<number> {
  const { projects, projectsDir } = await workspaceProjects(o, cwd);
  const p = projects.find((x) => x.name === o.project) ?? projects.find((x) => x.name.toLowerCase() === o.project.toLowerCase());
  if (!p || !p.gitrepo) {
    const names = projects.filter((x) => x.gitrepo).map((x) => x.name);
    throw new ProjectNotFoundError(p ? `Project ${p.name} has no git repo linked, so there is nothing to download.` : `The workspace has no project "${o.project}".`, {
      hint: names.length ? `Projects you can download: ${names.join(', ')}   (see: git aml projects)` : 'git aml projects',
      data: { project: o.project, known: names },
    });
  }
  const dir = path.resolve(cwd, o.dir ?? path.join(projectsDir, p.name));
  const r = await cloneLatest({ url: p.gitrepo, dir }, { cwd, progress: !o.json && !!process.stderr.isTTY });
  if (o.json) {
    printJson({ project: p.name, gitrepo: p.gitrepo, dir: r.dir, branch: r.branch, run: r.run ?? null, changes: r.changes });
    return 0;
  }
  say(`downloaded project ${p.name} into ${r.dir}${r.run ? ` as of run ${r.run.number} (${r.run.id}, ${r.run.status}), laid as unstaged changes` : ' (no runs recorded yet)'}`);
  say(`next: cd ${r.dir} && git aml history list`);
  return 0;
}
