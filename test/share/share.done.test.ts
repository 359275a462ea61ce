import { afterEach, describe, expect, it } from 'vitest';
import { shareRepo, type ShareRepo } from '../helpers/shareRepo.js';
import { BUILTIN, roleDefId, SCOPES, USERS } from '../helpers/azureDirectory.js';
import { TOKEN_SECRET } from '../helpers/fakeAz.js';

let s: ShareRepo;
afterEach(async () => {
  expect(s.peer.unexpected).toEqual([]);
  await s.cleanup();
});

describe('git aml share (the issue\'s "done when")', () => {
  it('creates exactly one Contributor assignment for Bob at the workspace, and says it is already in place the second time', async () => {
    s = await shareRepo();
    const r = await s.aml(['share', 'bob@contoso.com', '--role', 'Contributor', '--scope', 'workspace']);
    expect(r.stderr).toContain('shared:');
    expect(r.code).toBe(0);
    expect(s.peer.arm.assignments).toHaveLength(1);
    expect(s.peer.arm.assignments[0]).toMatchObject({ scope: SCOPES.workspace, principalId: USERS.bob.id, roleDefinitionId: roleDefId(BUILTIN.Contributor), principalType: 'User' });
    const put = s.peer.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({ properties: { roleDefinitionId: roleDefId(BUILTIN.Contributor), principalId: USERS.bob.id, principalType: 'User' } });
    expect(s.peer.lines()).toEqual([
      "graph GET /v1.0/users userPrincipalName eq 'bob@contoso.com' $select=id,displayName,userPrincipalName,mail",
      `arm PUT ${s.peer.arm.assignments[0].id}`,
    ]);

    const again = await s.aml(['share', 'bob@contoso.com', '--role', 'Contributor', '--scope', 'workspace']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already in place');
    expect(s.peer.arm.assignments).toHaveLength(1);
    for (const out of [r.stdout, r.stderr, again.stdout, again.stderr]) expect(out).not.toContain(TOKEN_SECRET);
  });
});
