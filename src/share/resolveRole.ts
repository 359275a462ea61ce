import { AmbiguousRoleError, RoleNotFoundError } from '../errors/shareErrors.js';
import type { ArmRoles } from './ArmRoles.js';
import { builtinRoleGuid, builtinRoleName, roleDefinitionId, roleGuidOf } from './builtinRoles.js';
import { closeNames } from './closeNames.js';
import { shellWord } from './azRoleCommand.js';
import { GUID, odata } from './resolveAssignee.js';
import { subscriptionOf } from './resolveScope.js';

/** The role the user named, before any look-up. */
export type RoleRef =
  | { kind: 'builtin'; name: string; guid: string }
  | { kind: 'guid'; guid: string }
  | { kind: 'id'; id: string }
  | { kind: 'name'; name: string };

export interface ResolvedRole {
  /** Display name: the role's name, or its GUID when only that is known. */
  name: string;
  definitionId: string;
  guid: string;
}

/** Reads `--role`: a built-in name, a role-definition GUID or full id, or any other (custom) role's name. */
export function parseRole(text: string): RoleRef {
  const builtin = builtinRoleGuid(text);
  if (builtin) return { kind: 'builtin', ...builtin };
  if (GUID.test(text)) return { kind: 'guid', guid: text.toLowerCase() };
  if (/^\/.*\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i.test(text)) return { kind: 'id', id: text };
  return { kind: 'name', name: text };
}

/** What is known without a look-up: everything except a custom role's definition id. */
export function knownRole(ref: RoleRef, scopeId: string): ResolvedRole | undefined {
  const sub = subscriptionOf(scopeId);
  switch (ref.kind) {
    case 'builtin': return { name: ref.name, guid: ref.guid, definitionId: roleDefinitionId(sub, ref.guid) };
    case 'guid': return { name: builtinRoleName(ref.guid) ?? ref.guid, guid: ref.guid, definitionId: roleDefinitionId(sub, ref.guid) };
    case 'id': return { name: builtinRoleName(roleGuidOf(ref.id)) ?? roleGuidOf(ref.id), guid: roleGuidOf(ref.id), definitionId: ref.id };
    case 'name': return undefined;
  }
}

/**
 * Finds a role by name with roleDefinitions at the scope (so custom roles assignable there are found, as az
 * does with `roleName eq '…'`). Built-ins and GUIDs need no call. An unknown name lists the roles at the
 * scope once more, to suggest the close ones.
 */
export async function resolveRole(ref: RoleRef, scopeId: string, arm: ArmRoles): Promise<ResolvedRole> {
  const known = knownRole(ref, scopeId);
  if (known) return known;
  const name = (ref as { name: string }).name;
  const defs = await arm.listRoleDefinitions(scopeId, `roleName eq ${odata(name)}`);
  if (defs.length === 1) return { name: defs[0].roleName, definitionId: defs[0].id, guid: roleGuidOf(defs[0].id) };
  if (defs.length > 1) {
    throw new AmbiguousRoleError(`${defs.length} roles named ${JSON.stringify(name)} are assignable at ${scopeId}.`, {
      hint: `Name one by its GUID: --role ${roleGuidOf(defs[0].id)}`,
      data: { role: name, ids: defs.map((d) => d.id) },
    });
  }
  const all = await arm.listRoleDefinitions(scopeId);
  const close = closeNames(name, all.map((d) => d.roleName));
  throw new RoleNotFoundError(`No role named ${JSON.stringify(name)} is assignable at ${scopeId}.${close.length ? ` Close names: ${close.join(', ')}.` : ''}`, {
    hint: close.length ? `git aml share <assignee> --role ${shellWord(close[0])} --scope ${scopeId}` : `List the roles you can assign there: az role definition list --scope ${scopeId} --query "[].roleName" -o tsv`,
    data: { role: name, closeNames: close },
  });
}
