import { parseRole } from '../share/resolveRole.js';
import { describeScope } from '../share/resolveScope.js';
import { unshareAssignee } from '../share/unshareAssignee.js';
import { planUnshareRequest } from '../share/planUnshare.js';
import { print, printJson, say } from './output.js';
import type { UnshareOptions } from './shareArgs.js';
import { assigneeRef, openShareContext } from './shareContext.js';

/** `git aml unshare <assignee> --role R [--scope S] [--dry-run]`: remove that role at that scope; nothing there is fine. */
export async function unshareCommand(o: UnshareOptions, cwd = process.cwd()): Promise<number> {
  const sc = await openShareContext(cwd, o);
  const req = { scope: sc.scope, assignee: assigneeRef(o), role: parseRole(o.role), armEndpoint: sc.settings.armEndpoint };
  if (o.dryRun) {
    const plan = planUnshareRequest(req);
    if (o.json) printJson({ dryRun: true, ...plan });
    else {
      print([...plan.lookups.map((l) => `# first looks up: ${l}`), `${plan.list.method} ${plan.list.url}`, plan.deletes, '# the same with az:', plan.az].join('\n'));
      say('dry run: no request was sent and nothing was changed');
    }
    return 0;
  }
  const result = await unshareAssignee(
    req,
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
