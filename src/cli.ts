import { readFileSync } from 'node:fs';
import { isAmlError } from './errors/AmlError.js';
import { absoluteGitEnv } from './git/absoluteGitEnv.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The one error handler: user errors → message + hint (exit 1), usage → exit 2, bugs → stack (exit 3). */
export function reportError(e: unknown): number {
  if (isAmlError(e)) {
    // The code in parentheses, as az prints it: stable for scripts and tests, searchable for users.
    process.stderr.write(`git aml: error: (${e.code}) ${e.message}\n`);
    if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`git aml: internal error: ${err?.stack ?? String(e)}\n`);
  process.stderr.write('This is a bug in git-aml; please report it with the command you ran and the text above.\n');
  return 3;
}

/**
 * Entry point. `--version` and `run` skip yargs: loading it costs more than git's whole snapshot
 * (measured ~65 ms against ~35 ms, bench/README.md), and `run` must hand every argument after the script
 * to the script untouched, which a general parser fights. Every other command goes through yargs,
 * each module imported only when its command runs.
 */
export async function main(argv: string[]): Promise<number> {
  absoluteGitEnv(process.env, process.cwd());
  try {
    if (argv[0] === '--version' || argv[0] === '-V') {
      process.stdout.write(`git-aml ${version()}\n`);
      return 0;
    }
    if (argv[0] === 'run') {
      const [{ parseRunArgs, RUN_USAGE }, { gitIn }, { startRepoLookup }] = await Promise.all([
        import('./commands/runArgs.js'), import('./git/runGit.js'), import('./git/repoLookup.js'),
      ]);
      const parsed = parseRunArgs(argv.slice(1));
      if (parsed.help) {
        process.stdout.write(RUN_USAGE + '\n');
        return 0;
      }
      // Git finds the repository and walks it for the snapshot while Node loads the run's modules, which
      // would otherwise come first: start-up is most of what a short run costs (bench/README.md).
      const lookup = startRepoLookup(gitIn(process.cwd()), process.cwd(), { walk: true });
      const { runCommand } = await import('./commands/run.js');
      return await runCommand(parsed.options, process.cwd(), lookup);
    }
    if (argv[0] === 'hooks' && argv[1] === 'run') {
      // Installed hooks call this on every commit and push: skipping yargs keeps that fast.
      const { hooksRunCommand } = await import('./commands/hooksRun.js');
      return await hooksRunCommand(argv[2], argv.slice(3));
    }
    const { yargsRoot } = await import('./yargsRoot.js');
    return await yargsRoot(argv, version());
  } catch (e) {
    return reportError(e);
  }
}
