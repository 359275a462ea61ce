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

describe('what a new user\'s trial found, in words', () => {
  it('history list --status takes any case, and says when no run has that status', async () => {
    repo = await tempRepo({ 'ok.sh': 'exit 0\n', 'bad.sh': 'exit 4\n' });
    expect((await repo.aml(['run', 'ok.sh'])).code).toBe(0);
    expect((await repo.aml(['run', 'bad.sh'])).code).toBe(4);
    const failed = JSON.parse((await repo.aml(['history', 'list', '--json', '--status', 'failed'])).stdout);
    expect(failed.map((r: { status: string }) => r.status)).toEqual(['Failed']);
    const none = await repo.aml(['history', 'list', '--status', 'interrupted']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/no Interrupted runs on AzureMLHistory\//);
    expect(none.stderr).not.toMatch(/no runs recorded yet/);
    const wrong = await repo.aml(['history', 'list', '--status', 'done']);
    expect([wrong.code, errorCode(wrong)]).toEqual([2, 'UsageError']);
  });

  it('a command named as the script gets a hint that keeps its arguments', async () => {
    repo = await tempRepo({ 'train.py': 'print(1)\n' });
    const r = await repo.aml(['run', 'python3', 'train.py', '--lr', '0.1']);
    expect(errorCode(r)).toBe('ScriptNotFoundError');
    expect(r.stderr).toMatch(/git aml run -- python3 train\.py --lr 0\.1$/m);
  });

  it('a script outside the repository runs, with a warning that the snapshot cannot hold it', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' });
    const outside = path.join(repo.sealed.root, 'elsewhere.sh');
    await fs.writeFile(outside, 'echo ran elsewhere\n');
    const r = await repo.aml(['run', outside]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*elsewhere\.sh is outside the repository/);
    const inside = await repo.aml(['run', '--', 'true']);
    expect(inside.stderr).not.toMatch(/outside the repository/);
  });
});
