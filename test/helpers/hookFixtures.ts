import fs from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI_ENTRY } from './runCli.js';

/** A user's own hook: records its arguments and everything git wrote on its stdin, then exits `status`. */
export function markerHook(marker: string, status = 0): string {
  return `#!/bin/sh\necho "args: $*" >> '${marker}'\ncat >> '${marker}'\nexit ${status}\n`;
}

export async function writeExecutable(p: string, text: string, mode = 0o755): Promise<void> {
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, text);
  await fs.chmod(p, mode);
}

export const readIf = (p: string) => fs.readFile(p, 'utf8').catch(() => '');

/**
 * Whether this build has `git aml push` (the remote branch adds it). Tests of delivery through the
 * pre-push hook need it; until then they are skipped, visibly, by this flag.
 */
export const pushCommandExists = /^\s*git aml push\b/m.test(spawnSync(process.execPath, [CLI_ENTRY, '--help'], { encoding: 'utf8' }).stdout ?? '');

export const TRAIN = 'import sys\nprint("training", sys.argv[1:])\n';
