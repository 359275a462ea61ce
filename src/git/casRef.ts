import type { Git } from './runGit.js';

/** Compare-and-swap of a ref: moves `ref` to `next` only if it is still at `old` (absent when undefined). */
export async function casRef(git: Git, ref: string, next: string, old: string | undefined, why: string): Promise<boolean> {
  return (await git(['update-ref', '-m', why, ref, next, old ?? ''], { allowFail: true })).code === 0;
}
