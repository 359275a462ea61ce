import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Regular files under `dir` (relative paths, '/'-separated) with size and mtime; symlinks are not followed. */
export async function stampFiles(dir: string): Promise<Record<string, FileStamp>> {
  const out: Record<string, FileStamp> = {};
  async function walk(rel: string): Promise<void> {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    await Promise.all(entries.map(async (e) => {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return walk(p);
      if (!e.isFile()) return;
      const st = await fs.stat(path.join(dir, p)).catch(() => undefined);
      if (st) out[p] = { size: st.size, mtimeMs: st.mtimeMs };
    }));
  }
  await walk('');
  return out;
}

/**
 * The files a run wrote or changed in outputs/, oldest results excluded, taken largest-last until
 * `limitBytes` is reached; the rest are named as left out rather than silently dropped.
 */
export function pickOutputs(before: Record<string, FileStamp>, after: Record<string, FileStamp>, limitBytes: number) {
  const changed = Object.entries(after)
    .filter(([p, s]) => !before[p] || before[p].size !== s.size || before[p].mtimeMs !== s.mtimeMs)
    .sort((a, b) => a[1].size - b[1].size || a[0].localeCompare(b[0]));
  const taken: string[] = [];
  const leftOut: string[] = [];
  let used = 0;
  for (const [p, s] of changed) {
    if (used + s.size <= limitBytes) {
      taken.push(p);
      used += s.size;
    } else leftOut.push(p);
  }
  return { taken: taken.sort(), leftOut: leftOut.sort() };
}
