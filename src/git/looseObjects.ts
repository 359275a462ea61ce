import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

export type ObjectFormat = 'sha1' | 'sha256';

export interface TreeItem {
  mode: '100644' | '100755' | '120000' | '40000' | '160000';
  name: string;
  oid: string;
}

export interface CommitInput {
  tree: string;
  parents: string[];
  /** "Name <email> 1767225600 +0000", as `git var GIT_AUTHOR_IDENT` prints it. */
  author: string;
  committer: string;
  message: string;
}

/**
 * Writes blobs, trees and commits straight into .git/objects as loose objects, in process. Recording a run
 * writes a handful of small objects after the script ends; doing it here instead of spawning hash-object,
 * update-index, write-tree and commit-tree saves ~15 ms of `git aml run` (bench/README.md), and an in-process
 * library (isomorphic-git) costs ~50 ms just to load. The format is git's own: "<type> <size>\0<body>",
 * hashed, zlib-deflated, written to a temporary file and renamed into place, so readers never see half an object.
 */
export class LooseObjects {
  constructor(private readonly objectsDir: string, private readonly format: ObjectFormat = 'sha1') {}

  async write(type: 'blob' | 'tree' | 'commit', body: Buffer): Promise<string> {
    const raw = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
    const oid = createHash(this.format).update(raw).digest('hex');
    const dir = path.join(this.objectsDir, oid.slice(0, 2));
    const file = path.join(dir, oid.slice(2));
    if (await fs.stat(file).catch(() => undefined)) return oid;
    const data = await deflateAsync(raw);
    await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `tmp_obj_${process.pid}_${Math.random().toString(36).slice(2)}`);
    await fs.writeFile(tmp, data, { mode: 0o444 });
    await fs.rename(tmp, file);
    return oid;
  }

  blob(content: Buffer | string): Promise<string> {
    return this.write('blob', Buffer.isBuffer(content) ? content : Buffer.from(content));
  }

  /** Entries in git's order: by name, with a tree's name compared as if it ended in "/". */
  tree(items: TreeItem[]): Promise<string> {
    const key = (i: TreeItem) => Buffer.from(i.mode === '40000' ? `${i.name}/` : i.name);
    const sorted = [...items].sort((a, b) => Buffer.compare(key(a), key(b)));
    const body = Buffer.concat(sorted.map((i) => Buffer.concat([Buffer.from(`${i.mode} ${i.name}\0`), Buffer.from(i.oid, 'hex')])));
    return this.write('tree', body);
  }

  /** A tree (with subtrees) from '/'-separated paths. */
  async treeFromPaths(files: { path: string; mode: '100644' | '100755'; oid: string }[]): Promise<string> {
    const root: Dir = new Map();
    for (const f of files) {
      const parts = f.path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.get(part);
        if (!(next instanceof Map)) dir.set(part, (next = new Map()));
        dir = next;
      }
      dir.set(parts[parts.length - 1], { mode: f.mode, oid: f.oid });
    }
    const writeDir = async (dir: Dir): Promise<string> => {
      const items: TreeItem[] = [];
      for (const [name, v] of dir) {
        items.push(v instanceof Map ? { mode: '40000', name, oid: await writeDir(v) } : { mode: v.mode, name, oid: v.oid });
      }
      return this.tree(items);
    };
    return writeDir(root);
  }

  commit(c: CommitInput): Promise<string> {
    const head = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${c.author}`, `committer ${c.committer}`];
    return this.write('commit', Buffer.from(`${head.join('\n')}\n\n${c.message}`));
  }
}

type Dir = Map<string, Dir | { mode: '100644' | '100755'; oid: string }>;

/** "Name <email> <seconds> <±hhmm>" for `date`, in the machine's time zone, as git writes it. */
export function identLine(name: string, email: string, date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const tz = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${name} <${email}> ${Math.floor(date.getTime() / 1000)} ${tz}`;
}
