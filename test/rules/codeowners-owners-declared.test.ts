import rule from '../../rules/codeowners-owners-declared.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: checkout',
  '      team: "@acme/checkout"',
  '  members: ["@alice", "bob@example.com"]',
  '',
].join('\n');

tester.run('codeowners-owners-declared', rule, {
  valid: [
    {
      name: 'teams and members declared in gitops.yaml, compared without case',
      files: {
        'gitops.yaml': infra,
        CODEOWNERS: '* @acme/platform\n/tenants/checkout/ @ACME/Checkout @alice\n*.md bob@example.com\n',
      },
    },
    {
      name: 'an allowed bot account',
      files: { 'gitops.yaml': infra, CODEOWNERS: '* @acme/platform @renovate-bot\n' },
      options: [{ allow: ['@renovate-bot'] }],
    },
    {
      name: "GitLab's roles",
      files: { 'gitops.yaml': `${infra}host: gitlab\n`, CODEOWNERS: '* @acme/platform\n/deploy/ @@maintainer\n' },
    },
    {
      name: 'teams only, and only teams used',
      files: { 'gitops.yaml': infra, CODEOWNERS: '* @acme/platform\n' },
      options: [{ teamsOnly: true }],
    },
  ],
  invalid: [
    {
      name: 'an undeclared team and person, with their positions',
      files: { 'gitops.yaml': infra, CODEOWNERS: '* @acme/platform @acme/sre\n/x/ @mallory\n' },
      errors: [
        { messageId: 'undeclared', line: 1, column: 18, data: { owner: '@acme/sre' } },
        { messageId: 'undeclared', line: 2, column: 5, data: { owner: '@mallory' } },
      ],
    },
    {
      name: 'teams only: declared members are reported too',
      files: { 'gitops.yaml': infra, CODEOWNERS: '* @acme/platform @alice\n' },
      options: [{ teamsOnly: true }],
      errors: [{ messageId: 'notTeam', line: 1, column: 18, data: { owner: '@alice' } }],
    },
    {
      name: 'GitLab: section default owners are checked once',
      files: {
        'gitops.yaml': `${infra}host: gitlab\n`,
        CODEOWNERS: '* @acme/platform\n[Docs] @acme/docs\ndocs/\nREADME.md\n',
      },
      errors: [{ messageId: 'undeclared', line: 2, column: 8, data: { owner: '@acme/docs' } }],
    },
  ],
});
