import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs/promises';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { armRoutes, type ArmState } from './armContract.js';
import { graphRoutes, type GraphState } from './graphContract.js';
import { installFakeAz, TOKEN_SECRET } from './fakeAz.js';

/** One request the CLI made, as the peer saw it. */
export interface PeerCall {
  service: 'arm' | 'graph';
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Set when the request broke the contract (bad api-version, body shape, unknown route): the test fails. */
  unexpected?: string;
}

export interface AzurePeer {
  armEndpoint: string;
  graphEndpoint: string;
  arm: ArmState;
  graph: GraphState;
  calls: PeerCall[];
  /** Contract violations and calls no route expects; every test asserts this stays empty. */
  unexpected: string[];
  /** Short lines for asserting the exact calls: "arm PUT /subscriptions/…", "graph GET /v1.0/users mail eq '…'". */
  lines: () => string[];
  /** What the CLI's environment needs: the endpoints, the CA, the pinned credential, the fake az first on PATH. */
  env: (base: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  /** Makes the fake az answer like a signed-out az does. */
  signOut: () => Promise<void>;
  /** Every argv the fake az was run with. */
  azCalls: () => Promise<string[]>;
  close: () => Promise<void>;
}

function line(c: PeerCall): string {
  const q = Object.entries(c.query).filter(([k]) => k !== 'api-version').map(([k, v]) => (k === '$filter' ? v : `${k}=${v}`));
  const ids = c.path.endsWith('/getByIds') ? [JSON.stringify((c.body as { ids?: string[] })?.ids)] : [];
  return [c.service, c.method, c.path, ...q, ...ids].join(' ');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local HTTPS peer for Azure: one server speaking the ARM Microsoft.Authorization contract, one speaking
 * Microsoft Graph, both on 127.0.0.1 with a certificate made now. It checks each bearer token's audience (the
 * fake az derives the token from the resource it was asked for), records every call, and answers as Azure does.
 */
export async function startAzurePeer(dir: string): Promise<AzurePeer> {
  await fs.mkdir(dir, { recursive: true });
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  } as never);
  const caFile = path.join(dir, 'peer-ca.pem');
  await fs.writeFile(caFile, pems.cert);
  const az = await installFakeAz(path.join(dir, 'fake-az'));
  const calls: PeerCall[] = [];
  const unexpected: string[] = [];
  const arm: ArmState = { assignments: [], customRoles: [], resources: [], denyWrite: [] };
  const graph: GraphState = { denied: false };

  const serve = (service: PeerCall['service'], route: (c: PeerCall, headers: IncomingMessage['headers']) => Reply) => {
    const server = https.createServer({ key: pems.private, cert: pems.cert }, async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const raw = await readBody(req);
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const call: PeerCall = { service, method: req.method ?? '?', path: decodeURIComponent(url.pathname), query: Object.fromEntries(url.searchParams), body };
      calls.push(call);
      const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      let reply: Reply;
      if (req.headers.authorization !== `Bearer ${TOKEN_SECRET}.${origin}`) {
        reply = { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is missing or is for another audience.' } }, unexpected: `${line(call)}: bad or missing bearer token` };
      } else {
        reply = route(call, req.headers);
      }
      if (reply.unexpected) unexpected.push(reply.unexpected);
      res.writeHead(reply.status, reply.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' });
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    });
    return new Promise<{ server: https.Server; endpoint: string }>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve({ server, endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    });
  };
  const a = await serve('arm', (c, h) => armRoutes(arm, c, h));
  const g = await serve('graph', (c) => graphRoutes(graph, c));
  return {
    armEndpoint: a.endpoint,
    graphEndpoint: g.endpoint,
    arm,
    graph,
    calls,
    unexpected,
    lines: () => calls.map(line),
    env: (base) => ({
      ...base,
      AML_ARM_ENDPOINT: a.endpoint,
      AML_GRAPH_ENDPOINT: g.endpoint,
      NODE_EXTRA_CA_CERTS: caFile,
      // Pins DefaultAzureCredential to the az CLI credential (honoured by @azure/identity 4.13.1), so no test
      // probes the managed-identity endpoint 169.254.169.254 or signs in at login.microsoftonline.com.
      AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
      PATH: `${az.binDir}${path.delimiter}${base.PATH}`,
    }),
    signOut: az.signOut,
    azCalls: az.calls,
    close: async () => {
      await Promise.all([a.server, g.server].map((s) => new Promise((r) => s.close(r))));
    },
  };
}
