import type { RoleAssignment } from './ArmRoles.js';
import { roleGuidOf } from './builtinRoles.js';
import { armUrl } from './planShare.js';
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
