import type { TokenCredential } from '@azure/identity';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ArmRoles } from './ArmRoles.js';

// The SDK's path templates are "/{scope}/…" with the scope inserted unencoded, so an ARM id's own leading
// slash would make "//subscriptions/…"; ARM ids are passed without it.
const bare = (id: string) => id.replace(/^\/+/, '');

/**
 * ArmRoles through @azure/arm-authorization's AuthorizationManagementClient: its typed operations, paging,
 * retries and ARM error parsing fit these calls exactly, so there is no reason to hand-roll the REST contract.
 * `endpoint` gives both the request URLs and the token audience (<endpoint>/.default), so a sovereign cloud's
 * ARM is asked for its own token. `$host` is set too: the client keeps it as a public-cloud default that these
 * operations do not read today, and it must not point elsewhere if a later SDK build does.
 */
export function createArmRoles(credential: TokenCredential, endpoint: string, subscriptionId: string | undefined): ArmRoles {
  // subscriptionId is only used by the subscription-level operations, which git-aml does not call.
  const client = new AuthorizationManagementClient(credential, subscriptionId ?? '', {
    endpoint,
    $host: endpoint,
    credentialScopes: [`${endpoint}/.default`],
    userAgentOptions: { userAgentPrefix: 'git-aml' },
  });
  return {
    async createAssignment(scope, name, body) {
      let status = 0;
      await client.roleAssignments.create(bare(scope), name, body, { onResponse: (r) => { status = r.status; } });
      return status;
    },
    async listAssignments(scope, filter) {
      const out = [];
      for await (const a of client.roleAssignments.listForScope(bare(scope), filter ? { filter } : {})) {
        out.push({ id: a.id!, name: a.name!, scope: a.scope!, roleDefinitionId: a.roleDefinitionId!, principalId: a.principalId!, principalType: a.principalType });
      }
      return out;
    },
    async deleteAssignment(id) {
      await client.roleAssignments.deleteById(bare(id));
    },
    async listRoleDefinitions(scope, filter) {
      const out = [];
      for await (const d of client.roleDefinitions.list(bare(scope), filter ? { filter } : {})) {
        out.push({ id: d.id!, name: d.name!, roleName: d.roleName!, roleType: d.roleType });
      }
      return out;
    },
  };
}
