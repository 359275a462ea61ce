import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Whether `name` is an executable on PATH: our hook scripts find `git aml` only that way. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}
