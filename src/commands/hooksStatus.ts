import path from 'node:path';
import { gitIn } from '../git/runGit.js';
import { OFF_SWITCH } from '../hooks/hookNames.js';
import { inspectHooks } from '../hooks/HooksLayout.js';
import { hookStatus } from '../hooks/hookStatus.js';
import { hookScript } from '../hooks/hookScript.js';
import { findOnPath } from '../hooks/findOnPath.js';
import { table } from './format.js';
import { print, printJson, say } from './output.js';

export interface HooksStatusOptions {
  json: boolean;
}

/** `git aml hooks status`: per hook, ours installed / chained with what / outdated / missing / foreign. */
export async function hooksStatusCommand(o: HooksStatusOptions, cwd = process.cwd()): Promise<number> {
  const layout = await inspectHooks(gitIn(cwd), cwd);
  const hooks = hookStatus(layout, hookScript);
  const data = {
    hooksDir: layout.hooksDir,
    hooksPath: layout.hooksPathConfig ?? null,
    disabled: process.env[OFF_SWITCH] === '0',
    gitAmlOnPath: !!findOnPath('git-aml'),
    hooks,
  };
  if (o.json) {
    printJson(data);
    return 0;
  }
  const where = path.relative(layout.top ?? layout.commonDir, layout.hooksDir) || layout.hooksDir;
  print(`hooks folder: ${where}${layout.hooksPathConfig ? ` (core.hooksPath = ${layout.hooksPathConfig})` : ''}`);
  print(table(['Hook', 'State', 'Where', 'With'], hooks.map((h) => [h.hook, h.state, h.path, [...h.chained, h.note].filter(Boolean).join('; ')])));
  if (data.disabled) say(`${OFF_SWITCH}=0 is set: every git-aml hook is a no-op in this environment`);
  if (!data.gitAmlOnPath) say('git-aml is not on PATH, so the installed hooks do nothing: npm install -g git-aml');
  if (hooks.some((h) => h.state === 'missing' || h.state === 'foreign')) say('install the missing ones with: git aml hooks install');
  return 0;
}
