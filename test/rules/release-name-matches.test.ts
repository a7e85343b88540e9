import rule from '../../rules/release-name-matches.js';
import { RuleTester } from '../../src/testing/index.js';
import { manifest } from './release-rules.fixtures.js';

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
