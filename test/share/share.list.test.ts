import { afterEach, describe, expect, it } from 'vitest';
import { shareRepo, type ShareRepo } from '../helpers/shareRepo.js';
import { BUILTIN, CUSTOM_ROLE, GROUP, SCOPES, SP, SUB, USERS } from '../helpers/azureDirectory.js';
import { seedAssignment } from '../helpers/armContract.js';
import { TOKEN_SECRET } from '../helpers/fakeAz.js';
import { errorCode } from '../helpers/runCli.js';

let s: ShareRepo;
afterEach(async () => {
  expect(s.peer.unexpected).toEqual([]);
  await s.cleanup();
});

const name = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ASSIGNMENTS = `/providers/Microsoft.Authorization/roleAssignments`;

/** One assignment at each level from the subscription down to the project, and one beside the project. */
function seedTree(s: ShareRepo) {
  const arm = s.peer.arm;
  arm.customRoles.push({ guid: CUSTOM_ROLE.guid, roleName: CUSTOM_ROLE.name, assignableScopes: [SCOPES.resourceGroup] });
  seedAssignment(arm, SCOPES.subscription, BUILTIN.Owner, USERS.alice.id, name(1));
  seedAssignment(arm, SCOPES.resourceGroup, BUILTIN.Reader, GROUP.id, name(2));
  seedAssignment(arm, SCOPES.account, BUILTIN.Contributor, SP.id, name(3));
  seedAssignment(arm, SCOPES.workspace, BUILTIN.Contributor, USERS.bob.id, name(4));
  seedAssignment(arm, SCOPES.project, CUSTOM_ROLE.guid, USERS.carol.id, name(5));
  seedAssignment(arm, SCOPES.mlsWorkspace, BUILTIN.Owner, USERS.gina.id, name(6));
}

