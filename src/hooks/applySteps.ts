import fs from 'node:fs/promises';
import path from 'node:path';
import type { HookStep } from './HookStep.js';
import { sha256, type InstallState } from './installState.js';

/**
 * Carries out a plan. Edits record the original bytes in `state` before changing the file (the first
 * edit's original is kept across reinstalls), so uninstall can give back exactly what was there.
 */
export async function applySteps(steps: HookStep[], state: InstallState): Promise<InstallState> {
  const next: InstallState = { version: 1, edits: [...state.edits], dirs: [...state.dirs] };
  for (const s of steps) {
    switch (s.op) {
      case 'mkdir':
        await fs.mkdir(s.path, { recursive: true });
        if (!next.dirs.includes(s.path)) next.dirs.push(s.path);
        break;
      case 'write':
        await fs.writeFile(s.path, s.content);
        await fs.chmod(s.path, s.mode);
        break;
      case 'rename':
        // rename() would silently replace; the plan checked, this guards against a race.
        if (await fs.lstat(s.to).catch(() => undefined)) throw new Error(`${s.to} appeared while installing hooks`);
        await fs.rename(s.from, s.to);
        break;
      case 'edit': {
        const i = next.edits.findIndex((e) => e.path === s.path);
        if (i < 0) {
          const before = await fs.readFile(s.path).catch(() => null);
          const mode = before ? (await fs.stat(s.path)).mode & 0o7777 : null;
          next.edits.push({ path: s.path, before: before?.toString('base64') ?? null, mode, after: '' });
        }
        await fs.mkdir(path.dirname(s.path), { recursive: true });
        await fs.writeFile(s.path, s.content, { mode: s.mode });
        const e = next.edits.find((x) => x.path === s.path)!;
        e.after = sha256(s.content);
        break;
      }
      case 'restore':
        if (s.bytes === null) await fs.rm(s.path, { force: true });
        else {
          await fs.writeFile(s.path, s.bytes);
          if (s.mode !== null) await fs.chmod(s.path, s.mode);
        }
        next.edits = next.edits.filter((e) => e.path !== s.path);
        break;
      case 'remove':
        await fs.rm(s.path, { force: true });
        break;
      case 'rmdir':
        await fs.rmdir(s.path).catch(() => {}); // not empty: someone put files there; keep it
        next.dirs = next.dirs.filter((d) => d !== s.path);
        break;
    }
  }
  return next;
}
