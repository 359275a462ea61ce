/**
 * Why `name` (a branch name, after `refs/heads/`) is not a valid git ref, or undefined when it is: the
 * rules of `git check-ref-format`, checked here so a bad setting is refused before any script runs.
 */
export function refNameProblem(name: string): string | undefined {
  if (!name) return 'it is empty';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'it has an empty path component';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{') || name === '@') return 'it contains "@{"';
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `the component "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `the component "${part}" ends with ".lock"`;
  }
  return undefined;
}
