import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasLfs } from '../helpers/hasLfs.js';
import { sealedEnv, type Sealed } from '../helpers/sealedEnv.js';
import { tempRepo } from '../helpers/tempRepo.js';
import { errorCode, gitAml } from '../helpers/runCli.js';

if (!hasLfs) console.warn('skipping LFS push tests: git-lfs is not installed (apt-get install git-lfs; .ci/run installs it)');

let sealed: Sealed;
afterEach(async () => sealed?.cleanup());

/** git-lfs stores files beside the remote (a local remote keeps them in its lfs/objects). */
async function lfsFilesOn(bare: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else found.push(e.name);
    }
  };
  await walk(path.join(bare, 'lfs', 'objects'));
  return found;
}

async function lfsProject() {
  sealed = await sealedEnv();
  const bare = path.join(sealed.root, 'shared.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: sealed.env });
  const repo = await tempRepo({ 'train.py': 'print("trained")\n' }, { sealed, name: 'alice' });
  repo.git(['lfs', 'install', '--local']);
  repo.git(['lfs', 'track', '*.bin']);
  repo.git(['add', '.gitattributes']);
  repo.git(['commit', '-qm', 'lfs']);
  repo.git(['remote', 'add', 'origin', `file://${bare}`]);
  repo.git(['push', '-q', 'origin', 'master']);
  return { repo, bare };
}

describe.skipIf(!hasLfs)('runs with LFS files, over a remote', () => {
  it('the push after a run uploads the LFS files its snapshot points to; clone-latest brings them down', async () => {
    const { repo, bare } = await lfsProject();
    const weights = Buffer.alloc(200 * 1024, 7);
    await repo.write('weights.bin', weights);
    const r = await repo.aml(['run', 'train.py']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(repo.git(['show', 'AzureMLHistory/' + repo.git(['rev-list', '--max-parents=0', 'HEAD']).trim().slice(0, 12) + ':weights.bin']))![1];
    expect(await lfsFilesOn(bare)).toContain(oid);

    // Bob has git-lfs set up as `git lfs install` does (in his global config), like anyone using LFS.
    execFileSync('git', ['lfs', 'install', '--skip-repo'], { env: sealed.env, stdio: 'ignore' });
    const c = await gitAml(['clone-latest', `file://${bare}`, 'bob'], { cwd: sealed.root, env: sealed.env });
    expect(c.code, c.stderr).toBe(0);
    expect(Buffer.compare(await fs.readFile(path.join(sealed.root, 'bob', 'weights.bin')), weights)).toBe(0);
  });

  it('a run pushed later with git aml push uploads them too; a failed upload keeps the branch off the remote', async () => {
    const { repo, bare } = await lfsProject();
    await repo.write('weights.bin', Buffer.alloc(1024, 3));
    expect((await repo.aml(['run', '--no-push', 'train.py'])).code).toBe(0);
    // An LFS endpoint that refuses: the branch must not land pointing at files the remote lacks.
    repo.git(['config', 'lfs.url', 'http://127.0.0.1:1/nowhere']);
    const bad = await repo.aml(['push']);
    expect(bad.code).toBe(1);
    expect(errorCode(bad), bad.stderr).toBe('LfsUploadError');
    expect(execFileSync('git', ['for-each-ref', 'refs/heads/AzureMLHistory'], { cwd: bare, env: sealed.env, encoding: 'utf8' })).toBe('');
    repo.git(['config', '--unset', 'lfs.url']);
    const ok = await repo.aml(['push']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await lfsFilesOn(bare)).toHaveLength(1);
  });
});
