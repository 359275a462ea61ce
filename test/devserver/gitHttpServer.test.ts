import { spawn } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../helpers/sealedEnv.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { tempRepo } from '../helpers/tempRepo.js';
import { startGitServer, type GitServerHandle } from '../helpers/gitServer.js';

let sealed: Sealed;
let server: GitServerHandle;
afterEach(async () => {
  await server?.stop();
  await sealed?.cleanup();
});

const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
const pkt = (s: string) => (s.length + 4).toString(16).padStart(4, '0') + s;

describe('the dev Git server', () => {
  it('asks for credentials with 401 + WWW-Authenticate, and speaks smart HTTP to Basic and Bearer', async () => {
    sealed = await sealedEnv();
    server = await startGitServer(sealed, { users: { alice: 'pw' }, tokens: ['tok'] });
    server.createRepo('p');
    const refs = `${server.url}/p.git/info/refs?service=git-upload-pack`;
    const anon = await fetch(refs);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await fetch(refs, { headers: { Authorization: basic('alice', 'nope') } })).status).toBe(401);
    for (const auth of [basic('alice', 'pw'), 'Bearer tok']) {
      const ok = await fetch(refs, { headers: { Authorization: auth } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
    }
    const push = await fetch(`${server.url}/p.git/info/refs?service=git-receive-pack`, { headers: { Authorization: 'Bearer tok' } });
    expect(push.headers.get('content-type')).toBe('application/x-git-receive-pack-advertisement');
  });

  it('passes a gzip request body through to http-backend, as git sends large negotiations', async () => {
    sealed = await sealedEnv();
    server = await startGitServer(sealed);
    const repo = await tempRepo({ 'a.txt': 'hello\n' }, { sealed });
    repo.git(['push', '-q', server.createRepo('p'), 'master']);
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    const body = `${pkt(`want ${head}\n`)}0000${pkt('done\n')}`;
    const r = await fetch(`${server.url}/p.git/git-upload-pack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-git-upload-pack-request', 'Content-Encoding': 'gzip' },
      body: gzipSync(body),
    });
    expect(r.status).toBe(200);
    const pack = Buffer.from(await r.arrayBuffer());
    expect(pack.toString('latin1')).toContain('NAK');
    expect(pack.includes(Buffer.from('PACK'))).toBe(true);
  });

  it('runs as its own process, prints its port, and exits when its parent\'s pipe closes (nothing left behind)', async () => {
    sealed = await sealedEnv();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/devserver/serve.js'), sealed.root], { env: sealed.env, stdio: ['pipe', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (b: Buffer) => resolve(b.toString())));
    const { port, url } = JSON.parse(first) as { port: number; url: string };
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
