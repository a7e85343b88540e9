import rule from '../../rules/release-rollback-target-exists.js';
import { RuleTester } from '../../src/testing/index.js';
import { lineRelease, manifest, tenants } from './release-rules.fixtures.js';

const tester = new RuleTester();
const current = {
  'releases/release-1.5.3-2.1.0.yaml': manifest('application_version: 1.5.3\ninfrastructure_version: 2.1.0'),
};
const rollback = (target: string): Record<string, string> => ({
  'releases/release-1.5.2-2.0.0-rollback-1.yaml': manifest(
    `application_version: 1.5.2\ninfrastructure_version: 2.0.0\nrollback_of: ${target}`,
  ),
});

tester.run('release-rollback-target-exists', rule, {
  valid: [
    { ...current, ...rollback('release-1.5.3-2.1.0') },
    { name: 'no rollbacks', files: current },
  ],
  invalid: [
    {
      name: 'unknown target',
      files: { ...current, ...rollback('release-1.5.4-2.1.0') },
      errors: [
        {
          messageId: 'missing',
          data: { name: 'release-1.5.2-2.0.0-rollback-1', target: 'release-1.5.4-2.1.0', directory: 'releases' },
        },
      ],
    },
    { name: 'itself', files: rollback('release-1.5.2-2.0.0-rollback-1'), errors: [{ messageId: 'self' }] },
  ],
});

const perApplication = new RuleTester();

perApplication.run('release-rollback-target-exists', rule, {
  valid: [
    {
      name: "per application: a rollback of its own application's release",
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.3', '2.1.0'),
        ...lineRelease('payments', '1.5.2', '2.0.0', 'rollback_of: release-payments-1.5.3-2.1.0', '-rollback-1'),
      },
    },
  ],
  invalid: [
    {
      name: "per application: a rollback of another application's release",
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.3', '2.1.0'),
        ...lineRelease('orders', '1.0.0', '2.0.0', 'rollback_of: release-payments-1.5.3-2.1.0', '-rollback-1'),
      },
      errors: [
        {
          messageId: 'otherApplication',
          data: {
            name: 'release-orders-1.0.0-2.0.0-rollback-1',
            application: 'orders',
            target: 'release-payments-1.5.3-2.1.0',
            targetApplication: 'payments',
          },
        },
      ],
    },
    {
      name: 'per application: a rollback of a release that exists only in the single line',
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.2', '2.0.0', 'rollback_of: release-1.5.3-2.1.0', '-rollback-1'),
      },
      errors: [{ messageId: 'missing' }],
    },
  ],
});
