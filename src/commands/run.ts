import { gitIn } from '../git/runGit.js';
import { findRepo } from '../git/findRepo.js';
import type { RepoLookup } from '../git/repoLookup.js';
import { loadConfig } from '../config/loadConfig.js';
import { runAndRecord, type RunOptions } from '../run/runAndRecord.js';
import { fastForwardToRemote } from '../remote/fastForwardToRemote.js';
import { trackingRef } from '../remote/trackingRef.js';
import { isAmlError } from '../errors/AmlError.js';
import { say } from './output.js';

/** `git aml run`: wires the real process streams, git and settings into the core and returns the exit status. */
export async function runCommand(options: RunOptions, cwd = process.cwd(), lookup?: RepoLookup): Promise<number> {
  const git = gitIn(cwd);
  // The version check finishes beside the snapshot; it is awaited before the script starts. `lookup` is
  // that same lookup, started by the CLI before it loaded this module.
  const repo = await findRepo(git, cwd, { needCommit: true, deferVersionCheck: true, lookup });
  const config = await loadConfig(cwd, repo.top);
  if (options.runConfig) {
    const { loadRunConfig } = await import('../runconfig/loadRunConfig.js');
    const { applyRunConfig } = await import('../runconfig/applyRunConfig.js');
    const rc = await loadRunConfig(repo.top, options.runConfig);
    options = applyRunConfig(options, rc);
    if (!rc.tracked) {
      const { runUntracked } = await import('../run/runUntracked.js');
      say(`${rc.file} has TrackedRun: false; running without recording.`);
      return runUntracked(options, {
        cwd, env: process.env, interpreters: { ...config.interpreters, ...options.interpreters }, configFile: config.filepath,
        stdout: process.stdout, stderr: process.stderr, interactive: !!process.stdin.isTTY,
      });
    }
  }
  const interactive = !!process.stdin.isTTY;
  const outcome = await runAndRecord(options, {
    git,
    repo,
    config,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive,
    say,
    walk: lookup?.walk,
    beforeNumbering: (project) => fastForwardToRemote(git, project.historyRef, trackingRef(config.remote, project.historyBranch)),
    push: async (project) => {
      // Loaded only when a push happens: start-up of every run stays light (bench/README.md).
      const [{ autoPush }, { pushLines }] = await Promise.all([import('../remote/autoPush.js'), import('./remoteReport.js')]);
      const pushed = await autoPush(git, project, config.remote, { interactive, env: process.env });
      if (pushed.kind === 'pushed') pushLines(pushed.result).filter((l) => !l.startsWith('nothing to push')).forEach(say);
      if (pushed.kind === 'queued') {
        const e = pushed.error;
        const why = isAmlError(e) ? `${e.code}: ${e.message.split('\n')[0]}` : String(e.message ?? e).split('\n')[0];
        const flag = config.remote === 'origin' ? '' : ` --remote ${config.remote}`;
        say(`warning: run not pushed to ${pushed.remote} (${why}); it is recorded and queued, send it later with: git aml push${flag}`);
      }
    },
  });
  return outcome.status;
}
