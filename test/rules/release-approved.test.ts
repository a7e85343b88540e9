import rule from '../../rules/release-approved.js';
import { RuleTester } from '../../src/testing/index.js';
import { infra, manifest } from './release-rules.fixtures.js';

const tester = new RuleTester();
const approvals = (...teams: string[]): string =>
  `approvals:\n${teams.map((team) => `  - team: "${team}"\n    approver: someone\n    time: 2026-11-26T10:00:00Z`).join('\n')}`;
const verified = (...teams: string[]): string =>
  `approvals:\n${teams.map((team) => `  - team: "${team}"\n    approver: someone\n    time: 2026-11-26T10:00:00Z\n    verified: true\n    pull_request: https://github.com/acme/platform/pull/7\n    commit: 0123456789abcdef0123456789abcdef01234567`).join('\n')}`;
const base = 'application_version: 1.5.3\ninfrastructure_version: 2.1.0\napplication_team: "@acme/shop"\n';

tester.run('release-approved', rule, {
  valid: [
    {
      'gitops.yaml': infra,
      'releases/release-1.5.3-2.1.0.yaml': manifest(
        `${base}status: promoted\n${approvals('@acme/platform', '@acme/shop')}`,
      ),
    },
    {
      name: 'a candidate needs no approvals yet',
      files: { 'gitops.yaml': infra, 'releases/release-1.5.3-2.1.0.yaml': manifest(`${base}status: candidate`) },
    },
    {
      name: 'an emergency promotion records its reason',
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          `${base}status: promoted\nemergency:\n  reason: CVE-2026-1234 hotfix\n  time: 2026-11-26T03:00:00Z`,
        ),
      },
    },
    {
      name: 'requireVerified: both approvals read from the pull request',
      options: [{ requireVerified: true }],
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          `${base}status: approved\n${verified('@acme/platform', '@acme/shop')}`,
        ),
      },
    },
    {
      name: 'typed approvals count unless verified ones are required',
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          `${base}status: approved\n${approvals('@acme/platform', '@acme/shop')}\n    verified: false`,
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'requireVerified: the application team approval was typed with --by',
      options: [{ requireVerified: true }],
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          `${base}status: promoted\n${verified('@acme/platform')}\n  - team: "@acme/shop"\n    approver: mallory\n    time: 2026-11-26T10:00:00Z\n    verified: false`,
        ),
      },
      errors: [
        {
          messageId: 'unverified',
          data: { name: 'release-1.5.3-2.1.0', status: 'promoted', team: '@acme/shop', approver: 'mallory' },
        },
      ],
    },
    {
      name: 'promoted with the platform team only',
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(`${base}status: promoted\n${approvals('@acme/platform')}`),
      },
      errors: [
        { messageId: 'missing', data: { name: 'release-1.5.3-2.1.0', status: 'promoted', teams: '@acme/shop' } },
      ],
    },
    {
      name: 'approved without an application team',
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          'application_version: 1.5.3\ninfrastructure_version: 2.1.0\nstatus: approved',
        ),
      },
      errors: [{ messageId: 'noTeam' }],
    },
  ],
});
