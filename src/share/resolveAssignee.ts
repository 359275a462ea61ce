import { AmbiguousAssigneeError, AssigneeNotFoundError, DirectoryReadDeniedError } from '../errors/shareErrors.js';
import type { GraphClient } from './GraphClient.js';

export const PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** Who the user named: text to look up in Graph, or an object id given outright (no Graph call). */
export type AssigneeRef =
  | { kind: 'lookup'; text: string }
  | { kind: 'objectId'; objectId: string; principalType: PrincipalType };

export interface Principal {
  objectId: string;
  principalType: PrincipalType;
  displayName?: string;
  /** How it was found, so output can say so (a guest found by mail, an app by its appId, …). */
  foundBy: 'userPrincipalName' | 'mail' | 'servicePrincipalNames' | 'displayName' | 'getByIds' | 'objectId';
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DirectoryObject {
  id: string;
  '@odata.type'?: string;
  displayName?: string;
  userPrincipalName?: string;
  appId?: string;
}

const USER_FIELDS = 'id,displayName,userPrincipalName,mail';
const SP_FIELDS = 'id,displayName,appId';
const ODATA_TYPES: Record<string, PrincipalType> = {
  '#microsoft.graph.user': 'User',
  '#microsoft.graph.group': 'Group',
  '#microsoft.graph.serviceprincipal': 'ServicePrincipal',
};

/** OData string literal: a quote is doubled, as Graph's $filter grammar wants. */
export const odata = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The Graph look-ups `resolveAssignee` makes for this text, in order; for --dry-run and messages. */
export function assigneeLookups(text: string): string[] {
  if (text.includes('@')) return [`Microsoft Graph users with userPrincipalName ${odata(text)}, then with mail ${odata(text)} (guests)`];
  if (GUID.test(text)) return [`Microsoft Graph directoryObjects/getByIds for ${text}, then a service principal with appId ${text}`];
  return [`Microsoft Graph service principals named ${odata(text)} (servicePrincipalNames, then displayName)`];
}

function denied(e: unknown, text: string): never {
  throw new DirectoryReadDeniedError(`Microsoft Graph refused to look up ${JSON.stringify(text)}: the signed-in account may not read the directory.`, {
    hint: 'Pass the object id instead (someone with directory access can tell you it): git aml share --assignee-object-id <object id> --assignee-principal-type User --role <role>',
    data: { assignee: text, status: (e as { statusCode?: number }).statusCode },
  });
}

/**
 * Finds the directory object for an assignee the way `az role assignment create --assignee` does: an address
 * is a user's userPrincipalName, else their mail (guest accounts have an #EXT# UPN, so their real address is
 * only in mail); a GUID is an object id (getByIds also says whether it is a user, group or service principal),
 * else an appId; anything else is a service principal's name. `--assignee-object-id` skips Graph entirely, for
 * accounts that may assign roles but not read the directory.
 */
export async function resolveAssignee(ref: AssigneeRef, graph: GraphClient): Promise<Principal> {
  if (ref.kind === 'objectId') return { objectId: ref.objectId, principalType: ref.principalType, foundBy: 'objectId' };
  const text = ref.text;
  const list = async (path: string, filter: string, select: string): Promise<DirectoryObject[]> => {
    try {
      const body = (await graph.get(path, { $filter: filter, $select: select })) as { value?: DirectoryObject[] };
      return body.value ?? [];
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 403) denied(e, text);
      throw e;
    }
  };
  let found: Principal[] = [];
  const as = (objs: DirectoryObject[], principalType: PrincipalType, foundBy: Principal['foundBy']) =>
    objs.map((o) => ({ objectId: o.id, principalType, displayName: o.displayName, foundBy }));
  if (text.includes('@')) {
    found = as(await list('/v1.0/users', `userPrincipalName eq ${odata(text)}`, USER_FIELDS), 'User', 'userPrincipalName');
    if (!found.length) found = as(await list('/v1.0/users', `mail eq ${odata(text)}`, USER_FIELDS), 'User', 'mail');
  } else if (GUID.test(text)) {
    let objs: DirectoryObject[];
    try {
      objs = ((await graph.post('/v1.0/directoryObjects/getByIds', { ids: [text], types: ['user', 'group', 'servicePrincipal'] })) as { value?: DirectoryObject[] }).value ?? [];
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 403) denied(e, text);
      throw e;
    }
    found = objs.flatMap((o) => {
      const t = ODATA_TYPES[(o['@odata.type'] ?? '').toLowerCase()];
      return t ? [{ objectId: o.id, principalType: t, displayName: o.displayName, foundBy: 'getByIds' as const }] : [];
    });
    if (!found.length) found = as(await list('/v1.0/servicePrincipals', `servicePrincipalNames/any(c:c eq ${odata(text)})`, SP_FIELDS), 'ServicePrincipal', 'servicePrincipalNames');
  } else {
    found = as(await list('/v1.0/servicePrincipals', `servicePrincipalNames/any(c:c eq ${odata(text)})`, SP_FIELDS), 'ServicePrincipal', 'servicePrincipalNames');
    if (!found.length) found = as(await list('/v1.0/servicePrincipals', `displayName eq ${odata(text)}`, SP_FIELDS), 'ServicePrincipal', 'displayName');
  }
  if (found.length > 1) {
    throw new AmbiguousAssigneeError(`${JSON.stringify(text)} matches ${found.length} directory objects: ${found.map((f) => `${f.displayName ?? '?'} (${f.objectId})`).join(', ')}.`, {
      hint: `Pick one by object id: git aml share --assignee-object-id ${found[0].objectId} --assignee-principal-type ${found[0].principalType} --role <role>`,
      data: { assignee: text, objectIds: found.map((f) => f.objectId) },
    });
  }
  if (!found.length) {
    throw new AssigneeNotFoundError(`No user, group or service principal in the directory matches ${JSON.stringify(text)}.`, {
      hint: text.includes('@')
        ? 'Use the person\'s real sign-in address (their user principal name), not a mail alias; or pass their object id: git aml share --assignee-object-id <object id> --assignee-principal-type User --role <role>'
        : 'Use the service principal\'s appId or exact name, or pass its object id: git aml share --assignee-object-id <object id> --assignee-principal-type ServicePrincipal --role <role>',
      data: { assignee: text },
    });
  }
  return found[0];
}
