import { afterEach, describe, expect, it } from 'vitest';
import { shareRepo, type ShareRepo } from '../helpers/shareRepo.js';
import { AZURE_CONFIG, BUILTIN, CUSTOM_ROLE, GROUP, roleDefId, SCOPES, SP, USERS } from '../helpers/azureDirectory.js';
import { seedAssignment } from '../helpers/armContract.js';
import { TOKEN_SECRET } from '../helpers/fakeAz.js';
import { errorCode, type CliResult } from '../helpers/runCli.js';

let s: ShareRepo;
const outputs: CliResult[] = [];
async function aml(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  const r = await s.aml(args, env);
  outputs.push(r);
  return r;
}
afterEach(async () => {
  expect(s.peer.unexpected).toEqual([]);
  for (const r of outputs.splice(0)) expect(r.stdout + r.stderr).not.toContain(TOKEN_SECRET);
  await s.cleanup();
});

const USER_Q = '$select=id,displayName,userPrincipalName,mail';
const SP_Q = '$select=id,displayName,appId';
const byObjectId = (id: string, type: string) => ['--assignee-object-id', id, '--assignee-principal-type', type];
const putLines = () => s.peer.lines().filter((l) => l.startsWith('arm PUT'));
const putAt = (scope: string) => expect.stringMatching(new RegExp(`^arm PUT ${scope.replace(/[.()]/g, '\\$&')}/providers/Microsoft\\.Authorization/roleAssignments/[0-9a-f-]{36}$`));

