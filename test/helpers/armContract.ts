import type { IncomingMessage } from 'node:http';
import { BUILTIN, GROUP, SP, SUB, USERS } from './azureDirectory.js';
import type { PeerCall, Reply } from './azurePeer.js';

/** The api-version git-aml's SDK (@azure/arm-authorization 9.0.0) must send for both resources. */
export const ARM_API_VERSION = '2022-04-01';

export interface PeerAssignment {
  id: string;
  name: string;
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType: string;
}

export interface ArmState {
  assignments: PeerAssignment[];
  customRoles: { guid: string; roleName: string; assignableScopes: string[] }[];
  /** Resource ids that exist; their ancestors (resource group, subscription) exist too. */
  resources: string[];
  /** Scopes where the signed-in caller may not write role assignments (at or below them): 403. */
  denyWrite: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const low = (s: string) => s.toLowerCase().replace(/\/+$/, '');
const covers = (outer: string, inner: string) => low(outer) === '' || low(outer) === low(inner) || low(inner).startsWith(low(outer) + '/');
const err = (status: number, code: string, message: string, unexpected?: string): Reply => ({ status, body: { error: { code, message } }, unexpected });

const PRINCIPALS: Record<string, string> = Object.fromEntries([
  ...Object.values(USERS).map((u) => [u.id, 'User']),
  [SP.id, 'ServicePrincipal'],
  [GROUP.id, 'Group'],
]);

export function seedAssignment(arm: ArmState, scope: string, roleGuid: string, principalId: string, name: string): PeerAssignment {
  const a: PeerAssignment = {
    id: `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name, scope, roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
    principalId, principalType: PRINCIPALS[principalId],
  };
  arm.assignments.push(a);
  return a;
}

function assignmentJson(a: PeerAssignment) {
  return {
    id: a.id, name: a.name, type: 'Microsoft.Authorization/roleAssignments',
    properties: { roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType, scope: a.scope, createdOn: '2026-01-01T00:00:00Z' },
  };
}

function definitions(arm: ArmState, scope: string) {
  const builtins = Object.entries(BUILTIN).map(([roleName, guid]) => ({ guid, roleName, type: 'BuiltInRole', assignableScopes: ['/'] }));
  const custom = arm.customRoles.map((r) => ({ ...r, type: 'CustomRole' }));
  return [...builtins, ...custom]
    .filter((d) => d.assignableScopes.some((s) => covers(s, scope)))
    .map((d) => ({
      id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${d.guid}`,
      name: d.guid, type: 'Microsoft.Authorization/roleDefinitions',
      properties: { roleName: d.roleName, type: d.type, description: '', assignableScopes: d.assignableScopes, permissions: [] },
    }));
}

function exists(arm: ArmState, scope: string): boolean {
  return arm.resources.some((r) => covers(scope, r));
}

