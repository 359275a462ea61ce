import { describe, expect, it } from 'vitest';
import { checkTreePaths } from '../../src/snapshot/checkTreePaths.js';

const file = (path: string) => ({ mode: '100644', path });

describe('checkTreePaths', () => {
  it('accepts ordinary paths, dotfiles and names that only contain "git"', () => {
    expect(() => checkTreePaths([file('a/b.py'), file('.gitignore'), file('x/.github/ci.yml'), file('gitx/y'), { mode: '120000', path: 'link' }])).not.toThrow();
  });

  it.each([
    '../escape', 'a/../../b', '/etc/passwd', '.git/hooks/pre-commit', 'sub/.GIT/config', 'sub/.Git/x', 'a//b', 'git~1/config',
  ])('refuses %s', (p) => {
    expect(() => checkTreePaths([file(p)])).toThrow(expect.objectContaining({ code: 'UnsafePathError' }));
  });

  it.each(['a\\b', 'C:/x', 'c:notes.txt'])('refuses %s on Windows only, where it is a separator or a root', (p) => {
    expect(() => checkTreePaths([file(p)], true)).toThrow(expect.objectContaining({ code: 'UnsafePathError' }));
    expect(() => checkTreePaths([file(p)], false)).not.toThrow();
  });

  it('refuses a path that runs through a symlink of the same tree', () => {
    expect(() => checkTreePaths([{ mode: '120000', path: 'evil' }, file('evil/passwd')])).toThrow(expect.objectContaining({ code: 'UnsafePathError' }));
  });
});
