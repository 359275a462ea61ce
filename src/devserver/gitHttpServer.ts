import http from 'node:http';
import { spawn } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';

export interface GitHttpServerOptions {
  /** Folder holding the bare repositories; `/<name>.git` in a URL is `<root>/<name>.git`. */
  root: string;
  /** Basic credentials accepted: user name → password. */
  users?: Record<string, string>;
  /** Bearer tokens accepted (as Azure Repos accepts an Entra ID token in `Authorization: Bearer`). */
  tokens?: string[];
  /** Environment for `git http-backend` (defaults to this process's). */
  env?: NodeJS.ProcessEnv;
}

const REALM = 'Basic realm="git-aml dev server", charset="UTF-8"';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who the request authenticates as, `null` when it fails, or `anonymous` when the server has no credentials
 * configured at all. Every request is checked, reads included, as hosted servers for private repos do.
 */
export function authenticate(header: string | undefined, opts: Pick<GitHttpServerOptions, 'users' | 'tokens'>): string | null {
  const users = opts.users ?? {};
  const tokens = opts.tokens ?? [];
  if (!Object.keys(users).length && !tokens.length) return 'anonymous';
  if (!header) return null;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return Object.hasOwn(users, user) && same(users[user], password) ? user : null;
  }
  if (/^bearer$/i.test(scheme)) return tokens.some((t) => same(t, value)) ? 'bearer-user' : null;
  return null;
}

/**
 * A smart-HTTP Git server: Node's http in front of `git http-backend` (CGI), with push enabled and Basic
 * and Bearer credentials checked. Made for tests and the demo, so it listens where the caller says
 * (127.0.0.1) and keeps no state of its own: the bare repositories under `root` are the whole server.
 */
export function createGitHttpServer(opts: GitHttpServerOptions): http.Server {
  return http.createServer((req, res) => {
    const user = authenticate(req.headers.authorization, opts);
    if (!user) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': REALM, 'Content-Type': 'text/plain' });
      res.end('Authentication required\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const env: NodeJS.ProcessEnv = {
      ...(opts.env ?? process.env),
      GIT_PROJECT_ROOT: opts.root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: user,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      // http-backend inflates a gzip request body itself when told the encoding.
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      // Protocol v2 is negotiated through this header; http-backend reads it from GIT_PROTOCOL.
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      // Push over http is off unless the repo says so; this server is for pushing.
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.receivepack',
      GIT_CONFIG_VALUE_0: 'true',
    };
    // Without CONTENT_LENGTH http-backend reads the body to EOF, which is what a chunked request needs.
    if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
    else delete env.CONTENT_LENGTH;
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => {});
    const stderr: Buffer[] = [];
    cgi.stderr.on('data', (b: Buffer) => stderr.push(b));
    let head = Buffer.alloc(0);
    let headersSent = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const crlf = head.indexOf('\r\n\r\n');
      const lf = head.indexOf('\n\n');
      const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
      if (end < 0) return;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (/^status$/i.test(name)) status = Number(value.split(' ')[0]) || 200;
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      headersSent = true;
      if (end < head.length) res.write(head.subarray(end));
    });
    cgi.on('error', (e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`git http-backend failed to start: ${e.message}\n`);
    });
    cgi.on('close', (code) => {
      if (!headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`git http-backend exited ${code}: ${Buffer.concat(stderr).toString('utf8')}`);
      } else res.end();
    });
  });
}
