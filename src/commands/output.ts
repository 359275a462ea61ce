// A closed pipe (`git aml history list | head -1`) is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

/** The one place commands talk to the user. Messages go to stderr; stdout is for data (tables, --json). */
export function say(line: string): void {
  process.stderr.write(`git aml: ${line}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export function printJson(data: unknown): void {
  process.stdout.write(JSON.stringify(data, null, 2) + '\n');
}
