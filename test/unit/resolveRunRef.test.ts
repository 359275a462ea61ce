import { describe, expect, it } from 'vitest';
import { resolveRunRef } from '../../src/snapshot/resolveRunRef.js';
import { sampleRecord } from './runMessage.test.js';

const runs = [
  sampleRecord({ id: 'iris_1767225603000', number: 3, commit: 'ccc3'.padEnd(40, '0') }),
  sampleRecord({ id: 'iris_1767225602000', number: 2, commit: 'ccc2'.padEnd(40, '0') }),
  sampleRecord({ id: 'iris_1767225601000', number: 1, commit: 'abcd'.padEnd(40, '0') }),
];

describe('resolveRunRef', () => {
  it.each([
    ['latest', 3], ['latest~1', 2], ['latest~2', 1], ['2', 2], ['1', 1],
    ['iris_1767225601000', 1], ['iris_17672256020', 2], ['abcd', 1], ['ccc2', 2],
  ])('%s names run %i', (ref, number) => {
    expect(resolveRunRef(runs, ref).number).toBe(number);
  });

  it.each([
    ['latest~3', 'RunNotFoundError'], ['7', 'RunNotFoundError'], ['nope', 'RunNotFoundError'],
    ['iris_', 'AmbiguousRunRefError'], ['ccc', 'RunNotFoundError'],
  ])('%s fails with %s', (ref, code) => {
    expect(() => resolveRunRef(runs, ref)).toThrow(expect.objectContaining({ code }));
  });

  it('says the history is empty rather than "not found"', () => {
    expect(() => resolveRunRef([], 'latest')).toThrow(expect.objectContaining({ code: 'EmptyHistoryError' }));
  });
});
