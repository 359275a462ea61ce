import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LooseObjects, identLine } from '../../src/git/looseObjects.js';
import { tempRepo, type TempRepo } from '../helpers/tempRepo.js';

let repo: TempRepo;
afterEach(async () => repo?.cleanup());

describe('LooseObjects writes what git itself would', () => {
  it('blobs, nested trees and commits have git\'s ids, and git reads them back; fsck is clean', async () => {
    repo = await tempRepo();
    const objects = new LooseObjects(path.join(repo.dir, '.git', 'objects'));
    const git = (args: string[], input?: string) => execFileSync('git', args, { cwd: repo.dir, env: repo.env, input, encoding: 'utf8' }).trim();
    const content = 'héllo\nwörld\n';
    const blob = await objects.blob(content);
    expect(blob).toBe(git(['hash-object', '--stdin'], content));
    const bin = await objects.blob(Buffer.from([0, 1, 2, 255]));
    const tree = await objects.treeFromPaths([
      { path: 'log.txt', mode: '100644', oid: blob },
      { path: 'outputs/a-b/x.bin', mode: '100755', oid: bin },
      { path: 'outputs/a.txt', mode: '100644', oid: blob },
      { path: 'outputs/a', mode: '100644', oid: blob },
    ]);
    // Same tree through git's own index: the order rule ("a" < "a-b/" < "a.txt") must match.
    const idx = path.join(repo.dir, '.git', 'check-index');
    const env = { ...repo.env, GIT_INDEX_FILE: idx };
    execFileSync('git', ['update-index', '--add', '--index-info'], { cwd: repo.dir, env, input: `100644 ${blob}\tlog.txt\n100755 ${bin}\toutputs/a-b/x.bin\n100644 ${blob}\toutputs/a.txt\n100644 ${blob}\toutputs/a\n` });
    expect(tree).toBe(execFileSync('git', ['write-tree'], { cwd: repo.dir, env, encoding: 'utf8' }).trim());
    const ident = identLine('Test User', 'test@example.com', new Date('2026-01-01T00:00:00Z'));
    const head = git(['rev-parse', 'HEAD']);
    const commit = await objects.commit({ tree, parents: [head], author: ident, committer: ident, message: 'subject\n\nbody ü\n' });
    const viaGit = execFileSync('git', ['commit-tree', tree, '-p', head, '-F', '-'], { cwd: repo.dir, env: { ...repo.env, GIT_AUTHOR_DATE: '1767225600 +0000', GIT_COMMITTER_DATE: '1767225600 +0000' }, input: 'subject\n\nbody ü\n', encoding: 'utf8' }).trim();
    expect(commit).toBe(viaGit);
    expect(git(['show', `${commit}:outputs/a-b/x.bin`]).length).toBeGreaterThan(0);
    expect(git(['fsck', '--strict', '--no-dangling'])).toBe('');
    // Writing the same object again is a no-op that returns the same id.
    expect(await objects.blob(content)).toBe(blob);
    expect((await fs.readdir(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2)))).filter((f) => f.startsWith('tmp_'))).toEqual([]);
  });
});
