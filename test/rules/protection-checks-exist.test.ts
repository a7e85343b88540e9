import rule from '../../rules/protection-checks-exist.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();

function ruleset(...contexts: (string | { context: string; integration_id: number })[]): string {
  return JSON.stringify(
    {
      name: 'main-protection',
      target: 'branch',
      enforcement: 'active',
      conditions: { ref_name: { include: ['refs/heads/main'], exclude: [] } },
      rules: [
        { type: 'deletion' },
        {
          type: 'required_status_checks',
          parameters: {
            strict_required_status_checks_policy: true,
            required_status_checks: contexts.map((entry) => (typeof entry === 'string' ? { context: entry } : entry)),
          },
        },
      ],
    },
    null,
    2,
  );
}

function settings(...contexts: string[]): string {
  return [
    'repository:',
    '  name: shop',
    'branches:',
    '  - name: main',
    '    protection:',
    '      required_status_checks:',
    '        strict: true',
    '        contexts:',
    ...contexts.map((context) => `          - ${JSON.stringify(context)}`),
    '',
  ].join('\n');
}

const lintWorkflow = [
  'name: gitops-lint',
  'on:',
  '  pull_request:',
  '  push:',
  '    branches: [main]',
  'jobs:',
  '  gitops-lint:',
  '    name: gitops-lint',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: npx gitops-init lint',
  '',
].join('\n');

tester.run('protection-checks-exist', rule, {
  valid: [
    {
      name: 'the ruleset and settings.yml require the job that the workflow runs on pull requests',
      files: {
        '.github/rulesets/main-protection.json': ruleset('gitops-lint'),
        '.github/settings.yml': settings('gitops-lint'),
        '.github/workflows/gitops-lint.yml': lintWorkflow,
      },
    },
    {
      name: 'a job without a name is its id',
      files: {
        '.github/rulesets/main.json': ruleset('build'),
        '.github/workflows/ci.yaml': 'on: [pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: []\n',
      },
    },
    {
      name: 'matrix jobs report one check per combination; names with expressions match by their fixed parts',
      files: {
        '.github/rulesets/main.json': ruleset('test (ubuntu-latest, 20)', 'Build on windows-latest', 'Lint (x)'),
        '.github/workflows/ci.yml': [
          'on: pull_request',
          'jobs:',
          '  test:',
          '    strategy:',
          '      matrix:',
          '        os: [ubuntu-latest]',
          '        node: [20]',
          '    runs-on: ${{ matrix.os }}',
          '    steps: []',
          '  build:',
          '    name: Build on ${{ matrix.os }}',
          '    strategy:',
          '      matrix:',
          '        os: [windows-latest]',
          '    runs-on: ${{ matrix.os }}',
          '    steps: []',
          '  lint:',
          '    name: Lint',
          '    strategy:',
          '      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}',
          '    runs-on: ubuntu-latest',
          '    steps: []',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a call of a reusable workflow reports "<caller> / <called job>"',
      files: {
        '.github/rulesets/main.json': ruleset('checks / gitops-lint'),
        '.github/workflows/pr.yml':
          'on:\n  merge_group:\njobs:\n  checks:\n    uses: ./.github/workflows/reusable.yml\n',
        '.github/workflows/reusable.yml':
          'on:\n  workflow_call:\njobs:\n  gitops-lint:\n    runs-on: ubuntu-latest\n    steps: []\n',
      },
    },
    {
      name: 'GitLab CI jobs, also from local includes and parallel jobs',
      files: {
        '.github/settings.yml': settings('gitops-lint', 'unit 1/2', 'deploy-check'),
        '.gitlab-ci.yml':
          'include:\n  - local: /ci/lint.yml\n  - remote: https://example.com/ci.yml\nstages: [test]\n.template:\n  script: [echo]\nunit:\n  parallel: 2\n  script: [make test]\n',
        'ci/lint.yml': 'gitops-lint:\n  script: [npx gitops-init lint]\ninclude: "ci/more/*.yml"\n',
        'ci/more/deploy.yml': 'deploy-check:\n  script: [echo]\n',
      },
    },
    {
      name: 'checks from other services are named in externalChecks; checks pinned to another app are theirs',
      options: [{ externalChecks: ['codecov/*', 'license/cla'] }],
      files: {
        '.github/rulesets/main.json': ruleset('codecov/patch', 'license/cla', {
          context: 'security/snyk',
          integration_id: 12345,
        }),
        '.github/workflows/gitops-lint.yml': lintWorkflow,
      },
    },
    {
      name: 'a disabled ruleset requires nothing, and nothing is required without protection files',
      files: {
        '.github/rulesets/old.json': ruleset('gone').replace('"active"', '"disabled"'),
        '.github/workflows/gitops-lint.yml': lintWorkflow,
      },
    },
    { name: 'no protection files', files: { '.github/workflows/ci.yml': lintWorkflow } },
  ],
  invalid: [
    {
      name: 'a required check that no job produces, in the ruleset and in settings.yml',
      files: {
        '.github/rulesets/main-protection.json': ruleset('gitops-lint', 'unit-tests'),
        '.github/settings.yml': settings('gitops-lint', 'unit-tests'),
        '.github/workflows/gitops-lint.yml': lintWorkflow,
      },
      errors: [
        {
          messageId: 'noJob',
          file: '.github/rulesets/main-protection.json',
          line: 26,
          column: 24,
          data: { check: 'unit-tests', ciFiles: '.github/workflows/gitops-lint.yml' },
        },
        {
          messageId: 'noJob',
          file: '.github/settings.yml',
          line: 10,
          column: 13,
          data: { check: 'unit-tests', ciFiles: '.github/workflows/gitops-lint.yml' },
        },
      ],
    },
    {
      name: 'a matrix job does not report its bare name, and a job name is not its id',
      files: {
        '.github/rulesets/main.json': ruleset('test', 'lint'),
        '.github/workflows/ci.yml':
          'on: pull_request\njobs:\n  test:\n    strategy:\n      matrix:\n        os: [a, b]\n    steps: []\n  lint:\n    name: Lint the repository\n    steps: []\n',
      },
      errors: [
        { messageId: 'noJob', data: { check: 'test', ciFiles: '.github/workflows/ci.yml' } },
        { messageId: 'noJob', data: { check: 'lint', ciFiles: '.github/workflows/ci.yml' } },
      ],
    },
    {
      name: 'the job runs only on pushes',
      files: {
        '.github/rulesets/main.json': ruleset('gitops-lint'),
        '.github/workflows/gitops-lint.yml': lintWorkflow.replace('  pull_request:\n', ''),
      },
      errors: [
        {
          messageId: 'notOnPullRequests',
          data: { check: 'gitops-lint', job: 'gitops-lint', file: '.github/workflows/gitops-lint.yml' },
        },
      ],
    },
    {
      name: 'no CI configuration at all',
      files: { '.github/rulesets/main.json': ruleset('gitops-lint') },
      errors: [{ messageId: 'noCi', data: { check: 'gitops-lint' } }],
    },
    {
      name: "a reusable workflow's own job names are not checks",
      files: {
        '.github/rulesets/main.json': ruleset('gitops-lint'),
        '.github/workflows/reusable.yml': 'on: workflow_call\njobs:\n  gitops-lint:\n    steps: []\n',
      },
      errors: [{ messageId: 'noJob' }],
    },
  ],
});
