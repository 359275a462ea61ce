import { applyShare } from '../share/applyShare.js';
import { planShare, type SharePlan, type ShareRequest } from '../share/planShare.js';
import { parseRole } from '../share/resolveRole.js';
import { remoteAccess } from '../share/remoteAccess.js';
import { describeScope } from '../share/resolveScope.js';
import { print, printJson, say } from './output.js';
import type { ShareOptions } from './shareArgs.js';
import { assigneeRef, openShareContext } from './shareContext.js';

/** The dry-run text: look-ups still needed, the PUT with its body, and the az line that does the same. */
export function formatPlan(plan: SharePlan): string {
  return [
    ...plan.lookups.map((l) => `# first looks up: ${l}`),
    `${plan.put.method} ${plan.put.url}`,
    JSON.stringify(plan.put.body),
    '# the same with az:',
    plan.az,
  ].join('\n');
}

/** `git aml share <assignee> --role R [--scope S]`: grant, idempotently; then say how they reach the Git remote. */
export async function shareCommand(o: ShareOptions, cwd = process.cwd()): Promise<number> {
  const sc = await openShareContext(cwd, o);
  const req: ShareRequest = { scope: sc.scope, assignee: assigneeRef(o), role: parseRole(o.role), armEndpoint: sc.settings.armEndpoint };
  if (o.dryRun) {
    const plan = planShare(req);
    if (o.json) printJson({ dryRun: true, ...plan });
    else {
      print(formatPlan(plan));
      say('dry run: no request was sent and nothing was changed');
    }
    return 0;
  }
  const result = await applyShare(req, { ...(await sc.clients()), tenant: sc.tenant });
  const url = (await sc.git(['remote', 'get-url', sc.config.remote], { allowFail: true })).stdout.trim();
  const who = o.assignee ?? result.principal.displayName ?? result.principal.objectId;
  const access = remoteAccess(sc.config.remote, url || undefined, who);
  if (o.json) {
    printJson({ ...result, remoteAccess: access });
    return 0;
  }
  const p = result.principal;
  const whom = `${who}${p.displayName && p.displayName !== who ? ` (${p.displayName})` : ''} [${p.principalType} ${p.objectId}${p.foundBy === 'mail' ? ', guest found by mail' : ''}]`;
  const where = `${describeScope(result.scope)} (${result.scope})`;
  if (result.status === 'created') say(`shared: ${whom} now has ${result.role.name} on ${where}`);
  else say(`already in place: ${whom} already has ${result.role.name} on ${where}; nothing changed`);
  say(`Git remote: ${access.summary}`);
  say(`next: ${access.nextStep}`);
  say(`(checked: ${access.checked})`);
  return 0;
}
