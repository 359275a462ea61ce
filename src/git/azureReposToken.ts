import { RemoteAuthError } from '../errors/remoteErrors.js';

/** The Entra ID resource of Azure DevOps (the same for every organization). */
export const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';

/**
 * A Microsoft Entra ID access token for Azure Repos, from whatever the user already has: `az login`, the
 * AZURE_* environment, workload or managed identity (DefaultAzureCredential's chain; AZURE_TOKEN_CREDENTIALS
 * pins one). @azure/identity is imported here and only here, so commands that never reach an Azure Repos
 * remote with failing credentials never load it.
 */
export async function azureReposToken(): Promise<string> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  let token: string | undefined;
  let why = 'no token returned';
  try {
    token = (await new DefaultAzureCredential().getToken(AZURE_DEVOPS_SCOPE))?.token;
  } catch (e) {
    why = String((e as Error).message ?? e).split('\n')[0].slice(0, 300);
  }
  if (!token) {
    throw new RemoteAuthError(`Azure Repos refused git's credentials and no Microsoft Entra ID token could be had (${why}).`, {
      hint: 'Sign in with: az login   (then send your runs with: git aml push)',
      data: { reason: why },
    });
  }
  return token;
}
