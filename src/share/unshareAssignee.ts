import { InheritedAssignmentError } from '../errors/shareErrors.js';
import type { ArmRoles } from './ArmRoles.js';
import type { GraphClient } from './GraphClient.js';
import { shellWord } from './azRoleCommand.js';
import { withAzureErrors } from './azureErrors.js';
import type { ShareRequest } from './planShare.js';
import { planUnshare, type UnsharePlan } from './planUnshare.js';
import { odata, resolveAssignee, type Principal } from './resolveAssignee.js';
import { resolveRole, type ResolvedRole } from './resolveRole.js';

export interface UnshareResult {
  /** `absent`: there was nothing at this scope to remove (unshare is idempotent, like share). */
  status: 'removed' | 'absent';
  scope: string;
  principal: Principal;
  role: ResolvedRole;
  deleted: UnsharePlan['deletes'];
}

/**
 * Removes a principal's role at a scope: lists their assignments there (ARM's `principalId eq` filter), plans
 * the DELETEs, sends them. When the role only reaches the scope from above, nothing here can remove it, so it
 * fails and names the scope to unshare at instead.
 */
export async function unshareAssignee(req: ShareRequest, deps: { arm: ArmRoles; graph: GraphClient; tenant?: string }): Promise<UnshareResult> {
  const a = req.assignee;
  const who = a.kind === 'lookup' ? [a.text] : ['--assignee-object-id', a.objectId, '--assignee-principal-type', a.principalType];
  return withAzureErrors({ scope: req.scope.id, action: 'revoke', tenant: deps.tenant }, async () => {
    const principal = await resolveAssignee(req.assignee, deps.graph);
    const role = await resolveRole(req.role, req.scope.id, deps.arm);
    const listed = await deps.arm.listAssignments(req.scope.id, `principalId eq ${odata(principal.objectId)}`);
    const plan = planUnshare(listed, { scope: req.scope.id, roleGuid: role.guid, principalId: principal.objectId, armEndpoint: req.armEndpoint });
    for (const d of plan.deletes) await deps.arm.deleteAssignment(d.id);
    if (!plan.deletes.length && plan.inherited.length) {
      const from = plan.inherited[0].scope;
      throw new InheritedAssignmentError(`${principal.displayName ?? principal.objectId} has ${role.name} at ${req.scope.id} only through an assignment at ${from}; removing it there removes it for everything under it.`, {
        hint: ['git', 'aml', 'unshare', ...who, '--role', role.name, '--scope', from].map(shellWord).join(' '),
        data: { inheritedFrom: plan.inherited.map((x) => x.scope) },
      });
    }
    return { status: plan.deletes.length ? 'removed' : 'absent', scope: req.scope.id, principal, role, deleted: plan.deletes };
  });
}
