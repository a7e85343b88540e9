import rule from '../../rules/release-monotonic.js';
import { RuleTester } from '../../src/testing/index.js';
import { manifest } from './release-rules.fixtures.js';

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
