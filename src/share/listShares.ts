import type { ArmRoles } from './ArmRoles.js';
import type { GraphClient } from './GraphClient.js';
import { withAzureErrors } from './azureErrors.js';
import { builtinRoleName, roleGuidOf } from './builtinRoles.js';
import { describeScope, sameScope, scopeCovers } from './resolveScope.js';

export interface ShareEntry {
  principalId: string;
  /** "Bob Smith (bob@contoso.com)", a group's or app's display name; absent when Graph could not be read. */
  principalName?: string;
  principalType?: string;
  role: string;
  roleDefinitionId: string;
  /** Where the assignment is made. */
  scope: string;
  /** False when made at the scope asked about; true when it reaches it from a scope above. */
  inherited: boolean;
  /** "subscription …", "resource group rg", "account acc" …: where it is inherited from. */
  inheritedFrom?: string;
  id: string;
}

export interface ShareList {
  scope: string;
  entries: ShareEntry[];
  /** Why principal names are missing, when Graph refused (the list itself is still complete). */
  namesUnavailable?: string;
}

interface GraphObject {
  id: string;
  '@odata.type'?: string;
  displayName?: string;
  userPrincipalName?: string;
}

const depth = (scope: string) => scope.split('/').filter(Boolean).length;

/** Names for principal ids, one getByIds call per 1,000 (Graph's limit); absent names when Graph refuses. */
async function principalNames(ids: string[], graph: GraphClient): Promise<{ names: Map<string, GraphObject>; refused?: string }> {
  const names = new Map<string, GraphObject>();
  for (let i = 0; i < ids.length; i += 1000) {
    try {
      const body = (await graph.post('/v1.0/directoryObjects/getByIds', { ids: ids.slice(i, i + 1000), types: ['user', 'group', 'servicePrincipal'] })) as { value?: GraphObject[] };
      for (const o of body.value ?? []) names.set(o.id.toLowerCase(), o);
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status === 403) return { names, refused: 'Microsoft Graph refused to read the directory (403), so principals are shown by object id.' };
      throw e;
    }
  }
  return { names };
}

/**
 * Who has which role at or above a scope (ARM's `atScope()` filter), broadest scope first, each marked with
 * where it is inherited from. Role names come from the built-in table, else from one roleDefinitions call.
 */
export async function listShares(scopeId: string, deps: { arm: ArmRoles; graph: GraphClient; tenant?: string }): Promise<ShareList> {
  return withAzureErrors({ scope: scopeId, action: 'list', tenant: deps.tenant }, async () => {
    const found = (await deps.arm.listAssignments(scopeId, 'atScope()')).filter((a) => scopeCovers(a.scope, scopeId));
    const roleNames = new Map<string, string>();
    for (const a of found) {
      const name = builtinRoleName(roleGuidOf(a.roleDefinitionId));
      if (name) roleNames.set(roleGuidOf(a.roleDefinitionId), name);
    }
    if (found.some((a) => !roleNames.has(roleGuidOf(a.roleDefinitionId)))) {
      for (const d of await deps.arm.listRoleDefinitions(scopeId)) roleNames.set(roleGuidOf(d.id), d.roleName);
    }
    const ids = [...new Set(found.map((a) => a.principalId.toLowerCase()))];
    const { names, refused } = ids.length ? await principalNames(ids, deps.graph) : { names: new Map<string, GraphObject>(), refused: undefined };
    const entries = found.map((a): ShareEntry => {
      const o = names.get(a.principalId.toLowerCase());
      const inherited = !sameScope(a.scope, scopeId);
      return {
        principalId: a.principalId,
        principalName: o ? (o.userPrincipalName && o.displayName ? `${o.displayName} (${o.userPrincipalName})` : o.displayName ?? o.userPrincipalName) : undefined,
        principalType: a.principalType,
        role: roleNames.get(roleGuidOf(a.roleDefinitionId)) ?? roleGuidOf(a.roleDefinitionId),
        roleDefinitionId: a.roleDefinitionId,
        scope: a.scope,
        inherited,
        inheritedFrom: inherited ? describeScope(a.scope) : undefined,
        id: a.id,
      };
    });
    entries.sort((x, y) => depth(x.scope) - depth(y.scope) || x.role.localeCompare(y.role) || (x.principalName ?? x.principalId).localeCompare(y.principalName ?? y.principalId));
    return { scope: scopeId, entries, namesUnavailable: refused };
  });
}
