import { createHash } from 'node:crypto';

/**
 * The role assignment's name (ARM wants a GUID), derived from what it grants rather than random as az does:
 * `--dry-run` then prints the very URL the real run PUTs, and a re-run addresses the same resource.
 * Shaped as a version-5 (name-based, SHA-1) UUID.
 */
export function assignmentName(scopeId: string, roleGuid: string, principalId: string): string {
  const h = createHash('sha1').update(`git-aml\n${scopeId.toLowerCase()}\n${roleGuid.toLowerCase()}\n${principalId.toLowerCase()}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
