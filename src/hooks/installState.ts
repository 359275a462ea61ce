import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file we edited (husky's `.husky/<hook>`, lefthook-local.yml): its bytes and mode before, a hash after. */
export interface EditRecord {
  path: string;
  /** base64 of the bytes before our first edit; null when we created the file. */
  before: string | null;
  mode: number | null;
  /** sha256 of what we left: uninstall puts `before` back only if the file is still exactly that. */
  after: string;
}

/**
 * What uninstall cannot read from the files themselves. Our hook scripts and the hooks they chain are
 * recognised by their markers and names; edited files need their original bytes, created folders a list.
 */
export interface InstallState {
  version: 1;
  edits: EditRecord[];
  dirs: string[];
}

export const emptyState = (): InstallState => ({ version: 1, edits: [], dirs: [] });

export const statePath = (commonDir: string) => path.join(commonDir, 'aml', 'hooks-installed.json');

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export async function readState(commonDir: string): Promise<InstallState> {
  const text = await fs.readFile(statePath(commonDir), 'utf8').catch(() => undefined);
  if (!text) return emptyState();
  try {
    const s = JSON.parse(text) as InstallState;
    return { version: 1, edits: Array.isArray(s.edits) ? s.edits : [], dirs: Array.isArray(s.dirs) ? s.dirs : [] };
  } catch {
    return emptyState();
  }
}

/** Writes the state, or removes the file when nothing is left to undo. Unchanged state is not rewritten. */
export async function writeState(commonDir: string, state: InstallState): Promise<void> {
  const file = statePath(commonDir);
  if (!state.edits.length && !state.dirs.length) {
    await fs.rm(file, { force: true });
    return;
  }
  const text = JSON.stringify(state, null, 2) + '\n';
  if ((await fs.readFile(file, 'utf8').catch(() => '')) === text) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}
