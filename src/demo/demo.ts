import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGitServer } from '../devserver/spawnGitServer.js';
import { DEMO_DATA, DEMO_TRAIN } from './demoProject.js';
import { shellQuote } from '../run/shellQuote.js';

/**
 * `npm run demo`: the whole story on this machine, with a real smart-HTTP Git server on 127.0.0.1 and two
 * users in two folders. Alice makes a project and runs it twice; Bob clone-latest's it and sees her runs;
 * Bob runs on his own branch; Alice fetches, sees Bob's run and restores it. Every command is the real CLI.
 */
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'git-aml-demo-')));

function userEnv(name: string): NodeJS.ProcessEnv {
  const home = path.join(work, `home-${name.toLowerCase()}`);
  fs.mkdirSync(home, { recursive: true });
  const gitconfig = path.join(home, '.gitconfig');
  fs.writeFileSync(gitconfig, `[user]\n\tname = ${name}\n\temail = ${name.toLowerCase()}@contoso.com\n[init]\n\tdefaultBranch = master\n[commit]\n\tgpgsign = false\n`);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && !k.startsWith('AML_')) env[k] = v;
  return { ...env, HOME: home, GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', PATH: `${bin}${path.delimiter}${process.env.PATH}` };
}

const tty = !!process.stdout.isTTY;
const bold = (t: string) => (tty ? `\x1b[1m${t}\x1b[0m` : t);
const cyan = (t: string) => (tty ? `\x1b[36m${t}\x1b[0m` : t);

function step(who: string, env: NodeJS.ProcessEnv, cwd: string, args: string[]): string {
  process.stdout.write(`\n${bold(`${who}$ ${shellQuote(['git', ...args])}`)}\n`);
  // Through sh only to merge stderr into stdout, so the script's lines and ours show in the order they came.
  const r = spawnSync('sh', ['-c', 'exec "$@" 2>&1', 'sh', 'git', ...args], { cwd, env, encoding: 'utf8' });
  const out = r.stdout.trimEnd();
  if (out) process.stdout.write(out.split('\n').map((l) => `    ${l}`).join('\n') + '\n');
  if (r.status !== 0) throw new Error(`demo step failed (exit ${r.status}): git ${args.join(' ')}`);
  return r.stdout;
}

function say(text: string): void {
  process.stdout.write(`\n${cyan(`# ${text}`)}\n`);
}

async function main(): Promise<void> {
  const alice = userEnv('Alice');
  const bob = userEnv('Bob');
  const server = await spawnGitServer({ root: path.join(work, 'server'), env: alice });
  try {
    const url = server.createRepo('iris');
    say(`A real Git server is listening on ${server.url}; the project will live at ${url}`);

    const aliceDir = path.join(work, 'alice', 'iris');
    fs.mkdirSync(path.join(aliceDir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(aliceDir, 'train.py'), DEMO_TRAIN);
    fs.writeFileSync(path.join(aliceDir, 'data', 'iris.csv'), DEMO_DATA);
    fs.writeFileSync(path.join(aliceDir, '.gitignore'), 'outputs/\n__pycache__/\n');
    say('Alice makes a project and links it to the server');
    step('alice', alice, aliceDir, ['init', '-q']);
    step('alice', alice, aliceDir, ['add', '-A']);
    step('alice', alice, aliceDir, ['commit', '-q', '-m', 'iris classifier']);
    step('alice', alice, aliceDir, ['remote', 'add', 'origin', url]);
    step('alice', alice, aliceDir, ['push', '-q', '-u', 'origin', 'master']);

    say('Alice runs her script twice; each run is recorded and pushed');
    step('alice', alice, aliceDir, ['aml', 'run', 'train.py', '--alpha', '0.5']);
    fs.appendFileSync(path.join(aliceDir, 'train.py'), '# try a larger alpha\n');
    step('alice', alice, aliceDir, ['aml', 'run', '-m', 'larger alpha', 'train.py', '--alpha', '2.0']);
    step('alice', alice, aliceDir, ['aml', 'history', 'list']);

    say('Bob brings the project to his machine as of its latest run');
    const bobHome = path.join(work, 'bob');
    fs.mkdirSync(bobHome, { recursive: true });
    step('bob', bob, bobHome, ['aml', 'clone-latest', url]);
    const bobDir = path.join(bobHome, 'iris');
    step('bob', bob, bobDir, ['status', '--short']);
    step('bob', bob, bobDir, ['aml', 'history', 'list']);

    say('Bob works on his own branch and runs');
    step('bob', bob, bobDir, ['checkout', '-q', '-b', 'bob-idea']);
    say('(Bob edits train.py: appends a comment line, "# bob: smaller alpha")');
    fs.appendFileSync(path.join(bobDir, 'train.py'), '# bob: smaller alpha\n');
    step('bob', bob, bobDir, ['aml', 'run', '-m', "Bob's idea", 'train.py', '--alpha', '0.1']);

    say("Alice fetches, sees Bob's run, and restores it into her working tree");
    step('alice', alice, aliceDir, ['aml', 'fetch']);
    step('alice', alice, aliceDir, ['aml', 'history', 'list']);
    step('alice', alice, aliceDir, ['aml', 'restore', 'latest']);
    step('alice', alice, aliceDir, ['status', '--short']);
    step('alice', alice, aliceDir, ['diff', '--stat']);
    say('Done: every run is an ordinary commit on the AzureMLHistory branch, on the server and on both machines.');
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
