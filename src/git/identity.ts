import os from 'node:os';
import type { Git } from './runGit.js';
import { identLine } from './looseObjects.js';
import { gitVars, type GitVars } from './gitVars.js';

export interface Identity {
  name: string;
  email: string;
  /** Author and committer lines for a commit written now ("Name <email> <seconds> <zone>"). */
  idents: () => { author: string; committer: string };
  /** Environment for a native `git commit` when git has no identity of its own (so it cannot refuse). */
  env?: NodeJS.ProcessEnv;
}

const IDENT = /^(.*) <(.*)> (\d+ [+-]\d{4})$/;

/** An identity that stamps commits with the current time (or GIT_*_DATE when set, as git does). */
export function identityOf(author: { name: string; email: string }, committer = author, fixed: { author?: string; committer?: string } = {}): Identity {
  return {
    ...author,
    idents: () => ({
      author: fixed.author ?? identLine(author.name, author.email, new Date()),
      committer: fixed.committer ?? identLine(committer.name, committer.email, new Date()),
    }),
  };
}

/**
 * The author and committer git would write, from `git var` (which honours user.*, GIT_AUTHOR_* and
 * GIT_COMMITTER_* exactly as commit does); the login and host name when git has none configured.
 * `known` saves the call when the caller already asked git.
 */
export async function gitIdentity(git: Git, known?: GitVars): Promise<Identity> {
  const vars = known ?? (await gitVars(git));
  // git reports an auto-detected identity that commit would then refuse: an empty name or address, or one
  // git could not complete ("user@host.(none)"). That is the same test git applies.
  const parse = (line: string | undefined) => {
    const m = IDENT.exec((line ?? '').trim());
    return m && m[1].trim() && m[2].trim() && !m[2].endsWith('.(none)') ? { name: m[1], email: m[2], line: line!.trim() } : undefined;
  };
  const login = os.userInfo().username || 'git-aml';
  const fallback = { name: login, email: `${login}@${os.hostname() || 'localhost'}`, line: undefined };
  const author = parse(vars.author) ?? fallback;
  const committer = parse(vars.committer) ?? author;
  // A date fixed through the environment (tests, reproducible builds) is kept, as commit-tree would.
  const id = identityOf(author, committer, {
    author: process.env.GIT_AUTHOR_DATE ? author.line : undefined,
    committer: process.env.GIT_COMMITTER_DATE ? committer.line : undefined,
  });
  if (author === fallback) {
    id.env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: committer.name, GIT_COMMITTER_EMAIL: committer.email };
  }
  return id;
}
