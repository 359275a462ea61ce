import { parseRole } from '../share/resolveRole.js';
import { describeScope } from '../share/resolveScope.js';
import { unshareAssignee } from '../share/unshareAssignee.js';
import { printJson, say } from './output.js';
import type { UnshareOptions } from './shareArgs.js';
import { assigneeRef, openShareContext } from './shareContext.js';

/** `git aml unshare <assignee> --role R [--scope S]`: remove that role at that scope; nothing there is fine. */
export async function unshareCommand(o: UnshareOptions, cwd = process.cwd()): Promise<number> {
  const sc = await openShareContext(cwd, o);
  const result = await unshareAssignee(
    { scope: sc.scope, assignee: assigneeRef(o), role: parseRole(o.role), armEndpoint: sc.settings.armEndpoint },
    { ...(await sc.clients()), tenant: sc.tenant },
  );
  if (o.json) {
    printJson(result);
    return 0;
  }
  const who = o.assignee ?? result.principal.displayName ?? result.principal.objectId;
  const where = `${describeScope(result.scope)} (${result.scope})`;
  if (result.status === 'removed') say(`unshared: ${who} no longer has ${result.role.name} on ${where}`);
  else say(`nothing to remove: ${who} has no ${result.role.name} assignment on ${where}`);
  return 0;
}
