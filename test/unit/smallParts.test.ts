import { describe, expect, it } from 'vitest';
import { parseMetrics } from '../../src/run/metricsFile.js';
import { TailBuffer } from '../../src/run/TailBuffer.js';
import { checkSnapshotSize } from '../../src/snapshot/sizeGuard.js';
import { validateConfig } from '../../src/config/validateConfig.js';
import { isSecretPath } from '../../src/snapshot/leftOutRules.js';
import { pickOutputs } from '../../src/run/outputsFiles.js';

describe('parseMetrics', () => {
  it('keeps single values, lists repeated ones, and reports bad lines', () => {
    const text = '{"name":"acc","value":0.9}\n{"name":"loss","value":1}\nnot json\n{"name":"loss","value":0.5}\n{"value":2}\n';
    expect(parseMetrics(text)).toEqual({ metrics: { acc: 0.9, loss: [1, 0.5] }, bad: [3, 5] });
  });

  it('keeps what Python\'s json.dumps writes for NaN and infinities, as strings; a NaN inside a string stays as it was', () => {
    const text = '{"name": "loss", "value": NaN}\n{"name": "loss", "value": Infinity}\n{"name": "r", "value": [1, -Infinity]}\n{"name": "note", "value": "NaN, x"}\n{"name": "x", "value": NaNa}\n{"name":"n2","value":"loss: NaN, \\"retry\\"","step":NaN}\n';
    expect(parseMetrics(text)).toEqual({ metrics: { loss: ['NaN', 'Infinity'], r: [1, '-Infinity'], note: 'NaN, x', n2: 'loss: NaN, "retry"' }, bad: [5] });
  });
});

describe('TailBuffer', () => {
  it('keeps the last bytes and says when it dropped some', () => {
    const t = new TailBuffer(5);
    t.push(Buffer.from('abc'));
    expect(t.truncated).toBe(false);
    t.push(Buffer.from('defg'));
    expect(t.toBuffer().toString()).toBe('cdefg');
    expect(t.truncated).toBe(true);
    expect(t.total).toBe(7);
  });
});

describe('checkSnapshotSize', () => {
  const MB = 1024 * 1024;
  it('passes small snapshots and returns the new bytes', () => {
    expect(checkSnapshotSize([{ path: 'a', size: 10 }], { snapshotMb: 25, fileMb: 50 })).toBe(10);
  });
  it('refuses over the total, naming the largest files first', () => {
    try {
      checkSnapshotSize([{ path: 'small', size: MB }, { path: 'big.bin', size: 20 * MB }, { path: 'mid', size: 5 * MB }], { snapshotMb: 25, fileMb: 50 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'SnapshotTooLargeError' });
      const msg = (e as Error).message;
      expect(msg.indexOf('big.bin')).toBeLessThan(msg.indexOf('mid'));
    }
  });
  it('refuses one file over the single-file limit', () => {
    expect(() => checkSnapshotSize([{ path: 'model.pt', size: 3 * MB }], { snapshotMb: 100, fileMb: 2 })).toThrow(expect.objectContaining({ code: 'SnapshotTooLargeError' }));
  });
});

describe('validateConfig', () => {
  it('merges over the defaults', () => {
    const c = validateConfig({ name: 'iris', limits: { snapshotMb: 100 }, interpreters: { '.PY': 'python3.11' } }, '/p/.gitamlrc.json');
    expect(c).toMatchObject({ name: 'iris', remote: 'origin', push: true, limits: { snapshotMb: 100, fileMb: 50 }, interpreters: { '.py': 'python3.11' } });
  });
  it.each([[{ push: 'yes' }], [{ limits: { snapshotMb: -1 } }], [{ nmae: 'typo' }], [{ name: 'bad name!' }], [[1, 2]]])('refuses %j, naming the file', (raw) => {
    expect(() => validateConfig(raw, '/p/.gitamlrc.json')).toThrow(expect.objectContaining({ code: 'ConfigInvalidError', data: expect.objectContaining({ file: '/p/.gitamlrc.json' }) }));
  });
});

describe('secret rule', () => {
  it.each([['.env', true], ['.env.local', true], ['conf/server.pem', true], ['a/id_rsa.pub', true], ['.netrc', true], ['credentials.json', true], ['x.key', true],
    ['environment.yml', false], ['keys.py', false], ['src/env.py', false], ['my_credentials.txt', false]])('%s → %s', (p, secret) => {
    expect(isSecretPath(p)).toBe(secret);
  });
});

describe('pickOutputs', () => {
  it('takes new and changed files, smallest first, up to the limit', () => {
    const before = { 'old.txt': { size: 1, mtimeMs: 1 }, 'same.txt': { size: 2, mtimeMs: 2 } };
    const after = { 'old.txt': { size: 3, mtimeMs: 5 }, 'same.txt': { size: 2, mtimeMs: 2 }, 'big.bin': { size: 100, mtimeMs: 6 }, 'new.txt': { size: 4, mtimeMs: 7 } };
    expect(pickOutputs(before, after, 10)).toEqual({ taken: ['new.txt', 'old.txt'], leftOut: ['big.bin'] });
  });
});
