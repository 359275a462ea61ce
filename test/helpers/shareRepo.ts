import path from 'node:path';
import { tempRepo, type TempRepo } from './tempRepo.js';
import { startAzurePeer, type AzurePeer } from './azurePeer.js';
import { AZURE_CONFIG, SCOPES } from './azureDirectory.js';
import type { CliResult } from './runCli.js';

export interface ShareRepo {
  repo: TempRepo;
  peer: AzurePeer;
  /** `git aml …` in the repo, pointed at the peer as a sovereign-cloud user would point it at their cloud. */
  aml: (args: string[], env?: NodeJS.ProcessEnv) => Promise<CliResult>;
  cleanup: () => Promise<void>;
}

/**
 * A sealed repo whose .gitamlrc.json names the project's Azure resources (or `azure` as given), a remote URL
 * if asked, and a running Azure peer in which the project's and a MachineLearningServices workspace exist.
 */
export async function shareRepo(opts: { azure?: Record<string, unknown> | null; remote?: string } = {}): Promise<ShareRepo> {
  const azure = opts.azure === undefined ? AZURE_CONFIG : opts.azure;
  const repo = await tempRepo({ 'README.md': '# iris\n', ...(azure ? { '.gitamlrc.json': JSON.stringify({ azure }, null, 2) } : {}) });
  if (opts.remote) repo.git(['remote', 'add', 'origin', opts.remote]);
  const peer = await startAzurePeer(path.join(repo.sealed.root, 'azure-peer'));
  peer.arm.resources.push(SCOPES.project, SCOPES.mlsWorkspace);
  const env = peer.env(repo.env);
  return {
    repo,
    peer,
    aml: (args, extra = {}) => repo.aml(args, { env: { ...env, ...extra } }),
    cleanup: async () => {
      await peer.close();
      await repo.cleanup();
    },
  };
}
