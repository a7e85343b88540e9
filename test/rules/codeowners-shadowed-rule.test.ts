import rule from '../../rules/codeowners-shadowed-rule.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\n';
const files = {
  'gitops.yaml': infra,
  'clusters/dev/a.yaml': 'a: 1\n',
  'clusters/dev/b.yaml': 'a: 1\n',
  'README.md': '# r\n',
};

tester.run('codeowners-shadowed-rule', rule, {
  valid: [
    { name: 'broad first, narrow later', files: { ...files, CODEOWNERS: '* @a\n/clusters/ @b\n' } },
    { name: 'a line that still decides some files', files: { ...files, CODEOWNERS: '/clusters/ @b\n*.md @c\n' } },
    {
      name: "a line that matches nothing is another rule's business",
      files: { ...files, CODEOWNERS: '/nothing/ @b\n* @a\n' },
    },
    {
      name: 'GitLab: another section does not shadow',
      files: { ...files, 'gitops.yaml': `${infra}host: gitlab\n`, CODEOWNERS: '/clusters/ @b\n[All]\n* @a\n' },
    },
  ],
  invalid: [
    {
      name: 'a catch-all below a narrower line',
      files: { ...files, CODEOWNERS: '/clusters/ @b\n* @a\n' },
      errors: [
        {
          messageId: 'shadowed',
          line: 1,
          column: 1,
          data: { pattern: '/clusters/', count: 2, deciders: 'line 2 "*"' },
        },
      ],
    },
    {
      name: 'decided by several later lines, named in order',
      files: { ...files, CODEOWNERS: '/clusters/ @a\n/clusters/dev/b.yaml @b\n/clusters/dev/a.yaml @c\n' },
      errors: [
        {
          messageId: 'shadowed',
          line: 1,
          data: {
            pattern: '/clusters/',
            count: 2,
            deciders: 'line 2 "/clusters/dev/b.yaml", line 3 "/clusters/dev/a.yaml"',
          },
        },
      ],
    },
    {
      name: 'GitLab: an exclusion in the same section takes every file',
      files: { ...files, 'gitops.yaml': `${infra}host: gitlab\n`, CODEOWNERS: '/clusters/ @b\n!*.yaml\n' },
      errors: [
        { messageId: 'shadowed', line: 1, data: { pattern: '/clusters/', count: 2, deciders: 'line 2 "!*.yaml"' } },
      ],
    },
  ],
});
