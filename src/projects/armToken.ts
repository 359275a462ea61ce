import { AzureAuthError } from '../errors/projectsErrors.js';

/**
 * A bearer token for ARM from DefaultAzureCredential (az login, environment, managed identity, …).
 * @azure/identity is imported here only, so no other command pays for loading it.
 */
export async function armToken(endpoint: string): Promise<string> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const scope = `${new URL(endpoint).origin}/.default`;
  try {
    const t = await new DefaultAzureCredential().getToken(scope);
    if (t?.token) return t.token;
  } catch (e) {
    throw new AzureAuthError(`Cannot get an Azure token for ${scope}: ${(e as Error).message.split('\n')[0]}`, {
      hint: 'Sign in to Azure: az login',
      data: { scope },
    });
  }
  throw new AzureAuthError(`No Azure credential gave a token for ${scope}.`, { hint: 'Sign in to Azure: az login', data: { scope } });
}
