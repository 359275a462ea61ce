import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../src/commands/runArgs.js';

describe('parseRunArgs (argv → RunOptions, nothing runs)', () => {
  it.each<[string[], object]>([
    [['train.py'], { script: 'train.py', args: [], push: true }],
    [['train.py', '--help', '--json'], { script: 'train.py', args: ['--help', '--json'], push: true }],
    [['-m', 'smaller lr', 'train.py', '-m', 'x'], { script: 'train.py', args: ['-m', 'x'], message: 'smaller lr' }],
    [['--message=hi', '--no-push', 'train.py'], { script: 'train.py', message: 'hi', push: false }],
    [['-c', 'local', 'train.py', 'a b'], { script: 'train.py', runConfig: 'local', args: ['a b'] }],
    [['--', 'python3', '-c', 'print(1)'], { command: ['python3', '-c', 'print(1)'], args: ['-c', 'print(1)'] }],
    [['--no-push', '--', 'true'], { command: ['true'], push: false }],
    [['train.py', '--', 'x'], { script: 'train.py', args: ['--', 'x'] }],
  ])('%j', (argv, expected) => {
    const r = parseRunArgs(argv);
    expect(r.help).toBe(false);
    expect(r.help === false && r.options).toMatchObject(expected);
  });

  it('shows help only for our own --help, before the script', () => {
    expect(parseRunArgs(['--help']).help).toBe(true);
    expect(parseRunArgs(['train.py', '--help']).help).toBe(false);
  });

  it.each([[[]], [['--bogus', 'train.py']], [['-m']], [['--']]])('refuses %j as a usage error', (argv) => {
    expect(() => parseRunArgs(argv)).toThrow(expect.objectContaining({ code: 'UsageError', exitCode: 2 }));
  });
});
