import yargs from 'yargs';
import type { Argv } from 'yargs';
import { UsageError } from './errors/AmlError.js';
import { RUN_STATUSES } from './snapshot/RunRecord.js';
import { shareBuilder, shareOptionsFrom, unshareBuilder, unshareOptionsFrom } from './commands/shareArgs.js';

/** A parsed command: its name and typed options, before anything runs (tests call parseOnly). */
export type Dispatch = (command: string, options: Record<string, unknown>) => Promise<number>;

/** Default dispatch: imports the command's module only now, so start-up never loads what it doesn't run. */
export const dispatchCommand: Dispatch = async (command, o) => {
  switch (command) {
    case 'history list': return (await import('./commands/historyList.js')).historyListCommand(o as never);
    case 'history show': return (await import('./commands/historyShow.js')).historyShowCommand(o as never);
    case 'history download': return (await import('./commands/historyDownload.js')).historyDownloadCommand(o as never);
    case 'restore': return (await import('./commands/restore.js')).restoreCommand(o as never);
    case 'init': return (await import('./commands/init.js')).initCommand(o as never);
    case 'projects': return (await import('./commands/projects.js')).projectsCommand(o as never);
    case 'download': return (await import('./commands/download.js')).downloadCommand(o as never);
    case 'clone-latest': return (await import('./commands/cloneLatest.js')).cloneLatestCommand(o as never);
    case 'share': return (await import('./commands/share.js')).shareCommand(o as never);
    case 'share --list': return (await import('./commands/shareList.js')).shareListCommand(o as never);
    case 'unshare': return (await import('./commands/unshare.js')).unshareCommand(o as never);
    case 'hooks install': return (await import('./commands/hooksInstall.js')).hooksInstallCommand(o as never);
    case 'hooks uninstall': return (await import('./commands/hooksUninstall.js')).hooksUninstallCommand();
    case 'hooks status': return (await import('./commands/hooksStatus.js')).hooksStatusCommand(o as never);
    case 'push': return (await import('./commands/push.js')).pushCommand(o as never);
    case 'fetch': return (await import('./commands/fetch.js')).fetchCommand(o as never);
    case 'sync': return (await import('./commands/sync.js')).syncCommand(o as never);
    default: throw new UsageError(`Unknown command: ${command}`, { hint: 'git aml -h' });
  }
};

/** `--remote` and `--json`, shared by push, fetch and sync. */
function remoteArgs(y: Argv) {
  return y
    .option('remote', { type: 'string', describe: 'remote to use (default: the config\'s remote, origin)' })
    .option('json', { type: 'boolean', default: false, describe: 'print what happened as JSON' });
}
const remotePick = (a: Record<string, unknown>) => ({ remote: a.remote as string | undefined, json: a.json as boolean });

function runRefArg(y: Argv) {
  return y.positional('run', { type: 'string', describe: 'run id, unique id prefix, run number, or "latest"', demandOption: true });
}

