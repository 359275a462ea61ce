import { listShares } from '../share/listShares.js';
import { describeScope } from '../share/resolveScope.js';
import { table } from './format.js';
import { print, printJson, say } from './output.js';
import type { ShareListOptions } from './shareArgs.js';
import { openShareContext } from './shareContext.js';

/** `git aml share --list`: who has which role at or above the scope, and where each is inherited from. */
export async function shareListCommand(o: ShareListOptions, cwd = process.cwd()): Promise<number> {
  const sc = await openShareContext(cwd, o);
  const list = await listShares(sc.scope.id, { ...(await sc.clients()), tenant: sc.tenant });
  if (o.json) {
    printJson(list);
    return 0;
  }
  if (list.namesUnavailable) say(list.namesUnavailable);
  if (!list.entries.length) {
    say(`nobody has a role at or above ${describeScope(sc.scope.id)} (${sc.scope.id}). Share it with: git aml share <address> --role Reader`);
    return 0;
  }
  say(`role assignments at or above ${describeScope(sc.scope.id)} (${sc.scope.id}):`);
  print(table(['Principal', 'Type', 'Role', 'From'], list.entries.map((e) => [
    e.principalName ?? e.principalId,
    e.principalType ?? '?',
    e.role,
    e.inherited ? `inherited from ${e.inheritedFrom}` : 'this scope',
  ])));
  return 0;
}
