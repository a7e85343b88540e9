import rule from '../../rules/codeowners-duplicate-pattern.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\n';
const gitlab = `${infra}host: gitlab\n`;

tester.run('codeowners-duplicate-pattern', rule, {
  valid: [
    { name: 'different patterns', files: { 'gitops.yaml': infra, CODEOWNERS: '* @a\n/apps/ @b\napps/ @c\n' } },
    {
      name: 'GitLab: the same pattern in two sections',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: '*.md @a\n[Docs]\n*.md @b\n' },
    },
  ],
  invalid: [
    {
      name: 'GitHub: the earlier of two equal patterns is dead',
      files: { 'gitops.yaml': infra, CODEOWNERS: '/apps/ @a\n* @b\n/apps/ @c\n' },
      errors: [{ messageId: 'duplicate', line: 1, column: 1, data: { pattern: '/apps/', later: 3 } }],
    },
    {
      name: 'GitHub: a leading slash does not make a pattern with a slash inside another one',
      files: { 'gitops.yaml': infra, CODEOWNERS: 'infra/net @a\n/infra/net @b\n' },
      errors: [{ messageId: 'duplicate', line: 1, data: { pattern: 'infra/net', later: 2 } }],
    },
    {
      name: 'GitLab: a later line replaces the earlier one in its section, exclusions included',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: '!*.md\n*.md @a\n[Docs]\ndocs/ @b\nREADME.md @c\n/**/docs/ @d\n' },
      errors: [
        { messageId: 'duplicate', line: 1, data: { pattern: '!*.md', later: 2 } },
        { messageId: 'duplicate', line: 4, data: { pattern: 'docs/', later: 6 } },
      ],
    },
  ],
});
