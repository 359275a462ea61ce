import { irisFiles } from './irisTemplate.js';

/** Project templates for `git aml init --template`: each gives the files for a project of that name. */
export const TEMPLATES: Record<string, { description: string; files: (name: string) => Record<string, string> }> = {
  blank: {
    description: 'an empty project: a README and aml_config/',
    files: (name) => ({ 'README.md': `# ${name}\n\nRun a script and record it: git aml run -c local train.py\n` }),
  },
  iris: {
    description: 'a small iris classifier (plain python 3) that writes outputs/ and logs its accuracy',
    files: irisFiles,
  },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES);