describe('git aml share: scopes', () => {
  it('assigns at the account, the workspace, the project (the default) and a full ARM id', async () => {
    s = await shareRepo();
    const who = byObjectId(USERS.carol.id, 'User');
    for (const scope of [['--scope', 'account'], ['--scope', 'workspace'], [], ['--scope', SCOPES.resourceGroup]]) {
      expect((await aml(['share', ...who, '--role', 'Reader', ...scope])).code).toBe(0);
    }
    expect(s.peer.lines()).toEqual([putAt(SCOPES.account), putAt(SCOPES.workspace), putAt(SCOPES.project), putAt(SCOPES.resourceGroup)]);
    expect(s.peer.arm.assignments.map((a) => a.scope)).toEqual([SCOPES.account, SCOPES.workspace, SCOPES.project, SCOPES.resourceGroup]);
  });

  it('uses Microsoft.MachineLearningServices/workspaces when the config switches provider; it has no account level', async () => {
    s = await shareRepo({ azure: { ...AZURE_CONFIG, provider: 'MachineLearningServices' } });
    const who = byObjectId(SP.id, 'ServicePrincipal');
    expect((await aml(['share', ...who, '--role', 'Contributor', '--scope', 'workspace'])).code).toBe(0);
    const again = await aml(['share', ...who, '--role', 'Contributor']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already in place');
    const account = await aml(['share', ...who, '--role', 'Contributor', '--scope', 'account']);
    expect([account.code, errorCode(account)]).toEqual([1, 'ScopeNotAvailableError']);
    expect(s.peer.lines()).toEqual([putAt(SCOPES.mlsWorkspace), putAt(SCOPES.mlsWorkspace)]);
    expect(s.peer.arm.assignments).toHaveLength(1);
  });

  it('names the missing setting and the config file, and sends nothing', async () => {
    s = await shareRepo({ azure: { subscriptionId: AZURE_CONFIG.subscriptionId, resourceGroup: 'ml-rg', account: 'acc' } });
    const r = await aml(['share', 'bob@contoso.com', '--role', 'Reader', '--scope', 'workspace']);
    expect([r.code, errorCode(r)]).toEqual([1, 'AzureSettingMissingError']);
    expect(r.stderr).toContain('azure.workspace');
    expect(r.stderr).toContain(`${s.repo.dir}/.gitamlrc.json`);
    expect(s.peer.calls).toEqual([]);
  });

  it('with no config file at all, names the file to create', async () => {
    s = await shareRepo({ azure: null });
    const r = await aml(['share', 'bob@contoso.com', '--role', 'Reader']);
    expect([r.code, errorCode(r)]).toEqual([1, 'AzureSettingMissingError']);
    expect(r.stderr).toContain('azure.subscriptionId');
    expect(r.stderr).toContain(`${s.repo.dir}/.gitamlrc.json`);
    expect(s.peer.calls).toEqual([]);
  });

  it('answers 404 for a scope with no resource behind it', async () => {
    s = await shareRepo();
    const missing = `${SCOPES.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/nope`;
    const r = await aml(['share', ...byObjectId(USERS.bob.id, 'User'), '--role', 'Reader', '--scope', missing]);
    expect([r.code, errorCode(r)]).toEqual([1, 'ScopeNotFoundError']);
    expect(s.peer.lines()).toEqual([putAt(missing)]);
  });
});

describe('git aml share: assignees, as az resolves them', () => {
  it('finds a guest by mail after the user principal name misses', async () => {
    s = await shareRepo();
    const r = await aml(['share', 'gina@fabrikam.com', '--role', 'Reader']);
    expect(r.code).toBe(0);
    expect(s.peer.lines()).toEqual([
      `graph GET /v1.0/users userPrincipalName eq 'gina@fabrikam.com' ${USER_Q}`,
      `graph GET /v1.0/users mail eq 'gina@fabrikam.com' ${USER_Q}`,
      putAt(SCOPES.project),
    ]);
    expect(s.peer.arm.assignments[0]).toMatchObject({ principalId: USERS.gina.id, principalType: 'User' });
  });

  it('finds a service principal by appId, then by display name', async () => {
    s = await shareRepo();
    expect((await aml(['share', 'api://iris-ci', '--role', 'Contributor'])).code).toBe(0);
    expect((await aml(['share', 'iris-ci', '--role', 'Reader'])).code).toBe(0);
    expect(s.peer.lines()).toEqual([
      `graph GET /v1.0/servicePrincipals servicePrincipalNames/any(c:c eq 'api://iris-ci') ${SP_Q}`,
      putAt(SCOPES.project),
      `graph GET /v1.0/servicePrincipals servicePrincipalNames/any(c:c eq 'iris-ci') ${SP_Q}`,
      `graph GET /v1.0/servicePrincipals displayName eq 'iris-ci' ${SP_Q}`,
      putAt(SCOPES.project),
    ]);
    expect(s.peer.arm.assignments.map((a) => [a.principalId, a.principalType])).toEqual([[SP.id, 'ServicePrincipal'], [SP.id, 'ServicePrincipal']]);
  });

  it('looks a GUID up with getByIds (a group here), and an appId GUID among service principals after that', async () => {
    s = await shareRepo();
    expect((await aml(['share', GROUP.id, '--role', 'Reader'])).code).toBe(0);
    expect((await aml(['share', SP.appId, '--role', 'Reader', '--scope', 'workspace'])).code).toBe(0);
    expect(s.peer.lines()).toEqual([
      `graph POST /v1.0/directoryObjects/getByIds ["${GROUP.id}"]`,
      putAt(SCOPES.project),
      `graph POST /v1.0/directoryObjects/getByIds ["${SP.appId}"]`,
      `graph GET /v1.0/servicePrincipals servicePrincipalNames/any(c:c eq '${SP.appId}') ${SP_Q}`,
      putAt(SCOPES.workspace),
    ]);
    expect(s.peer.calls[0].body).toEqual({ ids: [GROUP.id], types: ['user', 'group', 'servicePrincipal'] });
    expect(s.peer.arm.assignments.map((a) => [a.principalId, a.principalType])).toEqual([[GROUP.id, 'Group'], [SP.id, 'ServicePrincipal']]);
  });

  it('with --assignee-object-id and --assignee-principal-type, never calls Graph', async () => {
    s = await shareRepo();
    expect((await aml(['share', ...byObjectId(USERS.bob.id, 'User'), '--role', 'Owner'])).code).toBe(0);
    expect(s.peer.calls.map((c) => c.service)).toEqual(['arm']);
    expect(s.peer.calls[0].body).toEqual({ properties: { roleDefinitionId: roleDefId(BUILTIN.Owner), principalId: USERS.bob.id, principalType: 'User' } });
    // Only the ARM token was asked for.
    expect(await s.peer.azCalls()).toEqual([`account get-access-token --output json --resource ${s.peer.armEndpoint}`]);
  });

  it('says to use the real address or the object id when nobody matches, and assigns nothing', async () => {
    s = await shareRepo();
    const r = await aml(['share', 'bobby@contoso.com', '--role', 'Reader']);
    expect([r.code, errorCode(r)]).toEqual([1, 'AssigneeNotFoundError']);
    expect(r.stderr).toContain('--assignee-object-id');
    expect(s.peer.lines()).toEqual([
      `graph GET /v1.0/users userPrincipalName eq 'bobby@contoso.com' ${USER_Q}`,
      `graph GET /v1.0/users mail eq 'bobby@contoso.com' ${USER_Q}`,
    ]);
  });

  it('says how to pass the object id when the directory may not be read', async () => {
    s = await shareRepo();
    s.peer.graph.denied = true;
    const r = await aml(['share', 'bob@contoso.com', '--role', 'Reader']);
    expect([r.code, errorCode(r)]).toEqual([1, 'DirectoryReadDeniedError']);
    expect(s.peer.lines()).toEqual([`graph GET /v1.0/users userPrincipalName eq 'bob@contoso.com' ${USER_Q}`]);
  });
});

describe('git aml share: roles', () => {
  it('finds a custom role by name with roleDefinitions at the scope', async () => {
    s = await shareRepo();
    s.peer.arm.customRoles.push({ guid: CUSTOM_ROLE.guid, roleName: CUSTOM_ROLE.name, assignableScopes: [SCOPES.resourceGroup] });
    const r = await aml(['share', ...byObjectId(USERS.bob.id, 'User'), '--role', CUSTOM_ROLE.name, '--scope', 'workspace']);
    expect(r.code).toBe(0);
    expect(s.peer.lines()).toEqual([
      `arm GET ${SCOPES.workspace}/providers/Microsoft.Authorization/roleDefinitions roleName eq '${CUSTOM_ROLE.name}'`,
      putAt(SCOPES.workspace),
    ]);
    expect(s.peer.arm.assignments[0].roleDefinitionId).toBe(roleDefId(CUSTOM_ROLE.guid));
  });

  it('lists close names for an unknown role and assigns nothing', async () => {
    s = await shareRepo();
    s.peer.arm.customRoles.push({ guid: CUSTOM_ROLE.guid, roleName: CUSTOM_ROLE.name, assignableScopes: [SCOPES.resourceGroup] });
    const r = await aml(['share', ...byObjectId(USERS.bob.id, 'User'), '--role', 'ML Experiment Runer']);
    expect([r.code, errorCode(r)]).toEqual([1, 'RoleNotFoundError']);
    expect(r.stderr).toContain(CUSTOM_ROLE.name);
    expect(s.peer.lines()).toEqual([
      `arm GET ${SCOPES.project}/providers/Microsoft.Authorization/roleDefinitions roleName eq 'ML Experiment Runer'`,
      `arm GET ${SCOPES.project}/providers/Microsoft.Authorization/roleDefinitions`,
    ]);
  });
});

describe('git aml share: outcomes', () => {
  it('reports an identical assignment made elsewhere (409 RoleAssignmentExists) as already in place, exit 0', async () => {
    s = await shareRepo();
    seedAssignment(s.peer.arm, SCOPES.workspace, BUILTIN.Reader, USERS.bob.id, '0a0a0a0a-0000-4000-8000-00000000000a');
    const r = await aml(['share', ...byObjectId(USERS.bob.id, 'User'), '--role', 'Reader', '--scope', 'workspace', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'exists', scope: SCOPES.workspace });
    expect(s.peer.arm.assignments).toHaveLength(1);
  });

  it('explains a 403: granting needs Owner or User Access Administrator at that scope', async () => {
    s = await shareRepo();
    s.peer.arm.denyWrite.push(SCOPES.workspace);
    const r = await aml(['share', ...byObjectId(USERS.bob.id, 'User'), '--role', 'Contributor', '--scope', 'project']);
    expect([r.code, errorCode(r)]).toEqual([1, 'AuthorizationFailedError']);
    expect(r.stderr).toContain(SCOPES.project);
    expect(r.stderr).toMatch(/^hint: .*az role assignment create --assignee-object-id/m);
    expect(s.peer.arm.assignments).toEqual([]);
  });

  it('when az is not signed in, says to run az login and sends no request', async () => {
    s = await shareRepo();
    await s.peer.signOut();
    const r = await aml(['share', 'bob@contoso.com', '--role', 'Reader', '--tenant', 'contoso.onmicrosoft.com']);
    expect([r.code, errorCode(r)]).toEqual([1, 'NotSignedInError']);
    expect(r.stderr).toMatch(/^hint: az login --tenant contoso\.onmicrosoft\.com$/m);
    expect(s.peer.calls).toEqual([]);
    expect(await s.peer.azCalls()).toEqual([`account get-access-token --output json --resource ${s.peer.graphEndpoint} --tenant contoso.onmicrosoft.com`]);
  });

  it('--dry-run prints the PUT and the az line and makes no call at all; the real run PUTs that very URL', async () => {
    s = await shareRepo();
    const who = byObjectId(USERS.bob.id, 'User');
    const dry = await aml(['share', ...who, '--role', 'Contributor', '--scope', 'workspace', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(s.peer.calls).toEqual([]);
    expect(await s.peer.azCalls()).toEqual([]);
    const [put, body, , az] = dry.stdout.trim().split('\n');
    expect(az).toBe(`az role assignment create --assignee-object-id ${USERS.bob.id} --assignee-principal-type User --role Contributor --scope ${SCOPES.workspace}`);
    expect(JSON.parse(body)).toEqual({ properties: { roleDefinitionId: roleDefId(BUILTIN.Contributor), principalId: USERS.bob.id, principalType: 'User' } });

    expect((await aml(['share', ...who, '--role', 'Contributor', '--scope', 'workspace'])).code).toBe(0);
    const sent = s.peer.calls[0];
    expect(put).toBe(`PUT ${s.peer.armEndpoint}${sent.path}?api-version=${sent.query['api-version']}`);
  });

  it('--dry-run with an address says what it would look up first, still without a call', async () => {
    s = await shareRepo();
    const dry = await aml(['share', 'bob@contoso.com', '--role', 'Reader', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^# first looks up: Microsoft Graph users with userPrincipalName 'bob@contoso\.com'/m);
    expect(dry.stdout).toMatch(/^PUT https:\/\/127\.0\.0\.1:\d+\/subscriptions\/.*\/projects\/iris\/providers\/Microsoft\.Authorization\/roleAssignments\//m);
    expect(dry.stdout).toContain(`az role assignment create --assignee bob@contoso.com --role Reader --scope ${SCOPES.project}`);
    expect(s.peer.calls).toEqual([]);
    expect(await s.peer.azCalls()).toEqual([]);
  });

  it('after a share, says whether the assignee can reach the Git remote and the exact next step', async () => {
    s = await shareRepo({ remote: 'git@github.com:contoso/iris.git' });
    const r = await aml(['share', 'bob@contoso.com', '--role', 'Contributor', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).remoteAccess).toMatchObject({
      remote: 'origin', host: 'github.com', kind: 'github', grantedByShare: false,
      nextStep: expect.stringContaining('https://github.com/contoso/iris/settings/access'),
    });
    const text = await aml(['share', 'bob@contoso.com', '--role', 'Contributor']);
    expect(text.stderr).toMatch(/^git aml: next: .*https:\/\/github\.com\/contoso\/iris\/settings\/access/m);
  });
});
