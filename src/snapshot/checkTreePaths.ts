import { UnsafePathError } from '../errors/historyErrors.js';

export interface TreeEntry {
  mode: string;
  path: string;
}

/**
 * Refuses a tree that would write outside its folder or into git's own: `..`, absolute paths, `.git` as any
 * component in any case (and its short name `git~1`, which git itself refuses), and any path that runs
 * through an entry the same tree makes a symlink. On Windows also backslashes and drive letters, which
 * are separators and roots there; elsewhere they are ordinary characters git checks out as such.
 * Checked before a single file is written.
 */
export function checkTreePaths(entries: TreeEntry[], windows = process.platform === 'win32'): void {
  const links = new Set(entries.filter((e) => e.mode === '120000').map((e) => e.path));
  for (const e of entries) {
    const p = e.path;
    const parts = p.split('/');
    let why: string | undefined;
    if (!p || p.startsWith('/') || (windows && /^[A-Za-z]:/.test(p))) why = 'is absolute';
    else if (windows && p.includes('\\')) why = 'contains a backslash';
    else if (parts.some((c) => c === '..' || c === '.' || c === '')) why = 'escapes its folder';
    else if (parts.some((c) => c.toLowerCase() === '.git' || /^git~\d+$/i.test(c))) why = 'writes into .git';
    else {
      for (let i = 1; i < parts.length; i++) {
        if (links.has(parts.slice(0, i).join('/'))) {
          why = `runs through the symlink ${parts.slice(0, i).join('/')}`;
          break;
        }
      }
    }
    if (why) {
      throw new UnsafePathError(`Refusing to write the snapshot: the path "${p}" ${why}.`, {
        hint: 'The run was recorded or pushed by a tool that does not follow git\'s path rules; inspect it with git ls-tree -r <run commit> and report it to its author.',
        data: { path: p },
      });
    }
  }
}

/** Parses `git ls-tree -r -z --full-tree` output. */
export function parseLsTree(out: string): (TreeEntry & { type: string; oid: string })[] {
  return out.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, oid] = line.slice(0, tab).split(' ');
    return { mode, type, oid, path: line.slice(tab + 1) };
  });
}
