import rule from '../../rules/release-monotonic.js';
import { RuleTester } from '../../src/testing/index.js';
import { lineRelease, manifest, tenants } from './release-rules.fixtures.js';

const tester = new RuleTester();
const release = (app: string, infra: string, created: string, extra = ''): Record<string, string> => ({
  [`releases/release-${app}-${infra}${extra.includes('rollback_of') ? '-rollback-1' : ''}.yaml`]: manifest(
    `application_version: ${app}\ninfrastructure_version: ${infra}\ncreated: ${created}\n${extra}`,
  ),
});

tester.run('release-monotonic', rule, {
  valid: [
    {
      ...release('1.0.0', '2.0.0', '2026-01-01'),
      ...release('1.1.0', '2.0.0', '2026-02-01'),
      ...release('1.1.0', '2.1.0', '2026-03-01'),
    },
    {
      name: 'rollbacks go back',
      files: {
        ...release('1.1.0', '2.0.0', '2026-02-01'),
        ...release('1.0.0', '2.0.0', '2026-03-01', 'rollback_of: release-1.1.0-2.0.0'),
      },
    },
    {
      name: 'deliberate downgrade',
      files: {
        ...release('1.1.0', '2.0.0', '2026-02-01'),
        ...release('1.0.5', '2.0.0', '2026-03-01', 'downgrade: true'),
      },
    },
  ],
  invalid: [
    {
      name: 'application version goes back',
      files: { ...release('1.5.3', '2.1.0', '2026-11-20'), ...release('1.5.2', '2.1.0', '2026-11-25') },
      errors: [
        {
          messageId: 'older',
          file: 'releases/release-1.5.2-2.1.0.yaml',
          data: {
            name: 'release-1.5.2-2.1.0',
            component: 'application',
            version: '1.5.2',
            previous: 'release-1.5.3-2.1.0',
            previousVersion: '1.5.3',
          },
        },
      ],
    },
  ],
});

const perApplication = new RuleTester();

perApplication.run('release-monotonic', rule, {
  valid: [
    {
      name: "per application: orders 1.0.0 after payments 1.5.3 is orders' first release",
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.3', '2.1.0', 'created: 2026-11-20'),
        ...lineRelease('orders', '1.0.0', '2.0.0', 'created: 2026-11-25'),
      },
    },
    {
      name: 'per application: a manifest of the single line from before the second tenant is in its team’s line',
      files: {
        'gitops.yaml': tenants,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          'application_version: 1.5.3\ninfrastructure_version: 2.1.0\napplication_team: "@acme/payments"\ncreated: 2026-11-01',
        ),
        ...lineRelease('orders', '1.0.0', '2.1.0', 'created: 2026-11-25'),
        ...lineRelease('payments', '1.6.0', '2.1.0', 'created: 2026-11-26'),
      },
    },
  ],
  invalid: [
    {
      name: 'per application: going back within one line',
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('orders', '1.5.3', '2.1.0', 'created: 2026-11-20'),
        ...lineRelease('payments', '2.0.0', '2.1.0', 'created: 2026-11-21'),
        ...lineRelease('orders', '1.5.2', '2.1.0', 'created: 2026-11-25'),
      },
      errors: [
        {
          messageId: 'older',
          file: 'releases/orders/release-1.5.2-2.1.0.yaml',
          data: {
            name: 'release-orders-1.5.2-2.1.0',
            component: 'application',
            version: '1.5.2',
            previous: 'release-orders-1.5.3-2.1.0',
            previousVersion: '1.5.3',
          },
        },
      ],
    },
    {
      name: 'per application: a legacy manifest of the line, then an older release in its directory',
      files: {
        'gitops.yaml': tenants,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          'application_version: 1.5.3\ninfrastructure_version: 2.1.0\napplication_team: "@acme/payments"\ncreated: 2026-11-01',
        ),
        ...lineRelease('payments', '1.5.0', '2.1.0', 'created: 2026-11-26'),
      },
      errors: [{ messageId: 'older', file: 'releases/payments/release-1.5.0-2.1.0.yaml' }],
    },
    {
      name: 'one line when releases are not per application (perApplication: never)',
      files: {
        'gitops.yaml': `${tenants}releases:\n  perApplication: never\n`,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          'application_version: 1.5.3\ninfrastructure_version: 2.1.0\napplication_team: "@acme/payments"\ncreated: 2026-11-20',
        ),
        'releases/release-1.0.0-2.1.0.yaml': manifest(
          'application_version: 1.0.0\ninfrastructure_version: 2.1.0\napplication_team: "@acme/orders"\ncreated: 2026-11-25',
        ),
      },
      errors: [{ messageId: 'older', file: 'releases/release-1.0.0-2.1.0.yaml' }],
    },
  ],
});
