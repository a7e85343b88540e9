import rule from '../../rules/release-rollback-target-exists.js';
import { RuleTester } from '../../src/testing/index.js';
import { manifest } from './release-rules.fixtures.js';

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
