import rule from '../../rules/protection-policy-minimum.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\n';
const app = 'kind: application\ntool: argocd\nname: shop\n';

tester.run('protection-policy-minimum', rule, {
  valid: [
    { name: 'no protection section: the defaults of the kind meet the floor', files: { 'gitops.yaml': infra } },
    {
      name: 'an infrastructure policy above the floor; unset fields take the defaults',
      files: {
        'gitops.yaml': `${infra}protection:\n  branches:\n    main:\n      requiredApprovals: 3\n      requireSignedCommits: true\n`,
      },
    },
    {
      name: 'an application may need one approval and no code owner review',
      files: {
        'gitops.yaml': `${app}protection:\n  branches:\n    main:\n      requiredApprovals: 1\n      requireCodeOwnerReview: false\n      requiredStatusChecks: []\n`,
      },
    },
    {
      name: 'a wildcard pattern covers the default branch the scaffold recorded',
      files: {
        'gitops.yaml': `${infra}protection:\n  branches:\n    'release/*': {}\n    'trunk*': {}\nscaffold:\n  defaultBranch: trunk\n`,
      },
    },
    {
      name: 'the lint check may be named otherwise',
      files: { 'gitops.yaml': `${infra}protection:\n  branches:\n    main:\n      requiredStatusChecks: [lint]\n` },
      options: [{ lintCheck: 'lint' }],
    },
    { name: 'no descriptor: the rule does not run', files: { 'x.yaml': 'a: 1\n' } },
  ],
  invalid: [
    {
      name: 'an infrastructure policy below the floor, field by field, at each field',
      files: {
        'gitops.yaml': `${infra}protection:\n  branches:\n    main:\n      requiredApprovals: 1\n      requireCodeOwnerReview: false\n      blockForcePushes: false\n      blockDeletions: false\n      requiredStatusChecks: [test]\n`,
      },
      errors: [
        {
          messageId: 'belowFloor',
          line: 7,
          data: {
            branch: 'main',
            field: 'requiredApprovals',
            actual: '1',
            required: 'at least 2',
            kind: 'infrastructure',
          },
        },
        {
          messageId: 'belowFloor',
          line: 8,
          data: {
            branch: 'main',
            field: 'requireCodeOwnerReview',
            actual: 'false',
            required: 'true',
            kind: 'infrastructure',
          },
        },
        {
          messageId: 'belowFloor',
          line: 9,
          data: {
            branch: 'main',
            field: 'blockForcePushes',
            actual: 'false',
            required: 'true',
            kind: 'infrastructure',
          },
        },
        {
          messageId: 'belowFloor',
          line: 10,
          data: { branch: 'main', field: 'blockDeletions', actual: 'false', required: 'true', kind: 'infrastructure' },
        },
        {
          messageId: 'belowFloor',
          line: 11,
          data: {
            branch: 'main',
            field: 'requiredStatusChecks',
            actual: '["test"]',
            required: 'the check "gitops-lint"',
            kind: 'infrastructure',
          },
        },
      ],
    },
    {
      name: 'every branch pattern must meet the floor',
      files: {
        'gitops.yaml': `${infra}protection:\n  branches:\n    main: {}\n    'release/*':\n      requiredStatusChecks: []\n`,
      },
      errors: [
        {
          messageId: 'belowFloor',
          file: 'gitops.yaml',
          line: 8,
          data: {
            branch: 'release/*',
            field: 'requiredStatusChecks',
            actual: 'empty',
            required: 'the check "gitops-lint"',
            kind: 'infrastructure',
          },
        },
      ],
    },
    {
      name: 'an application cannot allow force pushes or go without approvals',
      files: {
        'gitops.yaml': `${app}protection:\n  branches:\n    main:\n      requiredApprovals: 0\n      blockForcePushes: false\n`,
      },
      errors: [
        {
          messageId: 'belowFloor',
          data: {
            branch: 'main',
            field: 'requiredApprovals',
            actual: '0',
            required: 'at least 1',
            kind: 'application',
          },
        },
        {
          messageId: 'belowFloor',
          data: { branch: 'main', field: 'blockForcePushes', actual: 'false', required: 'true', kind: 'application' },
        },
      ],
    },
    {
      name: 'the default branch matches no pattern',
      files: { 'gitops.yaml': `${infra}protection:\n  branches:\n    'release/*': {}\n` },
      errors: [{ messageId: 'defaultBranchUnprotected', line: 6, data: { branch: 'main' } }],
    },
  ],
});
