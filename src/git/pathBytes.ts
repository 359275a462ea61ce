import path from 'node:path';

/**
 * Paths are bytes to git, not text: a name need not be valid UTF-8. Read from git as latin1 (one char per
 * byte), such a path goes back to git, and to the file system, as the same bytes; it is decoded as UTF-8
 * only to be shown to a person.
 */
export const PATH_ENCODING = 'latin1';

/** Paths for a `-z --stdin` git command, as the bytes git gave. */
export function pathsInput(paths: string[]): Buffer {
  return Buffer.from(paths.map((p) => `${p}\0`).join(''), PATH_ENCODING);
}

/** A git path under `top` as the file system wants it. */
export function onDisk(top: string, p: string): Buffer {
  return Buffer.concat([Buffer.from(`${top}${path.sep}`), Buffer.from(p, PATH_ENCODING)]);
}

/** A git path as people read it. */
export function shown(p: string): string {
  return Buffer.from(p, PATH_ENCODING).toString('utf8');
}
