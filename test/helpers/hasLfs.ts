import { execFileSync } from 'node:child_process';

/** Whether git-lfs is installed (CI installs it; elsewhere the LFS tests skip with a message). */
export const hasLfs = (() => {
  try {
    execFileSync('git', ['lfs', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
