import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `dir` (recursively) as "mode sha256", symlinks as "-> target": what uninstall must
 * give back byte for byte, modes included. Missing folder → {}.
 */
export async function fileFingerprints(dir: string, opts: { skip?: (rel: string) => boolean } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    const entries = await fs.readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (opts.skip?.(rel)) continue;
      if (e.isSymbolicLink()) out[rel] = `-> ${await fs.readlink(p)}`;
      else if (e.isDirectory()) {
        out[rel + '/'] = 'dir';
        await walk(p);
      } else {
        const st = await fs.stat(p);
        out[rel] = `${(st.mode & 0o7777).toString(8)} ${createHash('sha256').update(await fs.readFile(p)).digest('hex')}`;
      }
    }
  }
  await walk(dir);
  return out;
}
