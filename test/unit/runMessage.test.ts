import { describe, expect, it } from 'vitest';
import { formatRunMessage, parseRunMessage, RECORD_BEGIN } from '../../src/snapshot/runMessage.js';
import type { RunRecord } from '../../src/snapshot/RunRecord.js';

export const sampleRecord = (over: Partial<RunRecord> = {}): RunRecord => ({
  id: 'iris_1767225600000', number: 3, status: 'Completed', exitCode: 0, signal: null,
  script: 'train.py', args: ['--alpha', '0.5', 'two words', 'ünï'], command: ['python3', 'train.py', '--alpha', '0.5', 'two words', 'ünï'],
  runConfig: null, description: 'try a smaller alpha', user: { name: 'Alice', email: 'alice@example.com' }, host: 'box',
  startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.500Z', durationMs: 1500,
  commit: 'c'.repeat(40), tree: 'a'.repeat(40), baseCommit: 'b'.repeat(40), baseBranch: 'master', dirty: true,
  metrics: { accuracy: 0.93, loss: [0.5, 0.3] }, pushed: false,
  artifacts: { commit: null, logBytes: 10, logTruncated: false, outputs: ['model.txt'], outputsLeftOut: [] }, leftOut: ['.env'],
  ...over,
});

describe('run message', () => {
  it('round-trips a record; commit and pushed come from the caller, not the message', () => {
    const rec = sampleRecord();
    const msg = formatRunMessage(rec);
    expect(msg.split('\n')[0]).toBe('Run 3: train.py --alpha 0.5 two words ünï (Completed)');
    expect(msg).toContain('try a smaller alpha');
    expect(msg).not.toContain('"pushed"');
    expect(msg).not.toContain('c'.repeat(40));
    expect(parseRunMessage(msg, 'd'.repeat(40), true)).toEqual({ ...rec, commit: 'd'.repeat(40), pushed: true });
  });

  it('keeps the subject on one line whatever the arguments hold', () => {
    const msg = formatRunMessage(sampleRecord({ args: ['a\nb'] }));
    expect(msg.split('\n')[0]).toBe('Run 3: train.py a b (Completed)');
  });

  it.each([
    ['no markers', 'hello\n', 'MalformedRecordError'],
    ['bad JSON', `x\n\n${RECORD_BEGIN}\n{nope\n--- end of git-aml run record ---\n`, 'MalformedRecordError'],
    ['bad status', formatRunMessage(sampleRecord()).replace('"Completed"', '"Exploded"'), 'MalformedRecordError'],
    ['bad number', formatRunMessage(sampleRecord()).replace('"number": 3', '"number": -1'), 'MalformedRecordError'],
  ])('refuses a message with %s', (_name, msg, code) => {
    expect(() => parseRunMessage(msg, 'e'.repeat(40))).toThrow(expect.objectContaining({ code }));
  });
});
