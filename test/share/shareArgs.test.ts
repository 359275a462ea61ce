import { describe, expect, it } from 'vitest';
import { yargsRoot } from '../../src/yargsRoot.js';
import { UsageError } from '../../src/errors/AmlError.js';

/** Parses argv like the CLI does, records what would be dispatched, runs nothing. */
async function parse(argv: string[]): Promise<{ command: string; options: Record<string, unknown> }> {
  let seen: { command: string; options: Record<string, unknown> } | undefined;
  await yargsRoot(argv, '0.0.0', async (command, options) => {
    seen = { command, options };
    return 0;
  });
  if (!seen) throw new Error(`nothing dispatched for ${argv.join(' ')}`);
  return seen;
}

const OID = '0b0b0b0b-1111-4111-8111-000000000001';

describe('share / unshare argv → options', () => {
  it.each([
    [['share', 'bob@contoso.com', '--role', 'Contributor', '--scope', 'workspace'], 'share',
      { assignee: 'bob@contoso.com', role: 'Contributor', scope: 'workspace', dryRun: false, json: false, tenant: undefined }],
    [['share', 'bob@contoso.com', '--role', 'Reader'], 'share',
      { assignee: 'bob@contoso.com', role: 'Reader', scope: 'project', dryRun: false, json: false, tenant: undefined }],
    [['share', 'iris-ci', '--role', 'ML Experiment Runner', '--scope', '/subscriptions/x/resourceGroups/rg', '--dry-run', '--json', '--tenant', 'contoso.onmicrosoft.com'], 'share',
      { assignee: 'iris-ci', role: 'ML Experiment Runner', scope: '/subscriptions/x/resourceGroups/rg', dryRun: true, json: true, tenant: 'contoso.onmicrosoft.com' }],
    [['share', '--assignee-object-id', OID.toUpperCase(), '--assignee-principal-type', 'ServicePrincipal', '--role', 'Owner'], 'share',
      { assigneeObjectId: OID, assigneePrincipalType: 'ServicePrincipal', role: 'Owner', scope: 'project', dryRun: false, json: false, tenant: undefined }],
    [['share', '--list'], 'share --list', { scope: 'project', json: false, tenant: undefined }],
    [['share', '--list', '--scope', 'account', '--json'], 'share --list', { scope: 'account', json: true, tenant: undefined }],
    [['unshare', 'bob@contoso.com', '--role', 'Contributor', '--scope', 'workspace'], 'unshare',
      { assignee: 'bob@contoso.com', role: 'Contributor', scope: 'workspace', dryRun: false, json: false, tenant: undefined }],
    [['unshare', 'bob@contoso.com', '--role', 'Reader', '--dry-run'], 'unshare',
      { assignee: 'bob@contoso.com', role: 'Reader', scope: 'project', dryRun: true, json: false, tenant: undefined }],
  ])('%j', async (argv, command, options) => {
    expect(await parse(argv)).toEqual({ command, options });
  });

  it.each([
    [['share', '--role', 'Reader']],
    [['share', 'bob@contoso.com']],
    [['share', 'bob@contoso.com', '--assignee-object-id', OID, '--assignee-principal-type', 'User', '--role', 'Reader']],
    [['share', '--assignee-object-id', OID, '--role', 'Reader']],
    [['share', '--assignee-object-id', 'not-a-guid', '--assignee-principal-type', 'User', '--role', 'Reader']],
    [['share', 'bob@contoso.com', '--assignee-principal-type', 'User', '--role', 'Reader']],
    [['share', '--assignee-object-id', OID, '--assignee-principal-type', 'Robot', '--role', 'Reader']],
    [['share', '--list', 'bob@contoso.com']],
    [['share', '--list', '--dry-run']],
    [['unshare', 'bob@contoso.com']],
  ])('refuses %j as a usage error (exit 2)', async (argv) => {
    const e = await parse(argv).catch((x) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.exitCode).toBe(2);
  });
});