/** A whole number from 1 up, or a usage error (checked in the handler: yargs hides errors thrown in coerce). */
function positiveInt(flag: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number from 1 up, not "${String(v)}".`, { hint: `git aml history list ${flag} 5` });
  return n;
}

/** A run status in any case (`failed`, `Failed`), as the record spells it; a usage error otherwise. */
function runStatus(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const found = RUN_STATUSES.find((st) => st.toLowerCase() === String(v).toLowerCase());
  if (!found) throw new UsageError(`--status takes one of ${RUN_STATUSES.join(', ')}, not "${String(v)}".`, { hint: 'git aml history list --status Failed' });
  return found;
}

const GROUPS: Record<string, string[]> = {
  history: ['list', 'show', 'download', 'restore'],
  hooks: ['install', 'uninstall', 'status', 'run'],
};
const COMMANDS = ['run', 'history', 'restore', 'clone-latest', 'init', 'projects', 'download', 'share', 'unshare', 'hooks', 'push', 'fetch', 'sync'];

/**
 * The help to point at after a usage error: the command the user got right, as far as it goes. `-h`, not
 * `--help`: git turns `git aml --help` into `git help aml`, which looks for a man page.
 */
export function helpHint(argv: string[]): string {
  const words: string[] = [];
  if (COMMANDS.includes(argv[0])) {
    words.push(argv[0]);
    if (GROUPS[argv[0]]?.includes(argv[1])) words.push(argv[1]);
  }
  return ['git aml', ...words, '-h'].join(' ');
}

export async function yargsRoot(argv: string[], version: string, dispatch: Dispatch = dispatchCommand): Promise<number> {
  let code = 0;
  const call = (name: string, pick: (a: Record<string, unknown>) => Record<string, unknown>) =>
    async (a: Record<string, unknown>) => {
      code = await dispatch(name, pick(a));
    };
  const restore = (y: Argv) => runRefArg(y).option('force', { type: 'boolean', default: false, describe: 'save uncommitted work first, then restore' });
  const restorePick = (a: Record<string, unknown>) => ({ run: String(a.run), force: a.force as boolean });

  const parser = yargs(argv)
    .scriptName('git aml')
    .version(version)
    .usage('$0 <command> [options]')
    .command('run [options] <script> [args..]', 'run a script and record it on the run-history branch (git aml run --help)', () => {}, () => {})
    .command('history', 'list, show, download and restore recorded runs', (y) => y
      .command('list', 'list runs, newest first', (y2) => y2
        .option('n', { alias: 'max-count', type: 'number', describe: 'show at most N runs' })
        .option('status', { type: 'string', describe: `only runs with this status: ${RUN_STATUSES.join(', ')} (any case)` })
        .option('json', { type: 'boolean', default: false, describe: 'print the run records as a JSON array' }),
      call('history list', (a) => ({ maxCount: positiveInt('-n', a.n), status: runStatus(a.status), json: a.json as boolean })))
      .command('show <run>', 'show a run: record, metrics, artifacts, changed files', (y2) => runRefArg(y2)
        .option('json', { type: 'boolean', default: false })
        .option('log', { type: 'boolean', default: false, describe: 'print the run\'s log' }),
      call('history show', (a) => ({ run: String(a.run), json: a.json as boolean, log: a.log as boolean })))
      .command('download <run> <dir>', 'write a run\'s snapshot and artifacts into a new folder', (y2) => runRefArg(y2)
        .positional('dir', { type: 'string', demandOption: true }),
      call('history download', (a) => ({ run: String(a.run), dir: String(a.dir) })))
      .command('restore <run>', 'make the working tree that run\'s snapshot (same as git aml restore)', restore, call('restore', restorePick))
      .demandCommand(1, 'Name a history subcommand: list, show, download or restore.'))
    .command('restore <run>', 'make the working tree a run\'s snapshot; HEAD and the index stay', restore, call('restore', restorePick))
    .command('clone-latest <url> [dir]', 'clone a project as of its latest run: the run\'s snapshot as unstaged changes', (y) => y
      .positional('url', { type: 'string', demandOption: true })
      .positional('dir', { type: 'string', describe: 'folder to clone into (default: the project\'s name)' })
      .option('run', { type: 'string', describe: 'lay this run instead of the latest' })
      .option('branch', { type: 'string', describe: 'check out this branch instead of the remote\'s default' })
      .option('json', { type: 'boolean', default: false }),
    call('clone-latest', (a) => ({ url: String(a.url), dir: a.dir as string | undefined, run: a.run as string | undefined, branch: a.branch as string | undefined, json: a.json as boolean })))
    .command('init [dir]', 'make a folder a project: repo, template, aml_config/, settings; optionally linked to a remote', (y) => y
      .positional('dir', { type: 'string', describe: 'the project folder (default: the current one)' })
      .option('name', { type: 'string', describe: 'project name (default: the folder\'s name)' })
      .option('template', { type: 'string', default: 'blank', describe: 'blank or iris' })
      .option('remote', { type: 'string', describe: 'link origin to this URL and push the first commit' })
      .option('force', { type: 'boolean', default: false, describe: 'with --remote: replace an existing master\'s files with the template, as a new commit' })
      .option('json', { type: 'boolean', default: false }),
    call('init', (a) => ({ dir: a.dir as string | undefined, name: a.name as string | undefined, template: String(a.template), remote: a.remote as string | undefined, force: a.force as boolean, json: a.json as boolean })))
    .command('projects', 'list the workspace\'s projects alphabetically: on this machine (where) or not yet downloaded', (y) => y
      .option('workspace', { type: 'string', describe: 'the workspace\'s full ARM id (default: "azure.workspace" in the settings)' })
      .option('json', { type: 'boolean', default: false }),
    call('projects', (a) => ({ workspace: a.workspace as string | undefined, json: a.json as boolean })))
    .command('download <project> [dir]', 'clone a workspace project as of its latest run (default folder: ~/Documents/AzureML/<project>)', (y) => y
      .positional('project', { type: 'string', demandOption: true })
      .positional('dir', { type: 'string' })
      .option('workspace', { type: 'string', describe: 'the workspace\'s full ARM id' })
      .option('json', { type: 'boolean', default: false }),
    call('download', (a) => ({ project: String(a.project), dir: a.dir as string | undefined, workspace: a.workspace as string | undefined, json: a.json as boolean })))
    .command('share [assignee]', 'give a teammate an Azure role on the project; --list shows who has one', shareBuilder, async (a) => {
      const parsed = shareOptionsFrom(a);
      code = await dispatch(parsed.list ? 'share --list' : 'share', { ...parsed.options });
    })
    .command('unshare [assignee]', 'remove a teammate\'s Azure role at a scope', unshareBuilder, call('unshare', (a) => ({ ...unshareOptionsFrom(a) })))
    .command('hooks', 'install, remove and inspect git-aml\'s git hooks', (y) => y
      .command('install', 'add git-aml\'s hooks beside the hooks the repo already has', (y2) => y2
        .option('hook', { type: 'string', array: true, describe: 'only these hooks (pre-push, pre-commit, prepare-commit-msg, pre-receive)' })
        .option('force', { type: 'boolean', default: false, describe: 'rewrite git-aml\'s own hook files from this version; install even if husky is not set up yet' })
        .option('server', { type: 'boolean', default: false, describe: 'install the server-side pre-receive check (in a bare repository)' }),
      call('hooks install', (a) => ({ hooks: a.hook as string[] | undefined, force: a.force as boolean, server: a.server as boolean })))
      .command('uninstall', 'remove git-aml\'s hooks and give back every hook file as it was', () => {}, call('hooks uninstall', () => ({})))
      .command('status', 'per hook: installed, chained with what, missing or foreign', (y2) => y2
        .option('json', { type: 'boolean', default: false, describe: 'print the status as JSON' }),
      call('hooks status', (a) => ({ json: a.json as boolean })))
      .demandCommand(1, 'Name a hooks subcommand: install, uninstall or status.'))
    .command('push', 'send local runs to the remote (re-appended after teammates\' runs; never forced)', remoteArgs, call('push', remotePick))
    .command('fetch', 'bring teammates\' runs from the remote into the run history', remoteArgs, call('fetch', remotePick))
    .command('sync', 'fetch, then push', remoteArgs, call('sync', remotePick))
    .demandCommand(1, 'Name a command.')
    .strict()
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg, { hint: helpHint(argv) });
    });
  await parser.parseAsync();
  return code;
}
