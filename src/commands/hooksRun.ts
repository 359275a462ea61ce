import { gitIn } from '../git/runGit.js';
import { UsageError } from '../errors/AmlError.js';
import { CommitOnHistoryBranchError, HistoryPushRefusedError } from '../errors/hookErrors.js';
import { ALL_HOOKS, OFF_SWITCH, isHookName } from '../hooks/hookNames.js';
import { prePush } from '../hooks/prePush.js';
import { preCommit } from '../hooks/preCommit.js';
import { prepareCommitMsg, RUN_TRAILER } from '../hooks/prepareCommitMsg.js';
import { checkReceivedRefs, parseRefUpdates } from '../hooks/preReceive.js';
import { say } from './output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `git aml hooks run <hook> [args…]`: what the installed hook scripts call, with git's hook arguments.
 * Only the two deliberate refusals (a commit on the history branch, a bad push to the server) fail;
 * anything else going wrong is a warning, so a broken toolkit never stops the user's git.
 */
export async function hooksRunCommand(hook: string | undefined, args: string[], cwd = process.cwd()): Promise<number> {
  if (!hook || !isHookName(hook)) {
    throw new UsageError(`git aml hooks run needs a hook name: ${ALL_HOOKS.join(', ')}.`, { hint: 'git aml hooks install' });
  }
  if (process.env[OFF_SWITCH] === '0') return 0;
  const git = gitIn(cwd);
  try {
    switch (hook) {
      case 'pre-push':
        return await prePush(args[0], {
          env: process.env,
          runAml: (a) => git(['aml', ...a], { allowFail: true }),
          stderr: (t) => process.stderr.write(t),
        });
      case 'pre-commit':
        return await preCommit(git, cwd);
      case 'prepare-commit-msg': {
        const run = await prepareCommitMsg(git, cwd, args[0]);
        if (run) say(`this commit's tree is run ${run.number}'s snapshot: added ${RUN_TRAILER}: ${run.id}`);
        return 0;
      }
      case 'pre-receive': {
        const refusals = await checkReceivedRefs(git, parseRefUpdates(await readStdin()));
        if (!refusals.length) return 0;
        throw new HistoryPushRefusedError(`push refused: ${refusals.map((r) => `${r.ref}: ${r.reason}`).join('; ')}.`, {
          hint: 'Fetch, then send your runs on top of the server\'s: git aml push',
          data: { refusals },
        });
      }
    }
  } catch (e) {
    if (e instanceof CommitOnHistoryBranchError || e instanceof HistoryPushRefusedError) throw e;
    say(`warning: the ${hook} hook could not do its part (${(e as Error).message.split('\n')[0]}); git goes on.`);
    return 0;
  }
}
