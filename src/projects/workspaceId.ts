import { InvalidWorkspaceIdError, NoWorkspaceError } from '../errors/projectsErrors.js';

const WORKSPACE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.MachineLearningExperimentation\/accounts\/[^/]+\/workspaces\/[^/]+$/i;
const EXAMPLE = '/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.MachineLearningExperimentation/accounts/<account>/workspaces/<workspace>';

/** The workspace's full ARM id, from --workspace or the project's settings (azure.workspace), checked. */
export function workspaceId(flag: string | undefined, azure: Record<string, unknown> | undefined): string {
  const configured = typeof azure?.workspace === 'string' ? azure.workspace : undefined;
  const id = (flag ?? configured)?.replace(/\/+$/, '');
  if (!id) {
    throw new NoWorkspaceError('No workspace given: git aml projects needs the workspace\'s Azure Resource Manager id.', {
      hint: `git aml projects --workspace ${EXAMPLE}   (or set "azure": {"workspace": "…"} in .gitamlrc.json)`,
    });
  }
  if (!WORKSPACE.test(id)) {
    throw new InvalidWorkspaceIdError(`"${id}" is not a workspace id.`, {
      hint: `git aml projects --workspace ${EXAMPLE}`,
      data: { workspace: id },
    });
  }
  return id;
}
