import { redactUrl } from '../git/redactUrl.js';
import path from 'node:path';
import { initProject, type InitOptions } from '../init/initProject.js';
import { printJson, say } from './output.js';

/** `git aml init [<dir>] [--name] [--template] [--remote] [--force]`. */
export async function initCommand(o: InitOptions & { json?: boolean }, cwd = process.cwd()): Promise<number> {
  const r = await initProject(o, { cwd });
  if (o.json) {
    printJson(r);
    return 0;
  }
  const rel = path.relative(cwd, r.dir) || '.';
  if (!r.commit && !r.changed.length) say(`${rel} is already project ${r.name} (${r.projectId}); nothing changed.`);
  else say(`made project ${r.name} (${r.projectId}) in ${rel} from the ${r.template} template${r.cloned ? ` on top of ${o.remote}'s master` : ''}: committed ${r.commit?.slice(0, 12)} on ${r.branch ?? 'HEAD'}`);
  if (r.pushed) say(`pushed ${r.branch ?? 'HEAD'} to ${redactUrl(o.remote!)} (origin)`);
  say(`next: ${rel === '.' ? '' : `cd ${rel} && `}git aml run -c local ${o.template === 'iris' ? 'train.py' : '<script>'}`);
  return 0;
}
