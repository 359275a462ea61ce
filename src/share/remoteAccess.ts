export type RemoteKind = 'azure-repos' | 'github' | 'gitlab' | 'bitbucket' | 'other-host' | 'local' | 'none';

export interface RemoteAccess {
  remote: string;
  /** The remote's URL with any user name, password or token removed. */
  url?: string;
  host?: string;
  kind: RemoteKind;
  /** Azure roles never reach a Git host's own permissions (not even Azure Repos'), so this is always false. */
  grantedByShare: false;
  /** What was checked, so nobody mistakes this for a probe of the host. */
  checked: string;
  /** Whether and how the assignee can reach the remote, in one sentence. */
  summary: string;
  /** The exact next step when they cannot (a page to open or a command to run). */
  nextStep: string;
}

interface Where {
  host?: string;
  path: string;
  url: string;
}

/** Host and path of a remote URL: https://…, ssh://…, scp-like user@host:path, file:// or a plain path. */
export function parseRemote(raw: string): Where {
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(raw);
  if (scp && !/^[A-Za-z]:[\\/]/.test(raw)) return { host: scp[1].toLowerCase(), path: scp[2], url: raw };
  try {
    const u = new URL(raw);
    if (u.protocol === 'file:') return { path: decodeURIComponent(u.pathname), url: raw };
    u.username = '';
    u.password = '';
    return { host: u.hostname.toLowerCase(), path: u.pathname.replace(/^\//, ''), url: u.toString() };
  } catch {
    return { path: raw, url: raw };
  }
}

const noGit = (p: string) => p.replace(/\.git$/, '').replace(/\/+$/, '');

/** The page where the host's owners give someone access, if the host is one whose layout is known. */
function hostPage(w: Where, assignee: string): { kind: RemoteKind; step: string } {
  const host = w.host!;
  const parts = noGit(w.path).split('/').filter(Boolean);
  // dev.azure.com/{org}/{project}/_git/{repo}, {org}.visualstudio.com/[DefaultCollection/]{project}/_git/{repo},
  // ssh.dev.azure.com:v3/{org}/{project}/{repo}, vs-ssh.visualstudio.com:v3/{org}/{project}/{repo}
  let org: string | undefined;
  let project: string | undefined;
  if (host === 'dev.azure.com') [org, project] = parts;
  else if (host === 'ssh.dev.azure.com' || host === 'vs-ssh.visualstudio.com') [, org, project] = parts;
  else if (host.endsWith('.visualstudio.com')) {
    org = host.split('.')[0];
    project = parts[0] === 'DefaultCollection' ? parts[1] : parts[0];
  }
  if (org && project) {
    return {
      kind: 'azure-repos',
      step: `add ${assignee} to the project's Contributors group at https://dev.azure.com/${org}/${project}/_settings/permissions (first to the organization at https://dev.azure.com/${org}/_settings/users if they are not in it)`,
    };
  }
  if (host === 'github.com' && parts.length >= 2) {
    return { kind: 'github', step: `invite their GitHub account as a collaborator at https://github.com/${parts[0]}/${parts[1]}/settings/access` };
  }
  if (host === 'gitlab.com' && parts.length >= 2) {
    return { kind: 'gitlab', step: `invite them as a Developer at https://gitlab.com/${parts.join('/')}/-/project_members` };
  }
  if (host === 'bitbucket.org' && parts.length >= 2) {
    return { kind: 'bitbucket', step: `give them Write access at https://bitbucket.org/${parts[0]}/${parts[1]}/admin/permissions` };
  }
  return { kind: 'other-host', step: `ask whoever administers ${host} to give ${assignee} read and write access to ${w.url}` };
}

/**
 * Whether an assignee can reach the project's Git remote after a share, judged from the remote's URL alone
 * (no request to the host: it would need the teammate's credentials, not ours). Azure role assignments are
 * Azure Resource Manager permissions; every Git host keeps its own, so the answer is the host's next step.
 */
export function remoteAccess(remote: string, rawUrl: string | undefined, assignee: string): RemoteAccess {
  const checked = `the URL of remote "${remote}" only; no request was made to the Git host`;
  if (!rawUrl) {
    return {
      remote, kind: 'none', grantedByShare: false, checked,
      summary: `The project has no remote "${remote}", so ${assignee} cannot get its code or runs yet.`,
      nextStep: `git remote add ${remote} <url of a shared repository> && git push -u ${remote} HEAD`,
    };
  }
  const w = parseRemote(rawUrl);
  if (!w.host) {
    return {
      remote, url: w.url, kind: 'local', grantedByShare: false, checked,
      summary: `Remote "${remote}" is a path on this machine (${w.path}); ${assignee} can reach it only if it is on a shared drive they can read and write.`,
      nextStep: `ls -ld ${w.path}   # check who may read and write it, or push the project to a hosted repository`,
    };
  }
  const page = hostPage(w, assignee);
  return {
    remote, url: w.url, host: w.host, kind: page.kind, grantedByShare: false, checked,
    summary: `Azure roles do not give access to ${w.host}, so ${assignee} can push and fetch ${w.url} only if ${w.host} already lets them.`,
    nextStep: page.step,
  };
}
