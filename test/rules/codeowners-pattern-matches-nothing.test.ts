import rule from '../../rules/codeowners-pattern-matches-nothing.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\n';

tester.run('codeowners-pattern-matches-nothing', rule, {
  valid: [
    {
      name: 'every pattern matches',
      files: {
        'gitops.yaml': infra,
        '.github/CODEOWNERS': '* @a\n/clusters/ @b\n*.yaml @c\n',
        'clusters/a.yaml': 'a: 1\n',
      },
    },
    {
      name: 'an ignored pattern',
      files: { 'gitops.yaml': infra, '.github/CODEOWNERS': '* @a\n/releases/ @b\n' },
      options: [{ ignorePatterns: ['/releases/'] }],
    },
    { name: 'without a descriptor too: nothing is wrong', files: { CODEOWNERS: '* @a\n' } },
  ],
  invalid: [
    {
      name: 'a misspelt directory and a case mismatch',
      files: {
        'gitops.yaml': infra,
        '.github/CODEOWNERS': '* @a\n/cluster/ @b\n/Clusters/ @b\n',
        'clusters/a.yaml': 'a: 1\n',
      },
      errors: [
        { messageId: 'matchesNothing', line: 2, column: 1, data: { pattern: '/cluster/' } },
        { messageId: 'matchesNothing', line: 3, column: 1, data: { pattern: '/Clusters/' } },
      ],
    },
    {
      name: 'GitHub: docs/* does not reach into subdirectories',
      files: { 'gitops.yaml': infra, '.github/CODEOWNERS': '* @a\ndocs/* @b\n', 'docs/guide/a.md': '# a\n' },
      errors: [{ messageId: 'matchesNothing', line: 2, data: { pattern: 'docs/*' } }],
    },
    {
      name: 'a GitLab exclusion',
      files: { 'gitops.yaml': `${infra}host: gitlab\n`, CODEOWNERS: '* @a\n!yarn.lock\n' },
      errors: [{ messageId: 'matchesNothing', line: 2, column: 2, data: { pattern: '!yarn.lock' } }],
    },
  ],
});
