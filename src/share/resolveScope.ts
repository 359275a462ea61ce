import path from 'node:path';
import { UsageError } from '../errors/AmlError.js';
import { AzureSettingMissingError, ScopeNotAvailableError } from '../errors/shareErrors.js';
import type { AzureSettings } from './azureSettings.js';

export const SCOPE_LEVELS = ['account', 'workspace', 'project'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export interface Scope {
  /** The ARM resource id role assignments are made at, e.g. /subscriptions/…/workspaces/ws. */
  id: string;
  /** What the user asked for: a level from the config, or a full ARM id. */
  level: ScopeLevel | 'arm-id';
}

type Key = 'subscriptionId' | 'resourceGroup' | 'account' | 'workspace' | 'project';

/**
 * The settings a level needs, or one error naming every missing key and the file, with the JSON to add
 * (package.json nests it under "gitaml").
 */
function need(s: AzureSettings, keys: Key[], level: string): Record<Key, string> {
  const missing = keys.filter((k) => !s[k]);
  if (!missing.length) return s as Record<Key, string>;
  const inPackageJson = path.basename(s.file) === 'package.json';
  const pairs = missing.map((k) => `"${k}": "<${k}>"`).join(', ');
  const add = !s.fileExists
    ? `Create ${s.file} with {"azure": {${pairs}}}`
    : `Add ${pairs} under ${inPackageJson ? '"gitaml" → "azure"' : '"azure"'} in ${s.file}`;
  const names = missing.map((k) => `"azure.${k}"`).join(', ');
  throw new AzureSettingMissingError(
    `The ${level} scope needs ${missing.length > 1 ? 'the settings' : 'the setting'} ${names}, missing from ${s.file}${s.fileExists ? '' : ' (no such file yet)'}.`,
    {
      hint: `${add}, or pass the full ARM id: --scope /subscriptions/<id>/resourceGroups/<group>/providers/…`,
      data: { keys: missing.map((k) => `azure.${k}`), file: s.file, level },
    },
  );
}

/**
 * Turns `--scope` into an ARM resource id. Workbench's provider nests account → workspace → project;
 * under Microsoft.MachineLearningServices the workspace is the only ML resource, so `project` is the
 * workspace there (Azure ML has no separate project resource) and `account` does not exist.
 */
export function resolveScope(arg: string, s: AzureSettings): Scope {
  if (arg.startsWith('/')) {
    if (/[\s?#]/.test(arg) || arg.includes('//')) {
      throw new UsageError(`--scope ${JSON.stringify(arg)} is not an ARM resource id.`, {
        hint: 'git aml share <assignee> --role Reader --scope /subscriptions/<id>/resourceGroups/<group>/providers/<provider>/<type>/<name>',
      });
    }
    return { id: arg.length > 1 ? arg.replace(/\/+$/, '') : arg, level: 'arm-id' };
  }
  const level = SCOPE_LEVELS.find((l) => l === arg);
  if (!level) {
    throw new UsageError(`--scope must be account, workspace, project or a full ARM resource id starting with "/", not ${JSON.stringify(arg)}.`, {
      hint: 'git aml share <assignee> --role Reader --scope workspace',
    });
  }
  const mls = s.provider === 'Microsoft.MachineLearningServices';
  if (mls && level === 'account') {
    throw new ScopeNotAvailableError('Microsoft.MachineLearningServices has no account level; the workspace is its top ML resource.', {
      hint: 'git aml share <assignee> --role <role> --scope workspace',
      data: { provider: s.provider },
    });
  }
  const chain: Key[] = ['subscriptionId', 'resourceGroup', 'account', 'workspace', 'project'];
  const v = need(s, mls ? ['subscriptionId', 'resourceGroup', 'workspace'] : chain.slice(0, SCOPE_LEVELS.indexOf(level) + 3), level);
  const rg = `/subscriptions/${v.subscriptionId}/resourceGroups/${v.resourceGroup}/providers/${s.provider}`;
  if (mls) return { id: `${rg}/workspaces/${v.workspace}`, level };
  const ids = { account: `${rg}/accounts/${v.account}`, workspace: `${rg}/accounts/${v.account}/workspaces/${v.workspace}` };
  return { id: level === 'project' ? `${ids.workspace}/projects/${v.project}` : ids[level], level };
}

/** The subscription an ARM id lives in, if any (management-group and root scopes have none). */
export function subscriptionOf(scopeId: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(scopeId)?.[1];
}

// ARM ids compare case-insensitively; the root scope "/" normalizes to "".
const norm = (id: string) => id.toLowerCase().replace(/\/+$/, '');

export function sameScope(a: string, b: string): boolean {
  return norm(a) === norm(b);
}

/** Whether `outer` is `inner` or one of its ancestors, segment by segment. */
export function scopeCovers(outer: string, inner: string): boolean {
  const o = norm(outer);
  const i = norm(inner);
  return o === '' || o === i || i.startsWith(o + '/');
}

const KIND_NAMES: Record<string, string> = {
  subscriptions: 'subscription',
  resourcegroups: 'resource group',
  managementgroups: 'management group',
  accounts: 'account',
  workspaces: 'workspace',
  projects: 'project',
};

/** A short human name for an ARM id, read from its last type/name pair: "workspace ws1", "resource group rg". */
export function describeScope(id: string): string {
  const parts = id.split('/').filter(Boolean);
  if (!parts.length) return 'root (/)';
  const name = parts[parts.length - 1];
  const type = (parts[parts.length - 2] ?? '').toLowerCase();
  return `${KIND_NAMES[type] ?? type} ${name}`;
}
