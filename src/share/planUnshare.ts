import type { RoleAssignment } from './ArmRoles.js';
import { roleGuidOf } from './builtinRoles.js';
import { armUrl, type ShareRequest } from './planShare.js';
import { azRoleCommand } from './azRoleCommand.js';
import { assigneeLookups } from './resolveAssignee.js';
import { knownRole } from './resolveRole.js';
import { sameScope, scopeCovers } from './resolveScope.js';

export interface UnsharePlan {
  /** The DELETEs to send: the principal's assignments of the role made at exactly this scope. */
  deletes: { method: 'DELETE'; url: string; id: string }[];
  /** Assignments of the same role that reach the scope from above: unsharing here cannot remove them. */
  inherited: RoleAssignment[];
}

/** Picks, purely, what `unshare` must delete from the principal's assignments that ARM listed. */
export function planUnshare(assignments: RoleAssignment[], want: { scope: string; roleGuid: string; principalId: string; armEndpoint: string }): UnsharePlan {
  const mine = assignments.filter((a) => a.principalId.toLowerCase() === want.principalId.toLowerCase() && roleGuidOf(a.roleDefinitionId) === want.roleGuid.toLowerCase());
  return {
    deletes: mine.filter((a) => sameScope(a.scope, want.scope)).map((a) => ({ method: 'DELETE', url: armUrl(want.armEndpoint, a.id, ''), id: a.id })),
    inherited: mine.filter((a) => !sameScope(a.scope, want.scope) && scopeCovers(a.scope, want.scope)),
  };
}

/** What `unshare --dry-run` shows: the look-ups, the listing GET and the DELETE rule, with no call made. */
export interface UnshareDryPlan {
  scope: string;
  lookups: string[];
  list: { method: 'GET'; url: string };
  deletes: string;
  az: string;
}

/**
 * The requests `unshare` would send, from the request alone. Which assignments get deleted is only known
 * once ARM has listed them, so the plan states the rule unshareAssignee applies rather than ids.
 */
export function planUnshareRequest(req: ShareRequest): UnshareDryPlan {
  const a = req.assignee;
  const role = knownRole(req.role, req.scope.id);
  const lookups: string[] = [];
  if (a.kind === 'lookup') lookups.push(...assigneeLookups(a.text));
  if (!role && req.role.kind === 'name') lookups.push(`ARM roleDefinitions at the scope with roleName '${req.role.name}'`);
  const principalId = a.kind === 'objectId' ? a.objectId : `<object id of ${a.text}>`;
  const roleText = role?.name ?? (req.role as { name: string }).name;
  const filter = `principalId eq '${principalId}'`;
  return {
    scope: req.scope.id,
    lookups,
    list: { method: 'GET', url: `${armUrl(req.armEndpoint, req.scope.id, '/providers/Microsoft.Authorization/roleAssignments')}&$filter=${encodeURIComponent(filter)}` },
    deletes: `DELETE each ${roleText} assignment listed that was made at exactly ${req.scope.id} (one inherited from above is left, and named)`,
    az: azRoleCommand('delete', a.kind === 'lookup'
      ? { assignee: a.text, role: roleText, scope: req.scope.id }
      : { objectId: a.objectId, principalType: a.principalType, role: roleText, scope: req.scope.id }),
  };
}
