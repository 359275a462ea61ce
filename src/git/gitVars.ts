import os from 'node:os';
import type { Git } from './runGit.js';

export interface GitVars {
  /** "Name <email> <seconds> <zone>" as git would write it (possibly auto-detected). */
  author?: string;
  committer?: string;
  /** core.excludesFile with `~/` expanded, when set. */
  excludesFile?: string;
}

/**
 * One `git var -l` answers what a run needs from git's configuration: author, committer and the user's own
 * excludes file (three calls otherwise, on the path every run takes).
 */
export async function gitVars(git: Git): Promise<GitVars> {
  const r = await git(['var', '-l'], { allowFail: true });
  const vars: GitVars = {};
  for (const line of r.stdout.split('\n')) {
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (key === 'GIT_AUTHOR_IDENT') vars.author = value;
    else if (key === 'GIT_COMMITTER_IDENT') vars.committer = value;
    else if (key.toLowerCase() === 'core.excludesfile') vars.excludesFile = value.replace(/^~(?=\/)/, os.homedir());
  }
  return vars;
}
