import type { TokenCredential } from '@azure/identity';
import {
  bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest, RestError,
} from '@azure/core-rest-pipeline';
import type { GraphClient } from './GraphClient.js';

/**
 * GraphClient over @azure/core-rest-pipeline: the same retries, bearer-token policy (which refuses plain http)
 * and redacting logger as the ARM client, without a Graph SDK for the three read calls git-aml makes.
 */
export function createGraphClient(credential: TokenCredential, endpoint: string): GraphClient {
  const pipeline = createPipelineFromOptions({ userAgentOptions: { userAgentPrefix: 'git-aml' } });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: `${endpoint}/.default` }));
  const http = createDefaultHttpClient();
  const send = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const request = createPipelineRequest({
      url,
      method,
      headers: createHttpHeaders({ accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await pipeline.sendRequest(http, request);
    let parsed: { error?: { code?: string; message?: string } } = {};
    try {
      parsed = JSON.parse(response.bodyAsText || '{}');
    } catch {
      parsed = {};
    }
    if (response.status >= 400) {
      throw new RestError(parsed.error?.message ?? `Microsoft Graph answered ${response.status}`, {
        code: parsed.error?.code, statusCode: response.status, request, response,
      });
    }
    return parsed;
  };
  const query = (q: Record<string, string>) => Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return {
    get: (path, q) => send('GET', `${endpoint}${path}${Object.keys(q).length ? `?${query(q)}` : ''}`),
    post: (path, body) => send('POST', `${endpoint}${path}`, body),
  };
}
