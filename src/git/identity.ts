import os from 'node:os';
import type { Git } from './runGit.js';

export interface Identity {
  name: string;
  email: string;
  /** Environment to hand commit-tree when git has no identity configured (so a first run never fails). */
  env?: NodeJS.ProcessEnv;
}

/** The user git would write as author; falls back to the login and host name when none is configured. */
export async function gitIdentity(git: Git): Promise<Identity> {
  const r = await git(['var', 'GIT_AUTHOR_IDENT'], { allowFail: true });
  const m = /^(.*) <(.*)> \d+ [+-]\d{4}$/.exec(r.stdout.trim());
  // git var reports an auto-detected identity that commit-tree would then refuse: an empty name, or an
  // address git could not complete ("user@host.(none)"). That is the same test git applies.
  if (r.code === 0 && m && m[1].trim() && !m[2].endsWith('.(none)')) return { name: m[1], email: m[2] };
  const name = os.userInfo().username || 'git-aml';
  const email = `${name}@${os.hostname() || 'localhost'}`;
  return {
    name,
    email,
    env: { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email },
  };
}