describe('git aml share --list', () => {
  it('shows every assignment at or above the project, broadest first, with where each is inherited from', async () => {
    s = await shareRepo();
    seedTree(s);
    const r = await s.aml(['share', '--list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.scope).toBe(SCOPES.project);
    expect(list.entries.map((e: Record<string, unknown>) => [e.principalName, e.role, e.inherited, e.inheritedFrom ?? null])).toEqual([
      ['Alice Owner (alice@contoso.com)', 'Owner', true, `subscription ${SUB}`],
      ['Data Science Team', 'Reader', true, 'resource group ml-rg'],
      ['iris-ci', 'Contributor', true, 'account acc'],
      ['Bob Smith (bob@contoso.com)', 'Contributor', true, 'workspace ws'],
      ['Carol Reader (carol@contoso.com)', CUSTOM_ROLE.name, false, null],
    ]);
    expect(s.peer.lines()).toEqual([
      `arm GET ${SCOPES.project}${ASSIGNMENTS} atScope()`,
      // One role look-up, because a custom role is among them; one Graph call for all the names.
      `arm GET ${SCOPES.project}/providers/Microsoft.Authorization/roleDefinitions`,
      `graph POST /v1.0/directoryObjects/getByIds ${JSON.stringify([USERS.alice.id, GROUP.id, SP.id, USERS.bob.id, USERS.carol.id])}`,
    ]);
  });

  it('prints a table whose From column names the level each role is inherited from', async () => {
    s = await shareRepo();
    seedTree(s);
    const r = await s.aml(['share', '--list', '--scope', 'workspace']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2).map((l) => l.split(/\s{2,}/));
    expect(rows).toEqual([
      ['Alice Owner (alice@contoso.com)', 'User', 'Owner', `inherited from subscription ${SUB}`],
      ['Data Science Team', 'Group', 'Reader', 'inherited from resource group ml-rg'],
      ['iris-ci', 'ServicePrincipal', 'Contributor', 'inherited from account acc'],
      ['Bob Smith (bob@contoso.com)', 'User', 'Contributor', 'this scope'],
    ]);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_SECRET);
  });

  it('still lists by object id when the directory may not be read', async () => {
    s = await shareRepo();
    seedAssignment(s.peer.arm, SCOPES.workspace, BUILTIN.Reader, USERS.bob.id, name(7));
    s.peer.graph.denied = true;
    const r = await s.aml(['share', '--list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.entries).toMatchObject([{ principalId: USERS.bob.id, role: 'Reader', inheritedFrom: 'workspace ws' }]);
    expect(list.namesUnavailable).toBeTruthy();
  });
});

describe('git aml unshare', () => {
  it('deletes the assignment at the scope; a second run finds nothing to remove and exits 0', async () => {
    s = await shareRepo();
    const bob = seedAssignment(s.peer.arm, SCOPES.workspace, BUILTIN.Contributor, USERS.bob.id, name(8));
    seedAssignment(s.peer.arm, SCOPES.workspace, BUILTIN.Reader, USERS.bob.id, name(9));
    const r = await s.aml(['unshare', 'bob@contoso.com', '--role', 'Contributor', '--scope', 'workspace']);
    expect(r.code).toBe(0);
    expect(s.peer.arm.assignments.map((a) => a.name)).toEqual([name(9)]);
    const again = await s.aml(['unshare', 'bob@contoso.com', '--role', 'Contributor', '--scope', 'workspace', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'absent', deleted: [] });
    const lookup = "graph GET /v1.0/users userPrincipalName eq 'bob@contoso.com' $select=id,displayName,userPrincipalName,mail";
    const list = `arm GET ${SCOPES.workspace}${ASSIGNMENTS} principalId eq '${USERS.bob.id}'`;
    expect(s.peer.lines()).toEqual([lookup, list, `arm DELETE ${bob.id}`, lookup, list]);
  });

  it('--dry-run prints the listing GET, the DELETE rule and the az line, makes no call, and removes nothing', async () => {
    s = await shareRepo();
    seedAssignment(s.peer.arm, SCOPES.workspace, BUILTIN.Contributor, USERS.bob.id, name(11));
    const dry = await s.aml(['unshare', '--assignee-object-id', USERS.bob.id, '--assignee-principal-type', 'User', '--role', 'Contributor', '--scope', 'workspace', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(s.peer.calls).toEqual([]);
    expect(await s.peer.azCalls()).toEqual([]);
    expect(s.peer.arm.assignments).toHaveLength(1);
    const [get, rule, , az] = dry.stdout.trim().split('\n');
    expect(rule).toMatch(/^DELETE each Contributor assignment listed that was made at exactly \/subscriptions\//);
    expect(az).toBe(`az role assignment delete --assignee-object-id ${USERS.bob.id} --assignee-principal-type User --role Contributor --scope ${SCOPES.workspace}`);
    expect(dry.stderr).toMatch(/dry run: no request was sent/);
    // The real unshare lists with that very request.
    expect((await s.aml(['unshare', '--assignee-object-id', USERS.bob.id, '--assignee-principal-type', 'User', '--role', 'Contributor', '--scope', 'workspace'])).code).toBe(0);
    const sent = s.peer.calls[0];
    const url = new URL(get.replace(/^GET /, ''));
    expect([url.origin + url.pathname, url.searchParams.get('$filter'), url.searchParams.get('api-version')])
      .toEqual([s.peer.armEndpoint + sent.path, sent.query.$filter, sent.query['api-version']]);
    expect(s.peer.arm.assignments).toHaveLength(0);
  });

  it('--dry-run with an address says what it would look up first', async () => {
    s = await shareRepo();
    const dry = await s.aml(['unshare', 'bob@contoso.com', '--role', 'Reader', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan).toMatchObject({ dryRun: true, scope: SCOPES.project, az: `az role assignment delete --assignee bob@contoso.com --role Reader --scope ${SCOPES.project}` });
    expect(plan.lookups[0]).toMatch(/Microsoft Graph users with userPrincipalName 'bob@contoso\.com'/);
    expect(decodeURIComponent(plan.list.url)).toContain("$filter=principalId eq '<object id of bob@contoso.com>'");
    expect(s.peer.calls).toEqual([]);
  });

  it('refuses when the role only comes from a scope above, and names that scope', async () => {
    s = await shareRepo();
    seedAssignment(s.peer.arm, SCOPES.workspace, BUILTIN.Contributor, USERS.bob.id, name(10));
    const r = await s.aml(['unshare', '--assignee-object-id', USERS.bob.id, '--assignee-principal-type', 'User', '--role', 'Contributor']);
    expect([r.code, errorCode(r)]).toEqual([1, 'InheritedAssignmentError']);
    expect(r.stderr).toContain(`--scope ${SCOPES.workspace}`);
    expect(s.peer.lines()).toEqual([`arm GET ${SCOPES.project}${ASSIGNMENTS} principalId eq '${USERS.bob.id}'`]);
    expect(s.peer.arm.assignments).toHaveLength(1);
  });
});
