/**
 * Built-in role definition GUIDs: the same in every tenant and cloud, so these need no look-up
 * (which also keeps `--dry-run` complete for the common roles).
 */
export const BUILTIN_ROLES: Readonly<Record<string, string>> = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
};

/** The built-in name for a GUID, if it is one of ours. */
export function builtinRoleName(guid: string): string | undefined {
  const g = guid.toLowerCase();
  return Object.keys(BUILTIN_ROLES).find((name) => BUILTIN_ROLES[name] === g);
}

/** The built-in GUID for a name, case-insensitively (az accepts "contributor" too). */
export function builtinRoleGuid(name: string): { name: string; guid: string } | undefined {
  const key = Object.keys(BUILTIN_ROLES).find((n) => n.toLowerCase() === name.toLowerCase());
  return key ? { name: key, guid: BUILTIN_ROLES[key] } : undefined;
}

/** The full id of a role definition at a subscription, the form ARM stores and az sends. */
export function roleDefinitionId(subscriptionId: string | undefined, guid: string): string {
  return `${subscriptionId ? `/subscriptions/${subscriptionId}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** The GUID at the end of a role definition id. */
export function roleGuidOf(definitionId: string): string {
  return definitionId.split('/').pop()!.toLowerCase();
}
