import type { Git } from '../git/runGit.js';
import { redactUrl, type Transport } from '../git/transport.js';
import { LfsUploadError } from '../errors/remoteErrors.js';

/** Whether this repository runs git-lfs's filters (`git lfs install`, global or local): its runs may point to LFS files. */
export async function usesLfs(git: Git): Promise<boolean> {
  const r = await git(['config', '--get', 'filter.lfs.process'], { allowFail: true });
  return r.code === 0 && r.stdout.trim() !== '';
}

/**
 * Uploads the LFS files that runs between `expect` (the remote's tip; absent: none) and `tip` point to,
 * exactly as git-lfs's own pre-push hook would for this ref. Our pushes skip pre-push hooks (they check the
 * user's code, not run history), so without this a teammate would get pointers whose files never arrived.
 */
export async function pushLfsObjects(transport: Transport, ref: string, tip: string, expect: string | undefined): Promise<void> {
  const { remote } = transport;
  const line = `${ref} ${tip} ${ref} ${expect ?? '0'.repeat(tip.length)}\n`;
  const r = await transport.run(['lfs', 'pre-push', remote.name, remote.url], { input: line });
  if (r.code === 0) return;
  // Its own error, whatever the cause (auth, an unreachable LFS server): the git remote itself may be fine.
  const said = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? `exit ${r.code}`;
  throw new LfsUploadError(`git lfs could not upload your runs' large files for ${remote.name} (${redactUrl(remote.url)}): ${redactUrl(said)}. The runs were not pushed without them.`, {
    hint: `Your runs stay recorded here. See git-lfs's own answer with: git lfs push --all ${remote.name}   then: git aml push`,
    data: { stderr: r.stderr.slice(-2000) },
  });
}
