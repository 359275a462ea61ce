import { gitIn, type Git } from '../git/runGit.js';
import { findRepo, type RepoInfo } from '../git/findRepo.js';
import { loadConfig } from '../config/loadConfig.js';
import type { AmlConfig } from '../config/AmlConfig.js';
import { azureSettings, type AzureSettings } from '../share/azureSettings.js';
import { resolveScope, subscriptionOf, type Scope } from '../share/resolveScope.js';
import type { AssigneeRef } from '../share/resolveAssignee.js';
import type { AzureClients } from '../share/createAzureClients.js';
import type { AssigneeOptions } from './shareArgs.js';

export interface ShareContext {
  git: Git;
  repo: RepoInfo;
  config: AmlConfig;
  settings: AzureSettings;
  scope: Scope;
  tenant?: string;
  /** Creates the credential and HTTP clients; only called when a request will really be sent. */
  clients: () => Promise<AzureClients>;
}

/**
 * What share, share --list and unshare start with. Unlike openProject it needs no commit and no project id
 * (granting roles works in a fresh repo), and the Azure SDKs are imported only when `clients()` is called,
 * so --dry-run neither loads them nor builds a credential.
 */
export async function openShareContext(cwd: string, o: { scope: string; tenant?: string }): Promise<ShareContext> {
  const git = gitIn(cwd);
  const repo = await findRepo(git, cwd, { needCommit: false });
  const config = await loadConfig(cwd, repo.top);
  const settings = azureSettings(config, repo.top);
  const scope = resolveScope(o.scope, settings);
  const tenant = o.tenant ?? settings.tenant;
  return {
    git, repo, config, settings, scope, tenant,
    clients: async () => (await import('../share/createAzureClients.js')).createAzureClients({
      armEndpoint: settings.armEndpoint,
      graphEndpoint: settings.graphEndpoint,
      tenant,
      subscriptionId: subscriptionOf(scope.id) ?? settings.subscriptionId,
    }),
  };
}

export function assigneeRef(o: AssigneeOptions): AssigneeRef {
  return o.assigneeObjectId
    ? { kind: 'objectId', objectId: o.assigneeObjectId, principalType: o.assigneePrincipalType! }
    : { kind: 'lookup', text: o.assignee! };
}
