import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const FAKE_ARM_TOKEN = 'fake-arm-token-for-tests';

export interface ArmProjectsPeer {
  /** https://127.0.0.1:<port>, for AML_ARM_ENDPOINT. */
  url: string;
  /** Every request: method, path with query, and whether it carried the expected bearer token. */
  calls: { method: string; path: string; authorized: boolean }[];
  /** `base` plus what the CLI child needs: the endpoint, the test CA trusted, the credential pinned to a fake `az`. */
  envOver: (base: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  close: () => Promise<void>;
}

/**
 * A local HTTPS server speaking ARM's projects list for one workspace (two pages, to exercise nextLink),
 * with a self-signed certificate made now by openssl and trusted through NODE_EXTRA_CA_CERTS. The
 * credential is pinned to AzureCliCredential and `az` is a script printing a token, so nothing leaves
 * the machine (no IMDS at 169.254.169.254, no login.microsoftonline.com).
 */
export async function armProjectsPeer(root: string, workspace: string, projects: { name: string; gitrepo?: string }[]): Promise<ArmProjectsPeer> {
  const dir = path.join(root, 'arm-peer');
  await fs.mkdir(dir, { recursive: true });
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const az = path.join(dir, 'bin', 'az');
  await fs.mkdir(path.dirname(az));
  const expires = Math.floor(Date.now() / 1000) + 3600;
  await fs.writeFile(az, `#!/bin/sh\necho '{"accessToken": "${FAKE_ARM_TOKEN}", "expires_on": ${expires}, "tokenType": "Bearer"}'\n`, { mode: 0o755 });

  const calls: ArmProjectsPeer['calls'] = [];
  const listPath = `${workspace}/projects`;
  const item = (p: { name: string; gitrepo?: string }) => ({ id: `${workspace}/projects/${p.name}`, name: p.name, type: 'Microsoft.MachineLearningExperimentation/accounts/workspaces/projects', properties: { gitrepo: p.gitrepo ?? '', friendlyName: p.name } });
  const half = Math.ceil(projects.length / 2);
  let url = '';
  const server = https.createServer({ key: await fs.readFile(key), cert: await fs.readFile(cert) }, (req, res) => {
    const u = new URL(req.url ?? '/', url);
    const authorized = req.headers.authorization === `Bearer ${FAKE_ARM_TOKEN}`;
    calls.push({ method: req.method ?? '', path: u.pathname + u.search, authorized });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!authorized) return send(401, { error: { code: 'AuthenticationFailed', message: 'no valid bearer token' } });
    if (req.method !== 'GET' || u.pathname !== listPath || u.searchParams.get('api-version') !== '2017-05-01-preview') {
      return send(404, { error: { code: 'ResourceNotFound', message: `no ${u.pathname}` } });
    }
    if (u.searchParams.get('page') === '2') return send(200, { value: projects.slice(half).map(item) });
    return send(200, { value: projects.slice(0, half).map(item), nextLink: `${url}${listPath}?api-version=2017-05-01-preview&page=2` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    envOver: (base) => ({
      ...base,
      AML_ARM_ENDPOINT: url,
      NODE_EXTRA_CA_CERTS: cert,
      AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
      PATH: `${path.dirname(az)}${path.delimiter}${base.PATH}`,
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
