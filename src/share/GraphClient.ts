/**
 * The Microsoft Graph calls git-aml makes, as plain JSON over HTTPS; passed into core code.
 * Failures are thrown as @azure/core-rest-pipeline RestErrors with Graph's status and error code.
 */
export interface GraphClient {
  /** GET `path` (e.g. "/v1.0/users") with query parameters; resolves with the parsed JSON body. */
  get(path: string, query: Record<string, string>): Promise<unknown>;
  /** POST a JSON body to `path`; resolves with the parsed JSON body. */
  post(path: string, body: unknown): Promise<unknown>;
}
