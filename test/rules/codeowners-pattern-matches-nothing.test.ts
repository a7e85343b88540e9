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
    {
      // gitops.yaml's ignores keep files from being linted; they are still committed, and the
      // host still gives them owners.
      name: 'a pattern for files that gitops.yaml ignores',
      files: {
        'gitops.yaml': `${infra}ignores: ['vendor/**', 'docs/generated/**']\n`,
        '.github/CODEOWNERS': '* @a\n/vendor/ @b\n/docs/generated/api.md @c\n',
        'vendor/charts/cert-manager/Chart.yaml': 'name: cert-manager\n',
        'docs/generated/api.md': '# API\n',
      },
    },
    {
      // A submodule is a path of this repository (its commit pointer), named in .gitmodules.
      name: 'a pattern for a git submodule',
      files: {
        'gitops.yaml': infra,
        '.gitmodules':
          '[submodule "charts/upstream"]\n\tpath = charts/upstream\n\turl = https://github.com/acme/charts.git\n',
        '.github/CODEOWNERS': '* @a\n/charts/upstream @b\n/charts/upstream/ @b\n',
      },
    },
  ],
  invalid: [
    {
      name: 'beside ignores and a submodule, a pattern for a path that is in neither is still reported',
      files: {
        'gitops.yaml': `${infra}ignores: ['vendor/**']\n`,
        '.gitmodules':
          '[submodule "charts/upstream"]\n\tpath = charts/upstream\n\turl = https://github.com/acme/charts.git\n',
        '.github/CODEOWNERS': '* @a\n/vendor/ @b\n/charts/upstream/ @b\n/ui-test/** @c\n',
        'clusters/a.yaml': 'a: 1\n',
      },
      errors: [{ messageId: 'matchesNothing', line: 4, data: { pattern: '/ui-test/**' } }],
    },
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
