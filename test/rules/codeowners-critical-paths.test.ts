import rule from '../../rules/codeowners-critical-paths.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  platform: "@acme/platform"\n';
const app =
  'kind: application\ntool: argocd\nname: checkout\nteams:\n  platform: "@acme/platform"\n  application: "@acme/checkout"\n';
const infraFiles = {
  'gitops.yaml': infra,
  'clusters/dev/flux-system.yaml': 'a: 1\n',
  'infrastructure/security/policy.yaml': 'a: 1\n',
  'infrastructure/network/policy.yaml': 'a: 1\n',
  'infrastructure/monitoring/prometheus.yaml': 'a: 1\n',
  '.github/workflows/lint.yaml': 'a: 1\n',
};
const appFiles = {
  'gitops.yaml': app,
  'deploy/base/kustomization.yaml': 'resources: []\n',
  '.github/workflows/ci.yaml': 'a: 1\n',
};

tester.run('codeowners-critical-paths', rule, {
  valid: [
    {
      name: 'infrastructure: the platform team owns everything',
      files: { ...infraFiles, '.github/CODEOWNERS': '* @acme/platform\n' },
    },
    {
      name: 'infrastructure: tenants own their own directories, the platform team the critical paths',
      files: {
        ...infraFiles,
        '.github/CODEOWNERS':
          '* @acme/platform\n/tenants/ @acme/checkout\n/clusters/ @acme/platform\n/infrastructure/security/ @acme/platform\n',
        'tenants/checkout/a.yaml': 'a: 1\n',
      },
    },
    {
      name: 'application: the team owns it, the platform team co-owns the policy files',
      files: {
        ...appFiles,
        '.github/CODEOWNERS':
          '* @acme/checkout\n/gitops.yaml @acme/checkout @acme/platform\n/.github/ @acme/checkout @acme/platform\n',
      },
    },
    {
      name: 'configured critical paths replace the defaults',
      files: {
        ...infraFiles,
        'gitops.yaml': `${infra}criticalPaths: [gitops.yaml]\n`,
        '.github/CODEOWNERS': '* @acme/app\n/gitops.yaml @acme/platform\n/.github/CODEOWNERS @acme/platform\n',
      },
    },
    {
      name: 'GitLab: the platform team in a required section of its own',
      files: {
        ...appFiles,
        'gitops.yaml': `${app}host: gitlab\n`,
        '.gitlab/CODEOWNERS': '* @acme/checkout\n\n[Platform] @acme/platform\n/gitops.yaml\n/.gitlab/\n',
      },
    },
    { name: 'no CODEOWNERS: codeowners-exists says so', files: infraFiles },
  ],
  invalid: [
    {
      name: 'infrastructure: a later line gives critical files to an application team',
      files: { ...infraFiles, '.github/CODEOWNERS': '* @acme/platform\n*.yaml @acme/checkout\n' },
      errors: [
        {
          messageId: 'notAlone',
          line: 2,
          data: {
            path: 'clusters/',
            file: 'clusters/dev/flux-system.yaml',
            more: '',
            platform: '@acme/platform',
            owners: '@acme/checkout',
            decider: 'line 2: "*.yaml @acme/checkout"',
          },
        },
        { messageId: 'notAlone', line: 2 },
        { messageId: 'notAlone', line: 2 },
        { messageId: 'notAlone', line: 2 },
        { messageId: 'notAlone', line: 2 },
      ],
    },
    {
      name: 'infrastructure: co-owned is not alone, and CODEOWNERS must own itself',
      files: { ...infraFiles, '.github/CODEOWNERS': '* @acme/platform @acme/checkout\n' },
      errors: [
        {
          messageId: 'codeownersNotAlone',
          line: 1,
          data: {
            platform: '@acme/platform',
            owners: '@acme/platform @acme/checkout',
            decider: 'line 1: "* @acme/platform @acme/checkout"',
          },
        },
        { messageId: 'notAlone', line: 1 },
        { messageId: 'notAlone', line: 1 },
        { messageId: 'notAlone', line: 1 },
        { messageId: 'notAlone', line: 1 },
        { messageId: 'notAlone', line: 1 },
      ],
    },
    {
      name: 'CODEOWNERS does not own itself',
      files: { ...infraFiles, '.github/CODEOWNERS': '* @acme/platform\n/.github/CODEOWNERS\n' },
      errors: [
        { messageId: 'codeownersUnowned', line: 2, data: { file: '.github/CODEOWNERS', platform: '@acme/platform' } },
      ],
    },
    {
      name: 'infrastructure: a critical path without any owner',
      files: {
        ...infraFiles,
        '.github/CODEOWNERS':
          '/.github/ @acme/platform\n/gitops.yaml @acme/platform\n/clusters/ @acme/platform\n/infrastructure/network/ @acme/platform\n',
      },
      errors: [
        {
          messageId: 'unowned',
          data: {
            path: 'infrastructure/security/',
            file: 'infrastructure/security/policy.yaml',
            more: '',
            pattern: '/infrastructure/security/',
            platform: '@acme/platform',
          },
        },
      ],
    },
    {
      name: 'application: the policy files without the platform team',
      files: { ...appFiles, '.github/CODEOWNERS': '* @acme/checkout\n' },
      errors: [
        { messageId: 'codeownersNotCoOwned', line: 1 },
        {
          messageId: 'notCoOwned',
          line: 1,
          data: {
            path: 'gitops.yaml',
            file: 'gitops.yaml',
            more: '',
            platform: '@acme/platform',
            owners: '@acme/checkout',
            decider: 'line 1: "* @acme/checkout"',
          },
        },
        {
          messageId: 'notCoOwned',
          line: 1,
          data: {
            path: '.github/',
            file: '.github/workflows/ci.yaml',
            more: '',
            platform: '@acme/platform',
            owners: '@acme/checkout',
            decider: 'line 1: "* @acme/checkout"',
          },
        },
      ],
    },
    {
      name: 'GitLab: the platform team only in an optional section does not count',
      files: {
        ...appFiles,
        'gitops.yaml': `${app}host: gitlab\n`,
        '.gitlab/CODEOWNERS': '* @acme/checkout\n^[Platform] @acme/platform\n*\n',
      },
      errors: [
        {
          messageId: 'codeownersNotCoOwned',
          line: 1,
          data: {
            platform: '@acme/platform',
            owners: '@acme/checkout @acme/platform (optional section)',
            decider: 'line 1: "* @acme/checkout"; line 3 in [Platform]: "*"',
          },
        },
        { messageId: 'notCoOwned', line: 1 },
      ],
    },
    {
      name: 'teams.platform is needed',
      files: {
        'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  members: ["@alice"]\n',
        '.github/CODEOWNERS': '* @alice\n',
      },
      errors: [{ messageId: 'noPlatformTeam', file: 'gitops.yaml' }],
    },
  ],
});
