import rule from '../../rules/codeowners-unowned-files.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  platform: "@acme/platform"\n';
const gitlab = `${infra}host: gitlab\n`;

tester.run('codeowners-unowned-files', rule, {
  valid: [
    {
      name: 'a catch-all line',
      files: { 'gitops.yaml': infra, '.github/CODEOWNERS': '* @acme/platform\n', 'clusters/a.yaml': 'a: 1\n' },
    },
    {
      name: 'every file by some line',
      files: {
        'gitops.yaml': infra,
        '.github/CODEOWNERS': '/gitops.yaml @a\n/.github/ @a\n/clusters/ @b\n',
        'clusters/dev/a.yaml': 'a: 1\n',
      },
    },
    {
      name: 'GitLab: one section owns what another excludes',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: '* @a\n!*.md\n[Docs]\n*.md @d\n', 'x.md': '# x\n' },
    },
    {
      name: 'an ignored file needs no owner',
      files: {
        'gitops.yaml': `${infra}ignores: ['vendor/**']\n`,
        CODEOWNERS: '/gitops.yaml @a\n/CODEOWNERS @a\n',
        'vendor/a.yaml': 'a: 1\n',
      },
    },
    { name: 'no CODEOWNERS: codeowners-exists says so', files: { 'gitops.yaml': infra, 'a.yaml': 'a: 1\n' } },
    {
      name: 'no teams declared: no ownership policy yet',
      files: {
        'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\n',
        CODEOWNERS: '/x/ @a\n',
        'a.yaml': 'a: 1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'one file without an owner',
      files: { 'gitops.yaml': infra, '.github/CODEOWNERS': '/gitops.yaml @a\n/.github/ @a\n', 'README.md': '# r\n' },
      errors: [{ messageId: 'unownedOne', file: '.github/CODEOWNERS', data: { examples: 'README.md' } }],
    },
    {
      name: 'many: counted, the first few named',
      files: {
        'gitops.yaml': infra,
        '.github/CODEOWNERS': '/clusters/ @a\n/apps/\n',
        'apps/a.yaml': 'a: 1\n',
        'apps/b.yaml': 'a: 1\n',
        'apps/c.yaml': 'a: 1\n',
        'apps/d.yaml': 'a: 1\n',
        'clusters/x.yaml': 'a: 1\n',
      },
      errors: [
        {
          messageId: 'unownedMany',
          data: {
            count: 6,
            examples: '.github/CODEOWNERS, apps/a.yaml, apps/b.yaml, apps/c.yaml, apps/d.yaml',
            more: ' and 1 more',
          },
        },
      ],
    },
    {
      name: 'GitLab: an exclusion leaves a file without owners',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: '* @a\n!*.lock\n', 'yarn.lock': 'x\n' },
      errors: [{ messageId: 'unownedOne', data: { examples: 'yarn.lock' } }],
    },
  ],
});
