/** argv as a line the user can paste into a POSIX shell: words with anything but safe characters are quoted. */
export function shellQuote(argv: string[]): string {
  return argv.map((a) => (a !== '' && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
