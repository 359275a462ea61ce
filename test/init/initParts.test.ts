import { describe, expect, it } from 'vitest';
import { yargsRoot } from '../../src/yargsRoot.js';
import { withLines } from '../../src/init/projectFiles.js';
import { checkInitOptions } from '../../src/init/initProject.js';
import { applyRunConfig } from '../../src/runconfig/applyRunConfig.js';

async function parse(argv: string[]) {
  let seen: [string, Record<string, unknown>] | undefined;
  await yargsRoot(argv, '0.0.0', async (c, o) => {
    seen = [c, o];
    return 0;
  });
  return seen;
}

describe('git aml init: parsing and pure parts', () => {
  it.each([
    [['init'], { dir: undefined, name: undefined, template: 'blank', remote: undefined, force: false, json: false }],
    [['init', 'iris', '--template', 'iris', '--remote', 'https://x/_git/iris', '--force'], { dir: 'iris', template: 'iris', remote: 'https://x/_git/iris', force: true }],
    [['init', '--name', 'p1', '--json'], { name: 'p1', json: true }],
  ])('maps %j to options', async (argv, want) => {
    const [command, options] = (await parse(argv))!;
    expect(command).toBe('init');
    expect(options).toMatchObject(want);
  });

  it('adds only missing ignore lines and keeps the rest', () => {
    expect(withLines('', ['a/', 'b'])).toBe('a/\nb\n');
    expect(withLines('x\nb', ['a/', 'b'])).toBe('x\nb\na/\n');
    expect(withLines('a/\r\nb\r\n', ['a/', 'b'])).toBeUndefined();
  });

  it('takes the name from the folder unless given, and checks it', () => {
    expect(checkInitOptions({ template: 'blank', force: false, dir: 'sub/My.Proj-1' }, '/w')).toEqual({ dir: '/w/sub/My.Proj-1', name: 'My.Proj-1' });
    expect(() => checkInitOptions({ template: 'blank', force: false, dir: 'sub/-x' }, '/w')).toThrow(expect.objectContaining({ code: 'InvalidProjectNameError' }));
    expect(() => checkInitOptions({ template: 'nope', force: false }, '/w')).toThrow(expect.objectContaining({ code: 'UnknownTemplateError', data: expect.objectContaining({ known: ['blank', 'iris'] }) }));
  });

  it('puts the run configuration\'s arguments before the user\'s', () => {
    const rc = { name: 'local', file: 'f', argsAfterScript: ['--epochs', '3'], env: { A: '1' }, python: '/py', tracked: true, target: 'local' };
    expect(applyRunConfig({ script: 't.py', args: ['--lr', '1'], push: true }, rc)).toMatchObject({ runConfig: 'local', args: ['--epochs', '3', '--lr', '1'], extraEnv: { A: '1' }, interpreters: { '.py': '/py' } });
    expect(applyRunConfig({ command: ['make'], args: [], push: true }, rc).args).toEqual([]);
  });
});
