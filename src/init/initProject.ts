import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gitIn, type Git } from '../git/runGit.js';
import { findRepo } from '../git/findRepo.js';
import { gitIdentity } from '../git/identity.js';
import { loadConfig } from '../config/loadConfig.js';
import { projectIdentity } from '../snapshot/projectIdentity.js';
import { FolderNotEmptyError, InitPushFailedError, InvalidProjectNameError, OriginConflictError, RemoteHasMasterError, UnknownTemplateError } from '../errors/initErrors.js';
import { TEMPLATES, TEMPLATE_NAMES } from './templates.js';
import { AMLIGNORE_LINES, GITIGNORE_LINES, amlConfigFiles, withLines } from './projectFiles.js';
import { probeRemote } from './probeRemote.js';
import { redactUrl } from '../git/redactUrl.js';

export interface InitOptions {
  dir?: string;
  name?: string;
  template: string;
  remote?: string;
  force: boolean;
}

export interface InitResult {
  dir: string;
  name: string;
  projectId: string;
  template: string;
  /** Files written or changed, relative to the project's top. */
  changed: string[];
  /** The commit that added them, when anything changed. */
  commit?: string;
  branch?: string;
  /** The remote's master was cloned and the project built on top of it. */
  cloned: boolean;
  pushed: boolean;
}

export const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks the inputs before anything is touched; returns the folder and name to use. */
export function checkInitOptions(o: InitOptions, cwd: string): { dir: string; name: string } {
  const dir = path.resolve(cwd, o.dir ?? '.');
  const name = o.name ?? path.basename(dir);
  if (!PROJECT_NAME.test(name) || name.length > 64) {
    throw new InvalidProjectNameError(`"${name}" is not a valid project name: use letters, digits, ".", "_" and "-" (up to 64), starting with a letter or digit.`, {
      hint: `git aml init ${o.dir ?? '.'} --name ${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-._]+/, '').slice(0, 64) || 'my-project'}`,
      data: { name },
    });
  }
  if (!(o.template in TEMPLATES)) {
    throw new UnknownTemplateError(`Unknown template "${o.template}". Templates: ${TEMPLATE_NAMES.map((t) => `${t} (${TEMPLATES[t].description})`).join('; ')}.`, {
      hint: `git aml init ${o.dir ?? '.'} --template ${TEMPLATE_NAMES[0]}`,
      data: { template: o.template, known: TEMPLATE_NAMES },
    });
  }
  return { dir, name };
}

type Place = 'missing' | 'empty' | 'repo';

/** What is at the folder: nothing, an empty folder, or a repository's top. Anything else is refused. */
async function placeOf(outside: Git, dir: string): Promise<Place> {
  const names = await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (!names) return 'missing';
  const top = await outside(['-C', dir, 'rev-parse', '--show-toplevel'], { allowFail: true });
  if (top.code === 0 && path.resolve(top.stdout.trim()) === (await fs.realpath(dir))) return 'repo';
  if (!names.length) return 'empty';
  throw new FolderNotEmptyError(`${dir} has files but is not the top of a git repository; git aml init makes a project only in an empty folder or an existing repository.`, {
    hint: `Make it a repository first (cd ${dir} && git init && git add -A && git commit -m "first commit"), then: git aml init`,
    data: { dir },
  });
}

/**
 * Makes `dir` a project: a repository (cloned from `remote` when it has master), the template's files,
 * aml_config/, ignore entries and .gitamlrc.json with the name and a stable id, committed on the current
 * branch and pushed to `remote`. Existing files are kept; a second run changes nothing. On failure
 * before the commit, everything made is taken away again.
 */
