import rule from '../../rules/release-approvals-enforced.js';
import { renderReleaseSections } from '../../src/codeowners/sync.js';
import { releaseApprovals } from '../../src/release/approvers.js';
import { parse } from 'yaml';
import type { Descriptor } from '../../src/config/descriptor.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();

const gitlabInfra =
  'kind: infrastructure\ntool: flux\nname: platform\nhost: gitlab\nteams:\n  platform: "@acme/platform"\n  applications:\n    - name: shop\n      team: "@acme/shop"\n';
const githubInfra = gitlabInfra.replace('host: gitlab', 'host: github');
const twoTenants = `${gitlabInfra}    - name: orders\n      team: "@acme/orders"\n`;

/** The sections codeowners sync writes for a descriptor whose releases directory exists. */
function sections(descriptorText: string): string {
  return renderReleaseSections(releaseApprovals(parse(descriptorText) as Descriptor, () => true));
}

const defaultSection = '* @acme/platform\n';
const readme = { 'releases/README.md': '# Releases\n' };

/** A rendered ruleset whose pull_request rule carries these required_reviewers. */
function ruleset(reviewers: unknown[]): string {
  return JSON.stringify({
    name: 'main-protection',
    rules: [
      { type: 'pull_request', parameters: { required_approving_review_count: 2, required_reviewers: reviewers } },
    ],
  });
}

tester.run('release-approvals-enforced', rule, {
  valid: [
    {
      name: 'a repository without a releases directory keeps no releases',
      files: { 'gitops.yaml': gitlabInfra, 'clusters/dev/kustomization.yaml': 'resources: []\n' },
    },
    {
      name: 'GitLab: one section per team over the releases',
      files: {
        'gitops.yaml': gitlabInfra,
        ...readme,
        '.gitlab/CODEOWNERS': `${defaultSection}\n${sections(gitlabInfra)}`,
      },
    },
    {
      name: 'GitLab: several tenants, each section over its release line',
      files: {
        'gitops.yaml': twoTenants,
        ...readme,
        'releases/shop/README.md': '#\n',
        'releases/orders/README.md': '#\n',
        '.gitlab/CODEOWNERS': `${defaultSection}\n${sections(twoTenants)}`,
      },
    },
    {
      name: 'GitHub: team ids not known yet are looked up by protect apply',
      files: { 'gitops.yaml': githubInfra, ...readme, '.github/rulesets/main-protection.json': ruleset([]) },
    },
    {
      name: 'GitHub: the ruleset requires every team whose id gitops.yaml gives',
      files: {
        'gitops.yaml': `${githubInfra}protection:\n  teamIds:\n    "@acme/platform": 11\n    "@acme/shop": 12\n`,
        ...readme,
        '.github/rulesets/main-protection.json': ruleset([
          { file_patterns: ['releases/**'], minimum_approvals: 1, reviewer: { id: 11, type: 'Team' } },
          { file_patterns: ['releases/**'], minimum_approvals: 1, reviewer: { id: 12, type: 'Team' } },
        ]),
      },
    },
  ],
  invalid: [
    {
      name: 'GitLab: the application team shares its section with the platform team',
      files: {
        'gitops.yaml': gitlabInfra,
        ...readme,
        '.gitlab/CODEOWNERS': `${defaultSection}[Release][1]\n/releases/ @acme/platform @acme/shop\n`,
      },
      errors: [
        {
          messageId: 'noSection',
          data: {
            team: '@acme/shop',
            path: 'releases/',
            label: 'shop',
            owners: 'owned by @acme/platform in the default section; @acme/platform @acme/shop in [Release]',
          },
        },
      ],
      output: {
        '.gitlab/CODEOWNERS': `${defaultSection}[Release][1]\n/releases/ @acme/platform @acme/shop\n\n${sections(gitlabInfra)}`,
      },
    },
    {
      name: 'GitLab: an optional section requires nothing',
      files: {
        'gitops.yaml': gitlabInfra,
        ...readme,
        '.gitlab/CODEOWNERS': `${defaultSection}^[Release: shop]\n/releases/ @acme/shop\n`,
      },
      errors: [
        {
          messageId: 'noSection',
          data: {
            team: '@acme/shop',
            path: 'releases/',
            label: 'shop',
            owners: 'owned by @acme/platform in the default section; @acme/shop in [Release: shop] (optional)',
          },
        },
      ],
    },
    {
      name: 'GitLab: the second tenant has no section over its release line',
      files: {
        'gitops.yaml': twoTenants,
        ...readme,
        '.gitlab/CODEOWNERS': `${defaultSection}\n${sections(gitlabInfra).replace('/releases/', '/releases/shop/')}`,
      },
      errors: [
        {
          messageId: 'noSection',
          data: {
            team: '@acme/orders',
            path: 'releases/orders/',
            label: 'orders',
            owners: 'owned by @acme/platform in the default section; @acme/shop in [Release: shop]',
          },
        },
      ],
    },
    {
      name: 'GitLab: no CODEOWNERS file',
      files: { 'gitops.yaml': gitlabInfra, ...readme },
      errors: [{ messageId: 'noCodeowners', file: 'gitops.yaml' }],
    },
    {
      name: 'GitLab: the protected branch does not require code owner approval',
      files: {
        'gitops.yaml': gitlabInfra,
        ...readme,
        '.gitlab/CODEOWNERS': `${defaultSection}\n${sections(gitlabInfra)}`,
        '.gitlab/protected-branches.json': JSON.stringify([{ name: 'main', code_owner_approval_required: false }]),
      },
      errors: [
        { messageId: 'codeOwnerApprovalOff', data: { file: '.gitlab/protected-branches.json', branch: 'main' } },
      ],
    },
    {
      name: 'GitHub: classic branch protection alone cannot require a team',
      files: {
        'gitops.yaml': `${githubInfra}protection:\n  targets: [github-branch-protection]\n`,
        ...readme,
      },
      errors: [{ messageId: 'noRuleset', file: 'gitops.yaml' }],
    },
    {
      name: 'GitHub: the ruleset leaves out a team whose id is known, and asks no approval of another',
      files: {
        'gitops.yaml': `${githubInfra}protection:\n  teamIds:\n    "@acme/platform": 11\n    "@acme/shop": 12\n`,
        ...readme,
        '.github/rulesets/main-protection.json': ruleset([
          { file_patterns: ['releases/**'], minimum_approvals: 0, reviewer: { id: 11, type: 'Team' } },
        ]),
      },
      errors: [
        { messageId: 'rulesetWithoutTeam', data: { team: '@acme/platform', path: 'releases/', id: 11 } },
        { messageId: 'rulesetWithoutTeam', data: { team: '@acme/shop', path: 'releases/', id: 12 } },
      ],
    },
    {
      name: 'no platform team',
      files: {
        'gitops.yaml': 'kind: application\ntool: flux\nname: shop\nhost: gitlab\nteams:\n  application: "@acme/shop"\n',
        ...readme,
        '.gitlab/CODEOWNERS': '* @acme/shop\n',
      },
      errors: [{ messageId: 'noPlatformTeam', file: 'gitops.yaml' }],
    },
  ],
});
