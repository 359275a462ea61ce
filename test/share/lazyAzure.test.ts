import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/sealedEnv.js';

/** Every module reachable from `entry` through static (not type-only, not dynamic) imports. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('/')) return;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)) {
      const spec = m[1];
      visit(spec.startsWith('.') ? path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')) : spec);
    }
  };
  visit(entry);
  return seen;
}

describe('start-up stays light', () => {
  it('the yargs root reaches no Azure SDK without running a command (git aml --help, --version)', () => {
    const reached = [...staticClosure(path.join(ROOT, 'src/yargsRoot.ts'))];
    expect(reached.filter((m) => m.startsWith('@azure/'))).toEqual([]);
    // The share commands themselves load the SDKs only when a request will be sent (not for --dry-run).
    const share = [...staticClosure(path.join(ROOT, 'src/commands/share.ts'))];
    expect(share.filter((m) => m.startsWith('@azure/'))).toEqual([]);
    const clients = staticClosure(path.join(ROOT, 'src/share/createAzureClients.ts'));
    expect(['@azure/identity', '@azure/arm-authorization', '@azure/core-rest-pipeline'].map((m) => clients.has(m))).toEqual([true, true, true]);
  });
});