/** ARM's Microsoft.Authorization roleAssignments / roleDefinitions contract, as far as git-aml uses it. */
export function armRoutes(arm: ArmState, c: PeerCall, headers: IncomingMessage['headers']): Reply {
  if (c.query['api-version'] !== ARM_API_VERSION) {
    return err(400, 'InvalidApiVersionParameter', `The api-version '${c.query['api-version']}' is invalid.`, `${c.method} ${c.path}: api-version ${c.query['api-version']}`);
  }
  const one = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments\/([^/]+)$/i.exec(c.path);
  const many = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments$/i.exec(c.path);
  const defs = /^(.*)\/providers\/Microsoft\.Authorization\/roleDefinitions$/i.exec(c.path);
  const filter = c.query.$filter;
  if (one && c.method === 'PUT') {
    const [, scope, name] = one;
    const problem = checkPutBody(c.body, headers);
    if (problem) return err(400, 'InvalidRequestContent', problem, `PUT ${c.path}: ${problem}`);
    if (!GUID.test(name)) return err(400, 'InvalidRoleAssignmentId', `The role assignment ID '${name}' is not valid.`, `PUT name ${name} is not a GUID`);
    if (!exists(arm, scope)) return err(404, 'ResourceNotFound', `The Resource '${scope}' was not found.`);
    if (arm.denyWrite.some((d) => covers(d, scope))) {
      return err(403, 'AuthorizationFailed', `The client 'alice@contoso.com' with object id '${USERS.alice.id}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '${scope}' or the scope is invalid.`);
    }
    const p = (c.body as { properties: Record<string, string> }).properties;
    const guid = p.roleDefinitionId.split('/').pop()!;
    if (!definitions(arm, scope).some((d) => d.name === guid)) return err(400, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${guid}' does not exist.`);
    const type = PRINCIPALS[p.principalId];
    if (!type) return err(400, 'PrincipalNotFound', `Principal ${p.principalId} does not exist in the directory ${SUB}.`);
    if (p.principalType && p.principalType !== type) return err(400, 'UnmatchedPrincipalType', `The PrincipalId '${p.principalId}' has type '${type}', different from the PrincipalType '${p.principalType}'.`);
    const same = arm.assignments.find((a) => low(a.scope) === low(scope) && a.principalId === p.principalId && a.roleDefinitionId.split('/').pop() === guid);
    if (same) return err(409, 'RoleAssignmentExists', 'The role assignment already exists.');
    if (arm.assignments.some((a) => a.name === name)) return err(409, 'RoleAssignmentUpdateNotPermitted', 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.');
    const created = seedAssignment(arm, scope, guid, p.principalId, name);
    return { status: 201, body: assignmentJson(created) };
  }
  if (one && c.method === 'DELETE') {
    if (arm.denyWrite.some((d) => covers(d, one[1]))) {
      return err(403, 'AuthorizationFailed', `The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/delete' over scope '${one[1]}'.`);
    }
    const i = arm.assignments.findIndex((a) => low(a.id) === low(c.path));
    if (i < 0) return { status: 204 };
    const [gone] = arm.assignments.splice(i, 1);
    return { status: 200, body: assignmentJson(gone) };
  }
  if (many && c.method === 'GET') {
    const scope = many[1] || '/';
    if (!exists(arm, scope)) return err(404, 'ResourceNotFound', `The Resource '${scope}' was not found.`);
    let pick: (a: PeerAssignment) => boolean;
    const principal = filter ? /^principalId eq '([^']+)'$/.exec(filter) : null;
    if (filter === 'atScope()') pick = (a) => covers(a.scope, scope);
    else if (principal) pick = (a) => a.principalId === principal[1] && (covers(a.scope, scope) || covers(scope, a.scope));
    else if (!filter) pick = (a) => covers(a.scope, scope) || covers(scope, a.scope);
    else return err(400, 'InvalidFilter', `Unsupported $filter ${filter}`, `GET ${c.path}: filter ${filter}`);
    return { status: 200, body: { value: arm.assignments.filter(pick).map(assignmentJson) } };
  }
  if (defs && c.method === 'GET') {
    const scope = defs[1] || '/';
    const byName = filter ? /^roleName eq '((?:[^']|'')*)'$/.exec(filter) : null;
    if (filter && !byName) return err(400, 'InvalidFilter', `Unsupported $filter ${filter}`, `GET ${c.path}: filter ${filter}`);
    const all = definitions(arm, scope);
    const wanted = byName ? byName[1].replace(/''/g, "'").toLowerCase() : undefined;
    return { status: 200, body: { value: wanted ? all.filter((d) => d.properties.roleName.toLowerCase() === wanted) : all } };
  }
  return err(404, 'NoRoute', `No route for ${c.method} ${c.path}`, `unexpected ARM call ${c.method} ${c.path}`);
}

/** The body of a role assignment PUT: {properties: {roleDefinitionId, principalId, principalType?}} and nothing else. */
function checkPutBody(body: unknown, headers: IncomingMessage['headers']): string | undefined {
  if (!/^application\/json/.test(String(headers['content-type']))) return `content-type is ${headers['content-type']}`;
  if (!body || typeof body !== 'object') return 'body is not a JSON object';
  const top = Object.keys(body);
  if (top.length !== 1 || top[0] !== 'properties') return `top-level keys ${top.join(',')}`;
  const p = (body as { properties: Record<string, unknown> }).properties;
  const keys = Object.keys(p ?? {});
  const allowed = ['roleDefinitionId', 'principalId', 'principalType'];
  if (keys.some((k) => !allowed.includes(k))) return `unexpected properties ${keys.join(',')}`;
  if (typeof p.roleDefinitionId !== 'string' || !/^\/subscriptions\/[^/]+\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i.test(p.roleDefinitionId)) return `roleDefinitionId ${p.roleDefinitionId}`;
  if (typeof p.principalId !== 'string' || !GUID.test(p.principalId)) return `principalId ${p.principalId}`;
  if (p.principalType !== undefined && !['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'].includes(String(p.principalType))) return `principalType ${p.principalType}`;
  return undefined;
}
