import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The secret part of every fake token. Tests assert it never appears in the CLI's output; the peer accepts
 * "<secret>.<its own origin>" only, which is how it checks the token was asked for the right resource.
 */
export const TOKEN_SECRET = 'eyFAKE-do-not-print-7c1f';

/**
 * Writes an `az` script that answers `az account get-access-token --resource R` as az 2.54+ does (both
 * expiresOn and expires_on), or, once signed out, fails with az's own "Please run 'az login'" message.
 * It logs every argv, so tests can see which resources tokens were asked for.
 */
export async function installFakeAz(dir: string): Promise<{ binDir: string; signOut: () => Promise<void>; calls: () => Promise<string[]> }> {
  const binDir = path.join(dir, 'bin');
  const log = path.join(dir, 'az-calls.log');
  const signedOut = path.join(dir, 'signed-out');
  await fs.mkdir(binDir, { recursive: true });
  await fs.writeFile(path.join(binDir, 'az'), `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
if [ -e '${signedOut}' ]; then
  echo "ERROR: Please run 'az login' to setup account." >&2
  exit 1
fi
resource=''
while [ $# -gt 0 ]; do
  if [ "$1" = "--resource" ]; then resource="$2"; shift; fi
  shift
done
printf '{"accessToken": "%s.%s", "expiresOn": "2099-01-01 00:00:00.000000", "expires_on": 4070908800, "subscription": "0f1e2d3c-4b5a-4697-8877-665544332211", "tenant": "72f988bf-0000-4000-8000-000000000001", "tokenType": "Bearer"}\\n' '${TOKEN_SECRET}' "$resource"
`, { mode: 0o755 });
  return {
    binDir,
    signOut: () => fs.writeFile(signedOut, ''),
    calls: async () => (await fs.readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean),
  };
}
