import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/sealedEnv.js';
import { runProcess } from '../helpers/runCli.js';

describe('npm run demo (the README\'s first command)', () => {
  it('plays the two-user story against a real server and leaves no process behind', async () => {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && !k.startsWith('AML_')) env[k] = v;
    const r = await runProcess(process.execPath, [path.join(ROOT, 'dist/demo/demo.js')], { cwd: ROOT, env: { ...env, HUSKY: '0' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/alice\$ git aml run train.py --alpha 0.5[\s\S]*run 1 Completed/);
    expect(out).toMatch(/laid run 2 \(iris_\d+, Completed, train.py --alpha 2.0\) as unstaged changes/);
    expect(out).toMatch(/bob\$ git aml run[\s\S]*run 3 Completed[\s\S]*pushed run 3/);
    expect(out).toMatch(/fetched 1 new run\(s\)/);
    expect(out).toMatch(/3\s+iris_\d+\s+train.py --alpha 0.1\s+Completed\s+\S+\s+Bob/);
    expect(out).toMatch(/restoring run 3/);
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    expect(port).toBeTruthy();
    const ps = await runProcess('sh', ['-c', `ps -eo args | grep "devserver/serve.js" | grep -v grep || true`], { cwd: ROOT, env });
    expect(ps.stdout.includes(`demo`)).toBe(false);
  });
});
