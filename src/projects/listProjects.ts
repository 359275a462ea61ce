import { ArmRequestError } from '../errors/projectsErrors.js';

export interface WorkspaceProject {
  name: string;
  /** The project's Git URL (ARM property `gitrepo`), or null when it has none linked. */
  gitrepo: string | null;
  /** Its ARM id. */
  id: string;
  description: string | null;
}

/** The API version Workbench's projects were created with. */
export const PROJECTS_API_VERSION = '2017-05-01-preview';
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

/**
 * Lists the workspace's projects from ARM, alphabetically (case-insensitive, as Workbench showed them),
 * following nextLink pages. `get` does the HTTP, so the core runs against any transport.
 */
export async function listProjects(workspace: string, deps: { endpoint: string; get: (url: string) => Promise<unknown> }): Promise<WorkspaceProject[]> {
  const out: WorkspaceProject[] = [];
  let url: string | undefined = `${deps.endpoint.replace(/\/+$/, '')}${workspace}/projects?api-version=${PROJECTS_API_VERSION}`;
  for (let page = 0; url; page++) {
    if (page > 100) throw new ArmRequestError('Azure Resource Manager kept sending more pages of projects (over 100).', { hint: 'Try again later.' });
    const body = (await deps.get(url)) as { value?: unknown; nextLink?: unknown };
    if (!Array.isArray(body?.value)) throw new ArmRequestError('Azure Resource Manager sent a project list without "value".', { hint: 'Check AML_ARM_ENDPOINT points at Azure Resource Manager.' });
    for (const p of body.value as { id?: string; name?: string; properties?: { gitrepo?: string; description?: string } }[]) {
      if (!p?.name) continue;
      out.push({ name: p.name, id: p.id ?? `${workspace}/projects/${p.name}`, gitrepo: p.properties?.gitrepo || null, description: p.properties?.description || null });
    }
    url = typeof body.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.name.localeCompare(b.name));
}
