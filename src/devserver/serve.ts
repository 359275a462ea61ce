import fs from 'node:fs';
import { createGitHttpServer } from './gitHttpServer.js';

/**
 * `node dist/devserver/serve.js <root> [--port N]`: runs the smart-HTTP Git server as its own process and
 * prints `{"port":N,"url":"http://127.0.0.1:N"}` as its first stdout line. Credentials come from the
 * environment (so they are not visible in `ps`): AML_DEVSERVER_USERS="alice:secret,bob:pw",
 * AML_DEVSERVER_TOKENS="token1,token2". With neither, every request is let in.
 *
 * It is a separate process on purpose: a caller that runs git synchronously (execFileSync) against a server
 * in its own event loop would deadlock. When its stdin is a pipe it exits as that pipe closes, so a test or
 * demo that dies never leaves it behind.
 */
export function parseUsers(spec: string | undefined): Record<string, string> {
  const users: Record<string, string> = {};
  for (const pair of (spec ?? '').split(',').filter(Boolean)) {
    const colon = pair.indexOf(':');
    if (colon <= 0) throw new Error(`AML_DEVSERVER_USERS: "${pair}" is not user:password`);
    users[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  return users;
}

function main(argv: string[]): void {
  const root = argv[0];
  if (!root || !fs.existsSync(root)) {
    process.stderr.write('usage: node dist/devserver/serve.js <folder of bare repos> [--port N]\n');
    process.exit(2);
  }
  const portAt = argv.indexOf('--port');
  const port = portAt >= 0 ? Number(argv[portAt + 1]) : 0;
  const server = createGitHttpServer({
    root: fs.realpathSync(root),
    users: parseUsers(process.env.AML_DEVSERVER_USERS),
    tokens: (process.env.AML_DEVSERVER_TOKENS ?? '').split(',').filter(Boolean),
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const stdin = fs.fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.on('end', stop).on('close', stop).resume();
  }
  server.listen(port, '127.0.0.1', () => {
    const { port: bound } = server.address() as { port: number };
    process.stdout.write(JSON.stringify({ port: bound, url: `http://127.0.0.1:${bound}` }) + '\n');
  });
}

main(process.argv.slice(2));
