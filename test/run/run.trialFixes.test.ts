import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoState, tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { errorCode } from '../helpers/runCli.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

/** Defects a first-time user's trial found; each test is its repro. */
describe('what a new user\'s trial found', () => {
  it('a run with the history branch checked out is refused before the script runs; HEAD, index and files stay', async () => {
    repo = await tempRepo({ 't.sh': 'touch ran\n', 'lib.py': 'y = 1\n' });
    expect((await repo.aml(['run', 't.sh'])).code).toBe(0);
    const branch = repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/AzureMLHistory']).trim();
    repo.git(['switch', '-q', branch]);
    await fs.rm(path.join(repo.dir, 'ran'));
    await repo.write('lib.py', 'y = 2\n');
    const before = await repoState(repo);
    const r = await repo.aml(['run', 't.sh']);
    expect([r.code, errorCode(r)]).toEqual([1, 'HistoryBranchCheckedOutError']);
    expect(r.stderr).toMatch(/^hint: Switch back to your own branch first \(git switch -/m);
    await expect(fs.stat(path.join(repo.dir, 'ran'))).rejects.toThrow();
    expect(await repoState(repo)).toEqual(before);
  });
});
