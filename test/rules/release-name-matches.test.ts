import rule from '../../rules/release-name-matches.js';
import { RuleTester } from '../../src/testing/index.js';
import { lineRelease, manifest, tenants } from './release-rules.fixtures.js';

const tester = new RuleTester();

tester.run('release-name-matches', rule, {
  valid: [
    { 'releases/release-1.5.3-2.1.0.yaml': manifest('application_version: 1.5.3\ninfrastructure_version: 2.1.0') },
    {
      name: 'with a name',
      files: {
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          'name: release-1.5.3-2.1.0\napplication_version: 1.5.3\ninfrastructure_version: 2.1.0',
        ),
      },
    },
    {
      name: 'rollback suffix with rollback_of',
      files: {
        'releases/release-1.5.2-2.0.0-rollback-1.yaml': manifest(
          'name: release-1.5.2-2.0.0-rollback-1\napplication_version: 1.5.2\ninfrastructure_version: 2.0.0\nrollback_of: release-1.5.3-2.1.0',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'file name does not match the versions',
      files: {
        'releases/release-1.5.3-2.1.0.yaml': manifest('application_version: 1.5.4\ninfrastructure_version: 2.1.0'),
      },
      errors: [{ messageId: 'fileName', data: { actual: 'release-1.5.3-2.1.0', expected: 'release-1.5.4-2.1.0' } }],
    },
    {
      name: 'name does not match',
      files: {
        'releases/release-1.5.4-2.1.0.yaml': manifest(
          'name: release-1.5.3-2.1.0\napplication_version: 1.5.4\ninfrastructure_version: 2.1.0',
        ),
      },
      errors: [{ messageId: 'name', line: 2 }],
    },
    {
      name: 'rollback suffix without rollback_of',
      files: {
        'releases/release-1.5.2-2.0.0-rollback-1.yaml': manifest(
          'application_version: 1.5.2\ninfrastructure_version: 2.0.0',
        ),
      },
      errors: [{ messageId: 'fileName' }],
    },
    {
      name: 'name and file name differ though both are valid',
      files: {
        'releases/release-1.5.2-2.0.0-rollback-2.yaml': manifest(
          'name: release-1.5.2-2.0.0-rollback-1\napplication_version: 1.5.2\ninfrastructure_version: 2.0.0\nrollback_of: release-1.5.3-2.1.0',
        ),
      },
      errors: [{ messageId: 'differ' }],
    },
  ],
});

const perApplication = new RuleTester();

perApplication.run('release-name-matches', rule, {
  valid: [
    {
      name: 'per application: the same pair in two lines, named after their applications',
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.3', '2.1.0'),
        ...lineRelease('orders', '1.5.3', '2.1.0'),
      },
    },
    {
      name: 'per application: a rollback, and a manifest without name or application (its directory says)',
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.2', '2.0.0', 'rollback_of: release-payments-1.5.3-2.1.0', '-rollback-1'),
        'releases/orders/release-1.0.0-2.1.0.yaml': manifest(
          'application_version: 1.0.0\ninfrastructure_version: 2.1.0',
        ),
      },
    },
    {
      name: 'per application: a manifest of the single line from before the second tenant keeps its name',
      files: {
        'gitops.yaml': tenants,
        'releases/release-1.5.3-2.1.0.yaml': manifest(
          'name: release-1.5.3-2.1.0\napplication_version: 1.5.3\ninfrastructure_version: 2.1.0\napplication_team: "@acme/payments"',
        ),
      },
    },
    {
      name: 'per application: releases.tagFormat',
      files: {
        'gitops.yaml': `${tenants}releases:\n  tagFormat: "{app}@{appVersion}+{infraVersion}"\n`,
        'releases/payments/release-1.5.3-2.1.0.yaml': manifest(
          'name: payments@1.5.3+2.1.0\napplication_version: 1.5.3\ninfrastructure_version: 2.1.0',
        ),
      },
    },
    {
      name: 'per application: the promoted releases of a tenant removed since are history',
      files: {
        'gitops.yaml': tenants,
        'releases/billing/release-1.0.0-1.0.0.yaml': manifest(
          'name: release-billing-1.0.0-1.0.0\napplication: billing\napplication_version: 1.0.0\ninfrastructure_version: 1.0.0\nstatus: promoted',
        ),
      },
    },
    {
      name: 'per application: Helm values in another subdirectory of releases/ are not release manifests',
      files: { 'gitops.yaml': tenants, 'releases/podinfo/values.yaml': 'replicaCount: 2\n' },
    },
  ],
  invalid: [
    {
      name: "per application: the name of another application's line",
      files: {
        'gitops.yaml': tenants,
        'releases/orders/release-1.5.3-2.1.0.yaml': manifest(
          'name: release-payments-1.5.3-2.1.0\napplication_version: 1.5.3\ninfrastructure_version: 2.1.0',
        ),
      },
      errors: [
        {
          messageId: 'lineName',
          line: 2,
          data: {
            actual: 'release-payments-1.5.3-2.1.0',
            application: 'orders',
            expected: 'release-orders-1.5.3-2.1.0',
          },
        },
      ],
    },
    {
      name: 'per application: the name without the application',
      files: {
        'gitops.yaml': tenants,
        'releases/orders/release-1.5.3-2.1.0.yaml': manifest(
          'name: release-1.5.3-2.1.0\napplication_version: 1.5.3\ninfrastructure_version: 2.1.0',
        ),
      },
      errors: [
        {
          messageId: 'lineName',
          data: { actual: 'release-1.5.3-2.1.0', application: 'orders', expected: 'release-orders-1.5.3-2.1.0' },
        },
      ],
    },
    {
      name: 'per application: a file name that does not match the versions',
      files: {
        'gitops.yaml': tenants,
        'releases/orders/release-1.5.3-2.1.0.yaml': manifest(
          'name: release-orders-1.5.4-2.1.0\napplication_version: 1.5.4\ninfrastructure_version: 2.1.0',
        ),
      },
      errors: [{ messageId: 'fileName', data: { actual: 'release-1.5.3-2.1.0', expected: 'release-1.5.4-2.1.0' } }],
    },
    {
      name: 'per application: application differs from the directory',
      files: {
        'gitops.yaml': tenants,
        'releases/orders/release-1.5.3-2.1.0.yaml': manifest(
          'name: release-orders-1.5.3-2.1.0\napplication: payments\napplication_version: 1.5.3\ninfrastructure_version: 2.1.0',
        ),
      },
      errors: [
        {
          messageId: 'application',
          line: 3,
          data: { actual: 'payments', application: 'orders', directory: 'releases' },
        },
      ],
    },
    {
      name: 'per application: a release manifest in the directory of no application',
      files: {
        'gitops.yaml': tenants,
        'releases/billing/release-1.0.0-1.0.0.yaml': manifest(
          'name: release-billing-1.0.0-1.0.0\napplication_version: 1.0.0\ninfrastructure_version: 1.0.0',
        ),
      },
      errors: [
        {
          messageId: 'unknownApplication',
          data: { application: 'billing', known: 'payments, orders', directory: 'releases' },
        },
      ],
    },
    {
      name: 'per application: a tag format without {app}, reported at the setting',
      files: {
        'gitops.yaml': `${tenants}releases:\n  tagFormat: "v{appVersion}-{infraVersion}"\n`,
        ...lineRelease('payments', '1.5.3', '2.1.0'),
      },
      errors: [{ messageId: 'layout', file: 'gitops.yaml', line: 12 }],
    },
  ],
});
