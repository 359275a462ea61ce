import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/AmlConfig.js';
import { azureSettings } from '../../src/share/azureSettings.js';
import { describeScope, resolveScope, scopeCovers } from '../../src/share/resolveScope.js';
import { planShare } from '../../src/share/planShare.js';
import { planUnshare } from '../../src/share/planUnshare.js';
import { parseRole } from '../../src/share/resolveRole.js';
import { closeNames } from '../../src/share/closeNames.js';
import { remoteAccess } from '../../src/share/remoteAccess.js';
import { azRoleCommand } from '../../src/share/azRoleCommand.js';
import { AZURE_CONFIG, BUILTIN, roleDefId, SCOPES, USERS } from '../helpers/azureDirectory.js';

const settings = (azure: Record<string, unknown> = AZURE_CONFIG, env: NodeJS.ProcessEnv = {}) =>
  azureSettings({ ...DEFAULT_CONFIG, azure, filepath: '/repo/.gitamlrc.json' }, '/repo', env);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

describe('azureSettings and resolveScope', () => {
  it('builds each level under both providers, and takes a full ARM id as is', () => {
    const s = settings();
    expect(['account', 'workspace', 'project'].map((l) => resolveScope(l, s).id)).toEqual([SCOPES.account, SCOPES.workspace, SCOPES.project]);
    expect(resolveScope(`${SCOPES.resourceGroup}/`, s)).toEqual({ id: SCOPES.resourceGroup, level: 'arm-id' });
    const mls = settings({ ...AZURE_CONFIG, provider: 'Microsoft.MachineLearningServices' });
    expect([resolveScope('workspace', mls).id, resolveScope('project', mls).id]).toEqual([SCOPES.mlsWorkspace, SCOPES.mlsWorkspace]);
    expect(code(() => resolveScope('account', mls))).toBe('ScopeNotAvailableError');
    expect(code(() => resolveScope('tenant', s))).toBe('UsageError');
  });

  it('names every missing key for a level, and refuses unknown or malformed keys', () => {
    const partial = settings({ subscriptionId: AZURE_CONFIG.subscriptionId });
    let err: { code: string; data: Record<string, unknown> } | undefined;
    try {
      resolveScope('workspace', partial);
    } catch (e) {
      err = e as typeof err;
    }
    expect(err).toMatchObject({ code: 'AzureSettingMissingError', data: { keys: ['azure.resourceGroup', 'azure.account', 'azure.workspace'], file: '/repo/.gitamlrc.json' } });
    expect(code(() => settings({ ...AZURE_CONFIG, workspce: 'ws' }))).toBe('ConfigInvalidError');
    expect(code(() => settings({ ...AZURE_CONFIG, subscriptionId: 'my-sub' }))).toBe('ConfigInvalidError');
    expect(code(() => settings({ ...AZURE_CONFIG, armEndpoint: 'http://management.azure.com' }))).toBe('ConfigInvalidError');
  });

  it('takes endpoints from AML_ARM_ENDPOINT / AML_GRAPH_ENDPOINT over the config, public cloud by default', () => {
    expect([settings().armEndpoint, settings().graphEndpoint]).toEqual(['https://management.azure.com', 'https://graph.microsoft.com']);
    const cfg = settings({ ...AZURE_CONFIG, armEndpoint: 'https://management.chinacloudapi.cn/', graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn' });
    expect([cfg.armEndpoint, cfg.graphEndpoint]).toEqual(['https://management.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn']);
    const env = settings({ ...AZURE_CONFIG, armEndpoint: 'https://management.chinacloudapi.cn' }, { AML_ARM_ENDPOINT: 'https://management.usgovcloudapi.net', AML_GRAPH_ENDPOINT: 'https://graph.microsoft.us' });
    expect([env.armEndpoint, env.graphEndpoint]).toEqual(['https://management.usgovcloudapi.net', 'https://graph.microsoft.us']);
  });

  it('reads a full workspace ARM id in azure.workspace (as git aml projects does) for its parts', () => {
    const s = settings({ workspace: SCOPES.workspace, project: 'iris' });
    expect(['account', 'workspace', 'project'].map((l) => resolveScope(l, s).id)).toEqual([SCOPES.account, SCOPES.workspace, SCOPES.project]);
    expect(resolveScope('project', settings({ workspace: SCOPES.mlsWorkspace })).id).toBe(SCOPES.mlsWorkspace);
    expect(code(() => settings({ workspace: SCOPES.workspace, resourceGroup: 'other-rg' }))).toBe('ConfigInvalidError');
    expect(code(() => settings({ workspace: SCOPES.resourceGroup }))).toBe('ConfigInvalidError');
  });

  it('compares scopes segment by segment and names them', () => {
    expect(scopeCovers(SCOPES.subscription, SCOPES.project)).toBe(true);
    expect(scopeCovers('/', SCOPES.project)).toBe(true);
    expect(scopeCovers(SCOPES.workspace.toUpperCase(), SCOPES.project)).toBe(true);
    expect(scopeCovers(`${SCOPES.account}2`, `${SCOPES.account}2/workspaces/ws`)).toBe(true);
    expect(scopeCovers(SCOPES.account, `${SCOPES.account}2/workspaces/ws`)).toBe(false);
    expect([SCOPES.resourceGroup, SCOPES.project, '/'].map(describeScope)).toEqual(['resource group ml-rg', 'project iris', 'root (/)']);
  });
});

describe('planShare', () => {
  const req = (assignee: Parameters<typeof planShare>[0]['assignee'], role = 'Contributor') =>
    ({ scope: { id: SCOPES.workspace, level: 'workspace' as const }, assignee, role: parseRole(role), armEndpoint: 'https://management.azure.com' });

  it('is complete and repeatable for an object id and a built-in role', () => {
    const r = req({ kind: 'objectId', objectId: USERS.bob.id, principalType: 'User' });
    const plan = planShare(r);
    expect(plan).toEqual(planShare(r));
    expect(plan.lookups).toEqual([]);
    expect(plan.put).toEqual({
      method: 'PUT',
      url: `https://management.azure.com${SCOPES.workspace}/providers/Microsoft.Authorization/roleAssignments/${plan.assignmentName}?api-version=2022-04-01`,
      body: { properties: { roleDefinitionId: roleDefId(BUILTIN.Contributor), principalId: USERS.bob.id, principalType: 'User' } },
    });
    expect(plan.assignmentName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Another role or scope is another assignment, so another name.
    expect(planShare(req({ kind: 'objectId', objectId: USERS.bob.id, principalType: 'User' }, 'Reader')).assignmentName).not.toBe(plan.assignmentName);
  });

  it('leaves placeholders, and says what it will look up, for an address and a custom role', () => {
    const plan = planShare(req({ kind: 'lookup', text: 'bob@contoso.com' }, 'ML Experiment Runner'));
    expect(plan.lookups).toHaveLength(2);
    expect(plan.assignmentName).toBeUndefined();
    expect(plan.put.body.properties.principalType).toBe('User');
    expect(plan.az).toBe(`az role assignment create --assignee bob@contoso.com --role 'ML Experiment Runner' --scope ${SCOPES.workspace}`);
  });

  it('knows role GUIDs and names without a call; anything else is a name to look up', () => {
    expect(parseRole('contributor')).toEqual({ kind: 'builtin', name: 'Contributor', guid: BUILTIN.Contributor });
    expect(parseRole(BUILTIN.Reader.toUpperCase())).toEqual({ kind: 'guid', guid: BUILTIN.Reader });
    expect(parseRole('AzureML Data Scientist')).toEqual({ kind: 'name', name: 'AzureML Data Scientist' });
  });
});

describe('planUnshare', () => {
  it('deletes only the principal\'s role at exactly the scope, and reports the ones inherited from above', () => {
    const a = (scope: string, guid: string, principalId: string, n: number) => ({
      id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${n}`, name: String(n), scope, roleDefinitionId: roleDefId(guid), principalId,
    });
    const all = [
      a(SCOPES.workspace, BUILTIN.Contributor, USERS.bob.id, 1),
      a(SCOPES.workspace, BUILTIN.Reader, USERS.bob.id, 2),
      a(SCOPES.account, BUILTIN.Contributor, USERS.bob.id, 3),
      a(SCOPES.project, BUILTIN.Contributor, USERS.bob.id, 4),
      a(SCOPES.workspace, BUILTIN.Contributor, USERS.carol.id, 5),
    ];
    const plan = planUnshare(all, { scope: SCOPES.workspace, roleGuid: BUILTIN.Contributor, principalId: USERS.bob.id, armEndpoint: 'https://arm' });
    expect(plan.deletes).toEqual([{ method: 'DELETE', id: all[0].id, url: `https://arm${all[0].id}?api-version=2022-04-01` }]);
    expect(plan.inherited.map((x) => x.name)).toEqual(['3']);
  });
});

describe('remoteAccess (judged from the URL alone)', () => {
  it.each([
    ['https://user:secret-pat@dev.azure.com/contoso/iris/_git/iris', 'azure-repos', 'https://dev.azure.com/contoso/iris/_settings/permissions'],
    ['git@ssh.dev.azure.com:v3/contoso/iris/iris', 'azure-repos', 'https://dev.azure.com/contoso/iris/_settings/permissions'],
    ['https://contoso.visualstudio.com/DefaultCollection/iris/_git/iris', 'azure-repos', 'https://dev.azure.com/contoso/iris/_settings/permissions'],
    ['git@github.com:contoso/iris.git', 'github', 'https://github.com/contoso/iris/settings/access'],
    ['https://gitlab.com/contoso/ml/iris.git', 'gitlab', 'https://gitlab.com/contoso/ml/iris/-/project_members'],
    ['https://bitbucket.org/contoso/iris.git', 'bitbucket', 'https://bitbucket.org/contoso/iris/admin/permissions'],
    ['https://git.contoso.com/ml/iris.git', 'other-host', 'git.contoso.com'],
    ['/srv/git/iris.git', 'local', 'ls -ld /srv/git/iris.git'],
  ])('%s → %s', (url, kind, step) => {
    const r = remoteAccess('origin', url, 'bob@contoso.com');
    expect(r.kind).toBe(kind);
    expect(r.grantedByShare).toBe(false);
    expect(r.nextStep).toContain(step);
    expect(JSON.stringify(r)).not.toContain('secret-pat');
  });

  it('says to add a remote when there is none', () => {
    expect(remoteAccess('origin', undefined, 'bob@contoso.com')).toMatchObject({ kind: 'none', nextStep: expect.stringContaining('git remote add origin') });
  });
});

describe('small helpers', () => {
  it('suggests close role names', () => {
    const roles = ['Owner', 'Contributor', 'Reader', 'AzureML Data Scientist', 'ML Experiment Runner'];
    expect(closeNames('Contributer', roles)).toEqual(['Contributor']);
    expect(closeNames('data scientist', roles)).toEqual(['AzureML Data Scientist']);
    expect(closeNames('Janitor', roles)).toEqual([]);
  });

  it('quotes az words only when a shell needs it', () => {
    expect(azRoleCommand('delete', { objectId: USERS.bob.id, principalType: 'User', role: "Bob's role", scope: '/x' }))
      .toBe(`az role assignment delete --assignee-object-id ${USERS.bob.id} --assignee-principal-type User --role 'Bob'\\''s role' --scope /x`);
  });
});
