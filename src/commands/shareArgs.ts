import type { Argv } from 'yargs';
import { UsageError } from '../errors/AmlError.js';
import { GUID, PRINCIPAL_TYPES, type PrincipalType } from '../share/resolveAssignee.js';

/** Who gets (or loses) a role: an address/name/GUID to look up, or an object id given outright. */
export interface AssigneeOptions {
  assignee?: string;
  assigneeObjectId?: string;
  assigneePrincipalType?: PrincipalType;
}

export interface ShareOptions extends AssigneeOptions {
  role: string;
  /** account | workspace | project | a full ARM resource id. */
  scope: string;
  dryRun: boolean;
  json: boolean;
  tenant?: string;
}

export interface ShareListOptions {
  scope: string;
  json: boolean;
  tenant?: string;
}

export type UnshareOptions = ShareOptions;

const SCOPE_HELP = 'account, workspace, project (the default) or a full ARM resource id';

function common(y: Argv): Argv {
  return y
    .positional('assignee', { type: 'string', describe: 'user address, service principal name or appId, or an object id' })
    .option('role', { type: 'string', describe: 'Owner, Contributor, Reader, any role name, or a role-definition GUID' })
    .option('scope', { type: 'string', default: 'project', describe: SCOPE_HELP })
    .option('assignee-object-id', { type: 'string', describe: 'the assignee\'s object id: skips the directory look-up' })
    .option('assignee-principal-type', { type: 'string', choices: PRINCIPAL_TYPES as unknown as string[], describe: 'with --assignee-object-id' })
    .option('tenant', { type: 'string', describe: 'sign in to this tenant (id or domain)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' });
}

export const shareBuilder = (y: Argv) => common(y)
  .option('list', { type: 'boolean', default: false, describe: 'list who has which role at or above the scope' })
  .option('dry-run', { type: 'boolean', default: false, describe: 'print the request and the az equivalent; send nothing' });

export const unshareBuilder = (y: Argv) => common(y)
  .option('dry-run', { type: 'boolean', default: false, describe: 'print the requests and the az equivalent; send nothing' });

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The assignee flags, checked: exactly one of <assignee> or --assignee-object-id (with its type). */
function assigneeFrom(a: Record<string, unknown>, command: string): AssigneeOptions {
  const assignee = str(a.assignee);
  const objectId = str(a['assignee-object-id']);
  const type = str(a['assignee-principal-type']) as PrincipalType | undefined;
  const example = `git aml ${command} bob@contoso.com --role Reader`;
  if (assignee && objectId) throw new UsageError('Give either an assignee or --assignee-object-id, not both.', { hint: example });
  if (!assignee && !objectId) throw new UsageError(`Name who to ${command === 'share' ? 'share with' : 'unshare'}.`, { hint: example });
  if (objectId && !GUID.test(objectId)) throw new UsageError(`--assignee-object-id must be an object id (a GUID), not ${JSON.stringify(objectId)}.`, { hint: example });
  if (objectId && !type) {
    throw new UsageError('--assignee-object-id needs --assignee-principal-type (User, Group or ServicePrincipal), since the directory is not asked.', {
      hint: `git aml ${command} --assignee-object-id ${objectId} --assignee-principal-type User --role Reader`,
    });
  }
  if (type && !objectId) throw new UsageError('--assignee-principal-type goes with --assignee-object-id.', { hint: example });
  return objectId ? { assigneeObjectId: objectId.toLowerCase(), assigneePrincipalType: type } : { assignee };
}

function roleFrom(a: Record<string, unknown>, command: string): string {
  const role = str(a.role);
  if (!role) throw new UsageError(`git aml ${command} needs --role.`, { hint: `git aml ${command} bob@contoso.com --role Reader` });
  return role;
}

/** argv → options for `git aml share`, or for `git aml share --list`; usage mistakes exit 2. */
export function shareOptionsFrom(a: Record<string, unknown>): { list: true; options: ShareListOptions } | { list: false; options: ShareOptions } {
  const base = { scope: String(a.scope), json: Boolean(a.json), tenant: str(a.tenant) };
  if (a.list) {
    const extra = ['assignee', 'role', 'assignee-object-id', 'assignee-principal-type'].filter((k) => str(a[k]));
    if (a['dry-run']) extra.push('dry-run');
    if (extra.length) throw new UsageError(`--list takes only --scope, --tenant and --json, not ${extra.map((k) => (k === 'assignee' ? '<assignee>' : `--${k}`)).join(', ')}.`, { hint: 'git aml share --list --scope workspace' });
    return { list: true, options: base };
  }
  return { list: false, options: { ...assigneeFrom(a, 'share'), role: roleFrom(a, 'share'), ...base, dryRun: Boolean(a['dry-run']) } };
}

/** argv → options for `git aml unshare`. */
export function unshareOptionsFrom(a: Record<string, unknown>): UnshareOptions {
  return { ...assigneeFrom(a, 'unshare'), role: roleFrom(a, 'unshare'), scope: String(a.scope), json: Boolean(a.json), tenant: str(a.tenant), dryRun: Boolean(a['dry-run']) };
}
