/** The fake tenant the Azure peer serves: fixed ids so tests can assert literal request paths and bodies. */
export const SUB = '0f1e2d3c-4b5a-4697-8877-665544332211';
export const RG = 'ml-rg';
export const TENANT = '72f988bf-0000-4000-8000-000000000001';

const rgId = `/subscriptions/${SUB}/resourceGroups/${RG}`;
const exp = `${rgId}/providers/Microsoft.MachineLearningExperimentation`;
export const SCOPES = {
  subscription: `/subscriptions/${SUB}`,
  resourceGroup: rgId,
  account: `${exp}/accounts/acc`,
  workspace: `${exp}/accounts/acc/workspaces/ws`,
  project: `${exp}/accounts/acc/workspaces/ws/projects/iris`,
  mlsWorkspace: `${rgId}/providers/Microsoft.MachineLearningServices/workspaces/ws`,
};

/** The project's config: every key `git aml share` reads, Workbench's provider by default. */
export const AZURE_CONFIG = { subscriptionId: SUB, resourceGroup: RG, account: 'acc', workspace: 'ws', project: 'iris' };

export const BUILTIN = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
};
export const CUSTOM_ROLE = { name: 'ML Experiment Runner', guid: 'c0570000-1111-4222-8333-444455556666' };
export const roleDefId = (guid: string) => `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

export interface DirUser { id: string; displayName: string; userPrincipalName: string; mail: string | null }
export interface DirServicePrincipal { id: string; displayName: string; appId: string; servicePrincipalNames: string[] }
export interface DirGroup { id: string; displayName: string }

export const USERS: Record<'bob' | 'gina' | 'alice' | 'carol', DirUser> = {
  bob: { id: 'b0b0b0b0-1111-4111-8111-000000000001', displayName: 'Bob Smith', userPrincipalName: 'bob@contoso.com', mail: 'bob@contoso.com' },
  // A guest: the UPN is the #EXT# form, the address people know is only in mail.
  gina: { id: '91a91a00-2222-4222-8222-000000000002', displayName: 'Gina Guest', userPrincipalName: 'gina_fabrikam.com#EXT#@contoso.onmicrosoft.com', mail: 'gina@fabrikam.com' },
  alice: { id: 'a11ce000-3333-4333-8333-000000000003', displayName: 'Alice Owner', userPrincipalName: 'alice@contoso.com', mail: 'alice@contoso.com' },
  carol: { id: 'ca201000-4444-4444-8444-000000000004', displayName: 'Carol Reader', userPrincipalName: 'carol@contoso.com', mail: null },
};
export const SP: DirServicePrincipal = {
  id: '5e7f1ce0-5555-4555-8555-000000000005', displayName: 'iris-ci', appId: 'a99a99a9-6666-4666-8666-000000000006',
  servicePrincipalNames: ['a99a99a9-6666-4666-8666-000000000006', 'api://iris-ci'],
};
export const GROUP: DirGroup = { id: '6a0a6a0a-7777-4777-8777-000000000007', displayName: 'Data Science Team' };