export async function initProject(o: InitOptions, deps: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<InitResult> {
  const { dir, name } = checkInitOptions(o, deps.cwd);
  const outside = gitIn(deps.cwd, deps.env);
  const place = await placeOf(outside, dir);
  const remote = o.remote ? await probeRemote(outside, o.remote) : undefined;
  if (remote?.master && o.template !== 'blank' && !o.force) {
    throw new RemoteHasMasterError(`${redactUrl(o.remote!)} already has a master branch; the ${o.template} template starts a new project. Nothing was made.`, {
      hint: `Build on it with the blank template (git aml init ${o.dir ?? '.'} --remote ${redactUrl(o.remote!)}), or replace its files with the template as a new commit: git aml init ${o.dir ?? '.'} --template ${o.template} --remote ${redactUrl(o.remote!)} --force`,
      data: { remote: redactUrl(o.remote!) },
    });
  }
  const git = gitIn(dir, deps.env);
  const undo: (() => Promise<void>)[] = [];
  try {
    if (place === 'missing') undo.push(() => fs.rm(dir, { recursive: true, force: true }));
    if (place === 'empty') undo.push(async () => { for (const n of await fs.readdir(dir)) await fs.rm(path.join(dir, n), { recursive: true, force: true }); });
    const cloned = place !== 'repo' && !!remote?.master;
    if (cloned) await outside(['clone', '--quiet', '--branch', 'master', '--', o.remote!, dir]);
    else if (place !== 'repo') {
      await fs.mkdir(dir, { recursive: true });
      await outside(['init', '--quiet', '--', dir]);
    }
    if (o.remote && (await linkOrigin(git, dir, o.remote, !!remote?.master, place === 'repo'))) {
      undo.push(async () => void (await git(['remote', 'remove', 'origin'], { allowFail: true })));
    }
    if (cloned && o.template !== 'blank') await git(['rm', '-r', '-q', '--ignore-unmatch', '--', '.']); // --force: the template replaces master's files

    const repo = await findRepo(git, dir);
    const config = await loadConfig(dir, repo.top);
    // An existing project keeps the id its runs were recorded under; a new one gets a random id now,
    // because its root commit (the usual source of the id) does not exist yet.
    const projectId = config.projectId ?? (repo.head ? (await projectIdentity(git, repo, config)).id : randomBytes(6).toString('hex'));
    const files = { ...TEMPLATES[o.template].files(name), ...amlConfigFiles() };
    const changed: string[] = [];
    const write = async (rel: string, text: string, before?: string) => {
      const full = path.join(repo.top, rel);
      await fs.mkdir(path.dirname(full), { recursive: true });
      await fs.writeFile(full, text);
      changed.push(rel);
      undo.push(() => (before === undefined ? fs.rm(full, { force: true }) : fs.writeFile(full, before)));
    };
    const read = (rel: string) => fs.readFile(path.join(repo.top, rel), 'utf8').catch(() => undefined);
    for (const [rel, text] of Object.entries(files)) if ((await read(rel)) === undefined) await write(rel, text);
    for (const [rel, lines] of [['.gitignore', GITIGNORE_LINES], ['.amlignore', AMLIGNORE_LINES]] as const) {
      const before = await read(rel);
      const after = withLines(before ?? '', lines);
      if (after !== undefined) await write(rel, after, before);
    }
    const rc = await projectSettings(repo.top, config.filepath, name, projectId);
    if (rc) await write('.gitamlrc.json', rc.text, rc.before);

    const identity = await gitIdentity(git);
    let commit: string | undefined;
    const staged = async () => (await git(['diff', '--cached', '--quiet'], { allowFail: true })).code !== 0;
    if (changed.length || (cloned && (await staged()))) {
      // The user's index goes back byte for byte if the commit fails.
      const index = path.join(repo.gitDir, 'index');
      const indexBefore = await fs.readFile(index).catch(() => undefined);
      undo.push(() => (indexBefore ? fs.writeFile(index, indexBefore) : fs.rm(index, { force: true })));
      await git(['add', '--', ...changed]);
      const subject = `Create project ${name} from the ${o.template} template (git aml init)`;
      // Only our paths: anything the user had staged stays staged and uncommitted (a forced template also takes the removals).
      await git(['commit', '-q', '--no-verify', '-m', subject, ...(cloned ? [] : ['--', ...changed])], { env: identity.env });
      commit = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    }
    // From here an existing repo keeps its new commit (a failed push is retried by hand); a new folder still goes.
    if (place === 'repo') undo.length = 0;
    const branch = (await git(['symbolic-ref', '-q', '--short', 'HEAD'], { allowFail: true })).stdout.trim() || undefined;
    let pushed = false;
    if (o.remote) {
      const p = await git(['push', '-q', '-u', 'origin', `HEAD:refs/heads/${branch ?? 'master'}`], { allowFail: true, env: { GIT_TERMINAL_PROMPT: '0' } });
      if (p.code !== 0) {
        throw new InitPushFailedError(`Could not push the project to ${redactUrl(o.remote)}: ${redactUrl(p.stderr.trim().split('\n').pop() ?? '')}`, {
          hint: place === 'repo' ? `cd ${dir} && git push -u origin ${branch ?? 'master'}` : `git ls-remote ${redactUrl(o.remote)}`,
          data: { remote: redactUrl(o.remote!) },
        });
      }
      pushed = true;
    }
    return { dir: repo.top, name, projectId, template: o.template, changed, commit, branch, cloned, pushed };
  } catch (e) {
    for (const step of undo.reverse()) await step().catch(() => {});
    throw e;
  }
}

/** Adds origin (returns true), or accepts one that already points at the same place; a different origin is refused. */
async function linkOrigin(git: Git, dir: string, url: string, remoteHasMaster: boolean, existing: boolean): Promise<boolean> {
  const current = (await git(['remote', 'get-url', 'origin'], { allowFail: true })).stdout.trim();
  if (current && current !== url) {
    throw new OriginConflictError(`${dir} already has origin = ${current}; not changing it to ${url}.`, {
      hint: `Use that remote (git aml init --remote ${current}), or change it yourself: git remote set-url origin ${url}`,
      data: { origin: current, url },
    });
  }
  if (existing && remoteHasMaster) {
    // An existing repo may link a remote whose master it already contains; unrelated work is not overwritten.
    await git(['fetch', '-q', '--', url, 'refs/heads/master']);
    const ok = await git(['merge-base', '--is-ancestor', 'FETCH_HEAD', 'HEAD'], { allowFail: true });
    if (ok.code !== 0) {
      throw new RemoteHasMasterError(`${url} has a master with commits this repository does not have.`, {
        hint: `Bring them in first (git pull origin master), then: git aml init --remote ${url}`,
        data: { remote: url },
      });
    }
  }
  if (current) return false;
  await git(['remote', 'add', 'origin', url]);
  return true;
}

/** The .gitamlrc.json text with the name and id added, or undefined when the project's settings have them. */
async function projectSettings(top: string, found: string | undefined, name: string, projectId: string): Promise<{ text: string; before?: string } | undefined> {
  const file = path.join(top, '.gitamlrc.json');
  if (found && path.resolve(found) !== file) return undefined; // settings live elsewhere (package.json, YAML): leave them be
  const before = await fs.readFile(file, 'utf8').catch(() => undefined);
  const current = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  if (current.name && current.projectId) return undefined;
  const next = { name, projectId, ...current };
  return { text: JSON.stringify(next, null, 2) + '\n', before };
}
