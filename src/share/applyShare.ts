import type { ArmRoles } from './ArmRoles.js';
import type { GraphClient } from './GraphClient.js';
import { withAzureErrors } from './azureErrors.js';
import { planShare, type ShareRequest, type SharePlan } from './planShare.js';
import { resolveAssignee, type Principal } from './resolveAssignee.js';
import { resolveRole, type ResolvedRole } from './resolveRole.js';

export interface ShareResult {
  /** `exists`: an identical assignment was already in place (ARM's 409 RoleAssignmentExists, or 200). */
  status: 'created' | 'exists';
  scope: string;
  principal: Principal;
  role: ResolvedRole;
  /** The assignment's id and name; absent after a 409, whose body does not say which assignment exists. */
  assignment?: { id: string; name: string };
  plan: SharePlan;
}

/**
 * Makes the assignment planShare describes: looks up what the plan left open (Graph, roleDefinitions), then
 * sends the one PUT. Idempotent: an identical assignment, under any name, counts as done.
 */
export async function applyShare(req: ShareRequest, deps: { arm: ArmRoles; graph: GraphClient; tenant?: string }): Promise<ShareResult> {
  const first = planShare(req);
  return withAzureErrors({ scope: req.scope.id, action: 'grant', az: first.az, tenant: deps.tenant }, async () => {
    const principal = await resolveAssignee(req.assignee, deps.graph);
    const role = await resolveRole(req.role, req.scope.id, deps.arm);
    const plan = planShare(req, { principal, role });
    const name = plan.assignmentName!;
    const assignment = { id: `${req.scope.id === '/' ? '' : req.scope.id}/providers/Microsoft.Authorization/roleAssignments/${name}`, name };
    const result = { scope: req.scope.id, principal, role, plan };
    try {
      const status = await deps.arm.createAssignment(req.scope.id, name, plan.put.body.properties);
      return { ...result, status: status === 201 ? 'created' : 'exists', assignment };
    } catch (e) {
      const err = e as { statusCode?: number; code?: string };
      if (err.statusCode !== 409 || err.code !== 'RoleAssignmentExists') throw e;
      return { ...result, status: 'exists' };
    }
  });
}
