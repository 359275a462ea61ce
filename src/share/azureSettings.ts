import path from 'node:path';
import type { AmlConfig } from '../config/AmlConfig.js';
import { ConfigInvalidError } from '../errors/repoErrors.js';

/** Workbench's provider (the default) and today's Azure Machine Learning provider. */
export const PROVIDERS = ['Microsoft.MachineLearningExperimentation', 'Microsoft.MachineLearningServices'] as const;
export type AmlProvider = (typeof PROVIDERS)[number];

export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
export const PUBLIC_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/** The `azure` block of the project's config, checked, with endpoints from the environment applied. */
export interface AzureSettings {
  subscriptionId?: string;
  resourceGroup?: string;
  account?: string;
  workspace?: string;
  project?: string;
  provider: AmlProvider;
  armEndpoint: string;
  graphEndpoint: string;
  tenant?: string;
  /** The config file the settings came from, or the one to create when there is none. */
  file: string;
  /** Whether `file` exists (a missing setting's message says "create" rather than "add to"). */
  fileExists: boolean;
}

/** The keys a user may write under `azure`; unknown keys are refused so a typo surfaces at once. */
export const AZURE_KEYS = ['subscriptionId', 'resourceGroup', 'account', 'workspace', 'project', 'provider', 'armEndpoint', 'graphEndpoint', 'tenant'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ARM resource names: resource groups allow ._-() ; the ML resources are stricter, so this is the loose common shape.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._()-]{0,89}$/;

function invalid(file: string, key: string, want: string, got: unknown): never {
  throw new ConfigInvalidError(`${file}: setting "azure.${key}" must be ${want}, not ${JSON.stringify(got)}.`, {
    hint: `Fix "azure.${key}" in ${file}; see README.md "Sharing with teammates (git aml share)" for the keys.`,
    data: { file, key: `azure.${key}` },
  });
}

/** An https origin without a trailing slash: the Azure bearer-token policy refuses plain http. */
function endpoint(value: unknown, where: string, file: string, key: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.search || url.hash) {
    if (where === 'config') invalid(file, key, 'an https:// URL', value);
    throw new ConfigInvalidError(`${where} must be an https:// URL, not ${JSON.stringify(value)}.`, {
      hint: `export ${where}=https://management.azure.com   # or unset it for the public cloud`,
      data: { key: where },
    });
  }
  return url.toString().replace(/\/+$/, '');
}

const WORKSPACE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/(Microsoft\.MachineLearning(?:Experimentation|Services))\/(?:accounts\/([^/]+)\/)?workspaces\/([^/]+)\/?$/i;

/**
 * `azure.workspace` may also hold the workspace's full ARM id (as `git aml projects` reads it): its parts then
 * stand in for subscriptionId, resourceGroup, provider, account and workspace. A key also set on its own must agree.
 */
function workspaceIdParts(raw: Record<string, unknown>, file: string): Record<string, string> {
  if (typeof raw.workspace !== 'string' || !raw.workspace.startsWith('/')) return {};
  const m = WORKSPACE_ID.exec(raw.workspace);
  if (!m) invalid(file, 'workspace', 'a workspace name or its full ARM id (/subscriptions/…/workspaces/<name>)', raw.workspace);
  const parts: Record<string, string | undefined> = { subscriptionId: m[1], resourceGroup: m[2], provider: m[3], account: m[4], workspace: m[5] };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parts)) {
    if (value === undefined) continue;
    const own = raw[key];
    if (key !== 'workspace' && own !== undefined && String(own).replace(/^(Microsoft\.)?/i, '').toLowerCase() !== value.replace(/^(Microsoft\.)?/i, '').toLowerCase()) {
      invalid(file, key, `${JSON.stringify(value)}, as in azure.workspace`, own);
    }
    out[key] = value;
  }
  return out;
}

/**
 * Reads `config.azure`. Only the shape is checked here; which keys are needed depends on the scope asked
 * for, so a missing one is reported by `resolveScope` with the key and file named.
 * AML_ARM_ENDPOINT / AML_GRAPH_ENDPOINT win over the config keys, as the environment does for @azure/identity.
 */
export function azureSettings(config: AmlConfig, top: string, env: NodeJS.ProcessEnv = process.env): AzureSettings {
  const file = config.filepath ?? path.join(top, '.gitamlrc.json');
  const raw = (config.azure ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(AZURE_KEYS as readonly string[]).includes(key)) {
      throw new ConfigInvalidError(`${file}: unknown setting "azure.${key}".`, {
        hint: `Known azure settings: ${AZURE_KEYS.join(', ')}. Fix or remove it in ${file}.`,
        data: { file, key: `azure.${key}` },
      });
    }
  }
  const fromId = workspaceIdParts(raw, file);
  const str = (key: string, pattern: RegExp, want: string) => {
    const v = fromId[key] ?? raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !pattern.test(v)) invalid(file, key, want, v);
    return v;
  };
  let provider: AmlProvider = PROVIDERS[0];
  const rawProvider = fromId.provider ?? raw.provider;
  if (rawProvider !== undefined) {
    const p = typeof rawProvider === 'string' ? rawProvider.replace(/^(Microsoft\.)?/i, 'Microsoft.') : '';
    const found = PROVIDERS.find((x) => x.toLowerCase() === p.toLowerCase());
    if (!found) invalid(file, 'provider', `"MachineLearningExperimentation" or "MachineLearningServices"`, rawProvider);
    provider = found;
  }
  const arm = env.AML_ARM_ENDPOINT ? endpoint(env.AML_ARM_ENDPOINT, 'AML_ARM_ENDPOINT', file, '')
    : raw.armEndpoint !== undefined ? endpoint(raw.armEndpoint, 'config', file, 'armEndpoint') : PUBLIC_ARM_ENDPOINT;
  const graph = env.AML_GRAPH_ENDPOINT ? endpoint(env.AML_GRAPH_ENDPOINT, 'AML_GRAPH_ENDPOINT', file, '')
    : raw.graphEndpoint !== undefined ? endpoint(raw.graphEndpoint, 'config', file, 'graphEndpoint') : PUBLIC_GRAPH_ENDPOINT;
  return {
    subscriptionId: str('subscriptionId', GUID, 'a subscription id (a GUID)'),
    resourceGroup: str('resourceGroup', NAME, 'a resource group name'),
    account: str('account', NAME, 'an account name'),
    workspace: str('workspace', NAME, 'a workspace name'),
    project: str('project', NAME, 'a project name'),
    provider,
    armEndpoint: arm,
    graphEndpoint: graph,
    // A tenant is a GUID or a domain (contoso.onmicrosoft.com); @azure/identity checks the characters again.
    tenant: str('tenant', /^[A-Za-z0-9.-]+$/, 'a tenant id or domain'),
    file,
    fileExists: config.filepath !== undefined,
  };
}
