import rule from '../../rules/version-consistent.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const helmApp = 'kind: application\ntool: helm\nname: shop\n';

tester.run('version-consistent', rule, {
  valid: [
    { name: 'one source', files: { 'gitops.yaml': helmApp, VERSION: '1.0.0\n' } },
    {
      // A repository that has not adopted gitops-init (no gitops.yaml, no --kind) may keep a
      // VERSION of its own and a package.json for its tooling: they need not agree.
      name: 'without a kind the rule does not run',
      files: { VERSION: '3.6.0\n', 'package.json': '{ "private": true, "version": "1.0.0" }\n' },
    },
    {
      name: 'agreeing sources',
      files: {
        'gitops.yaml': helmApp,
        VERSION: '1.2.0\n',
        'chart/Chart.yaml': 'version: 1.2.0\nappVersion: "9.9.9"\n',
        'package.json': '{"version":"1.2.0"}',
      },
    },
    { name: 'missing sources are not inconsistent', files: { 'gitops.yaml': helmApp, VERSION: '1.2.0\n' } },
    {
      name: 'appVersion is not a default source',
      files: { 'gitops.yaml': helmApp, VERSION: '1.2.0\n', 'chart/Chart.yaml': 'version: 1.2.0\nappVersion: 3.0.0\n' },
    },
  ],
  invalid: [
    {
      name: 'with a kind, the same VERSION and package.json are sources that must agree',
      files: {
        'gitops.yaml': helmApp,
        VERSION: '3.6.0\n',
        'package.json': '{ "private": true, "version": "1.0.0" }\n',
      },
      errors: [{ messageId: 'differs', file: 'package.json' }],
    },
    {
      name: 'chart behind VERSION',
      files: { 'gitops.yaml': helmApp, VERSION: '1.3.0\n', 'chart/Chart.yaml': 'apiVersion: v2\nversion: 1.2.0\n' },
      errors: [
        {
          messageId: 'differs',
          file: 'chart/Chart.yaml',
          line: 2,
          data: { source: 'chart/Chart.yaml#version', value: '1.2.0', reference: 'VERSION', expected: '1.3.0' },
        },
      ],
    },
    {
      name: 'gitops.yaml version and package.json',
      files: {
        'gitops.yaml': 'kind: application\ntool: flux\nname: shop\nversion: 2.0.0\n',
        VERSION: '2.1.0\n',
        'package.json': '{"version": "2.0.0"}\n',
      },
      errors: [
        { messageId: 'differs', file: 'gitops.yaml', line: 4 },
        { messageId: 'differs', file: 'package.json', line: 1 },
      ],
    },
    {
      name: 'configured sources include appVersion',
      files: {
        'gitops.yaml': helmApp,
        VERSION: '1.0.0\n',
        'chart/Chart.yaml': 'version: 1.0.0\nappVersion: 1.1.0\n',
      },
      options: [{ sources: ['VERSION', 'chart/Chart.yaml#version', 'chart/Chart.yaml#appVersion'] }],
      errors: [
        {
          messageId: 'differs',
          data: { source: 'chart/Chart.yaml#appVersion', value: '1.1.0', reference: 'VERSION', expected: '1.0.0' },
        },
      ],
    },
  ],
});
