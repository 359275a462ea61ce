import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';
import { gitIn } from '../../src/git/runGit.js';
import { startRepoLookup, topOf, WALK } from '../../src/git/repoLookup.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

/** The lookup the CLI starts before loading the run: its walk must be the snapshot's own walk, or nothing. */
describe('the early repo lookup of git aml run', () => {
  it('walks from the top of the work tree, as the snapshot would, when started in a subfolder', async () => {
    repo = await tempRepo({ 'src/train.py': 'print(1)\n', 'README.md': '# p\n' });
    await repo.write('src/new.py', 'x\n');
    await repo.write('README.md', '# changed\n');
    await fs.rm(path.join(repo.dir, 'src/train.py'));
    const sub = path.join(repo.dir, 'src');
    const lookup = startRepoLookup(gitIn(sub, repo.env), sub, { walk: true });
    const walk = await lookup.walk;
    expect(walk?.stdout).toBe(repo.git(WALK));
    expect(walk?.stdout.split('\0').filter(Boolean).sort()).toEqual(['? src/new.py', 'C README.md', 'C src/train.py', 'R src/train.py']);
    expect((await lookup.layout).code).toBe(0);
  });

  it('leaves the walk to the snapshot when an .amlignore must join the ignore rules', async () => {
    repo = await tempRepo({ '.amlignore': 'data/\n', 'a.txt': 'a\n' });
    const walk = await startRepoLookup(gitIn(repo.dir, repo.env), repo.dir, { walk: true }).walk;
    expect(walk).toBeUndefined();
  });

  it('does not walk outside a work tree with commits, or when not asked', async () => {
    repo = await tempRepo({ 'a.txt': 'a\n' }, { commit: false });
    expect(await startRepoLookup(gitIn(repo.dir, repo.env), repo.dir, { walk: true }).walk).toBeUndefined();
    const gitDir = path.join(repo.dir, '.git');
    expect(await startRepoLookup(gitIn(gitDir, repo.env), gitDir, { walk: true }).walk).toBeUndefined();
    expect(startRepoLookup(gitIn(repo.dir, repo.env), repo.dir).walk).toBeUndefined();
  });

  it('finds the top from the prefix git prints', () => {
    expect(topOf('/w/p/src/deep', 'src/deep/')).toBe('/w/p');
    expect(topOf('/w/p', '')).toBe('/w/p');
  });
});
