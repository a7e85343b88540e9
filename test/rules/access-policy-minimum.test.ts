import rule from '../../rules/access-policy-minimum.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = `kind: infrastructure
tool: flux
name: platform
teams:
  platform: "@acme/platform"
  applications:
    - name: payments
      team: "@acme/payments"
`;
const app = `kind: application
tool: argocd
name: payments
teams:
  platform: "@acme/platform"
  application: "@acme/payments"
`;

tester.run('access-policy-minimum', rule, {
  valid: [
    { name: 'no access section: the defaults of the kind meet the floor', files: { 'gitops.yaml': infra } },
    { name: 'an application without an access section', files: { 'gitops.yaml': app } },
    {
      name: 'infrastructure: tenants may triage, a person may read, another team may read',
      files: {
        'gitops.yaml': `${infra}access:\n  teams:\n    "@acme/payments": triage\n    "@acme/auditors": pull\n  collaborators:\n    "@auditor": pull\n`,
      },
    },
    {
      name: 'application: its team may maintain, the platform team may be admin, a person may write',
      files: {
        'gitops.yaml': `${app}access:\n  teams:\n    "@acme/payments": maintain\n    "@acme/platform": admin\n  collaborators:\n    "@contractor": push\n`,
      },
    },
    {
      name: 'an access section that takes a default away (none) without going below the floor',
      files: { 'gitops.yaml': `${infra}access:\n  teams:\n    "@acme/payments": none\n` },
    },
    { name: 'no descriptor: the rule does not run', files: { 'x.yaml': 'a: 1\n' } },
  ],
  invalid: [
    {
      name: 'infrastructure: a tenant team, another team and a person with write, at their entries',
      files: {
        'gitops.yaml': `${infra}access:\n  teams:\n    "@acme/payments": push\n    "@acme/contractors": maintain\n  collaborators:\n    "@mallory": admin\n`,
      },
      errors: [
        {
          messageId: 'teamWritesInfrastructure',
          line: 11,
          column: 5,
          data: { principal: '@acme/payments', permission: 'push' },
        },
        {
          messageId: 'teamWritesInfrastructure',
          line: 12,
          data: { principal: '@acme/contractors', permission: 'maintain' },
        },
        {
          messageId: 'collaboratorWritesInfrastructure',
          line: 14,
          data: { principal: '@mallory', permission: 'admin' },
        },
      ],
    },
    {
      name: 'the platform team below maintain, matched whatever the case of the entry',
      files: { 'gitops.yaml': `${infra}access:\n  teams:\n    "@ACME/Platform": push\n` },
      errors: [
        {
          messageId: 'platformBelowMaintain',
          line: 11,
          data: { principal: '@acme/platform', permission: 'push', kind: 'infrastructure' },
        },
      ],
    },
    {
      name: 'the platform team taken away with none, reported at its entry',
      files: { 'gitops.yaml': `${app}access:\n  teams:\n    "@acme/platform": none\n` },
      errors: [
        {
          messageId: 'platformBelowMaintain',
          line: 9,
          data: { principal: '@acme/platform', permission: 'none', kind: 'application' },
        },
      ],
    },
    {
      name: 'application: another team with write, a team and a person with admin',
      files: {
        'gitops.yaml': `${app}access:\n  teams:\n    "@acme/orders": push\n    "@acme/payments": admin\n  collaborators:\n    "@boss": admin\n`,
      },
      errors: [
        { messageId: 'teamWritesApplication', line: 9, data: { principal: '@acme/orders', permission: 'push' } },
        { messageId: 'teamAdmin', line: 10, data: { principal: '@acme/payments' } },
        { messageId: 'collaboratorAdmin', line: 12, data: { principal: '@boss' } },
      ],
    },
  ],
});
