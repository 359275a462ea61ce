import { DefaultAzureCredential } from '@azure/identity';
import type { ArmRoles } from './ArmRoles.js';
import type { GraphClient } from './GraphClient.js';
import { createArmRoles } from './createArmRoles.js';
import { createGraphClient } from './createGraphClient.js';

export interface AzureClients {
  arm: ArmRoles;
  graph: GraphClient;
}

/**
 * The production side effects: DefaultAzureCredential (environment, workload and managed identity, az login, …;
 * AZURE_TOKEN_CREDENTIALS narrows the chain, AZURE_AUTHORITY_HOST picks the cloud's authority) shared by the ARM
 * and Graph clients. Tokens stay inside the SDK's bearer policy: git-aml never reads, prints or stores one.
 */
export function createAzureClients(o: { armEndpoint: string; graphEndpoint: string; tenant?: string; subscriptionId?: string }): AzureClients {
  const credential = new DefaultAzureCredential(o.tenant ? { tenantId: o.tenant } : {});
  return {
    arm: createArmRoles(credential, o.armEndpoint, o.subscriptionId),
    graph: createGraphClient(credential, o.graphEndpoint),
  };
}
