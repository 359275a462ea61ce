import { openProject, type ProjectContext } from './openProject.js';
import { openTransport, requireRemote, type Transport } from '../git/transport.js';

export interface RemoteContext extends ProjectContext {
  transport: Transport;
}

/** The project plus a transport to `--remote` (or the configured remote); refuses a remote that does not exist. */
export async function openRemote(cwd: string, remoteName?: string): Promise<RemoteContext> {
  const ctx = await openProject(cwd);
  const remote = await requireRemote(ctx.git, remoteName ?? ctx.config.remote);
  const transport = openTransport(ctx.git, remote, { interactive: !!process.stdin.isTTY, env: process.env });
  return { ...ctx, transport };
}
