import https from 'node:https';
import http from 'node:http';
import { ArmRequestError } from '../errors/projectsErrors.js';

/** GETs an ARM URL with a bearer token and parses the JSON; a failure names the status and what to do. */
export function armGet(url: string, token: string): Promise<unknown> {
  const u = new URL(url);
  const client = u.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = client.get(u, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new ArmRequestError(`Azure Resource Manager sent a reply that is not JSON for ${u.pathname}.`, { hint: 'Check AML_ARM_ENDPOINT points at Azure Resource Manager.', data: { status } }));
          }
          return;
        }
        let detail = '';
        try {
          detail = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
        } catch { /* not JSON: the status says enough */ }
        reject(new ArmRequestError(`Azure Resource Manager refused ${u.pathname} (HTTP ${status})${detail ? `: ${detail}` : ''}.`, {
          hint: status === 401 ? 'Sign in again: az login'
            : status === 403 ? 'Ask the workspace\'s owner for the Reader role on it, then run the command again.'
            : status === 404 ? 'Check the workspace id: az resource show --ids <workspace id>'
            : 'Try again; if it persists, check https://status.azure.com',
          data: { status, url: u.pathname },
        }));
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => reject(new ArmRequestError(`Cannot reach Azure Resource Manager at ${u.origin}: ${e.message}`, {
      hint: 'Check your network, or AML_ARM_ENDPOINT if you set it.',
      data: { url: u.origin },
    })));
  });
}
