import { assignmentName } from './assignmentName.js';
import { azRoleCommand } from './azRoleCommand.js';
import { assigneeLookups, GUID, type AssigneeRef, type Principal } from './resolveAssignee.js';
import { knownRole, type ResolvedRole, type RoleRef } from './resolveRole.js';
import type { Scope } from './resolveScope.js';

/** The Microsoft.Authorization api-version @azure/arm-authorization 9.0.0 sends; plans print the same. */
export const AUTHORIZATION_API_VERSION = '2022-04-01';

/** What the user asked for, with flags and config already read; nothing looked up yet. */
export interface ShareRequest {
  scope: Scope;
  assignee: AssigneeRef;
  role: RoleRef;
  armEndpoint: string;
}

export interface AssignmentBody {
  properties: { roleDefinitionId: string; principalId: string; principalType?: string };
}

export interface SharePlan {
  scope: string;
  /** Look-ups still to make before the PUT can be sent; empty when the plan is complete. */
  lookups: string[];
  /** The request; values still to be looked up are shown as <…> placeholders. */
  put: { method: 'PUT'; url: string; body: AssignmentBody };
  /** Set when nothing is left to look up. */
  assignmentName?: string;
  /** The same grant as an az command line. */
  az: string;
}

/** ARM's URL for something under a scope; the root scope "/" has no path of its own. */
export function armUrl(endpoint: string, scopeId: string, rest: string, apiVersion = AUTHORIZATION_API_VERSION): string {
  return `${endpoint}${scopeId === '/' ? '' : scopeId}${rest}?api-version=${apiVersion}`;
}

/**
 * Computes the exact PUT for a share, purely: from the request alone (for --dry-run, with placeholders where a
 * Graph or roleDefinitions look-up is still needed), or with what applyShare resolved (the PUT it sends).
 */
export function planShare(req: ShareRequest, resolved: { principal?: Principal; role?: ResolvedRole } = {}): SharePlan {
  const a = req.assignee;
  const principal: Principal | undefined = resolved.principal
    ?? (a.kind === 'objectId' ? { objectId: a.objectId, principalType: a.principalType, foundBy: 'objectId' } : undefined);
  const role = resolved.role ?? knownRole(req.role, req.scope.id);
  const lookups: string[] = [];
  if (!principal && a.kind === 'lookup') lookups.push(...assigneeLookups(a.text));
  if (!role && req.role.kind === 'name') lookups.push(`ARM roleDefinitions at the scope with roleName '${req.role.name}'`);
  const who = a.kind === 'lookup' ? a.text : a.objectId;
  // An address is only looked up among users and a plain name only among service principals, so the type is known.
  const guessedType = a.kind === 'lookup' && !GUID.test(a.text) ? (a.text.includes('@') ? 'User' : 'ServicePrincipal') : undefined;
  const name = principal && role ? assignmentName(req.scope.id, role.guid, principal.objectId) : undefined;
  const body: AssignmentBody = {
    properties: {
      roleDefinitionId: role?.definitionId ?? `<id of the role named "${(req.role as { name: string }).name}" at the scope>`,
      principalId: principal?.objectId ?? `<object id of ${who}>`,
      principalType: principal?.principalType ?? guessedType ?? '<User, Group or ServicePrincipal>',
    },
  };
  const roleText = role?.name ?? (req.role as { name: string }).name;
  return {
    scope: req.scope.id,
    lookups,
    put: {
      method: 'PUT',
      url: armUrl(req.armEndpoint, req.scope.id, `/providers/Microsoft.Authorization/roleAssignments/${name ?? '<name derived from scope, role and object id>'}`),
      body,
    },
    assignmentName: name,
    az: azRoleCommand('create', a.kind === 'lookup'
      ? { assignee: a.text, role: roleText, scope: req.scope.id }
      : { objectId: a.objectId, principalType: a.principalType, role: roleText, scope: req.scope.id }),
  };
}
