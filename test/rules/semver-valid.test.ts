import rule from '../../rules/semver-valid.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();

tester.run('semver-valid', rule, {
  valid: [
    { VERSION: '1.4.0\n' },
    {
      name: 'pre-release and build metadata',
      files: { VERSION: '2.0.0-rc.1+build.5\n', 'package.json': '{ "version": "2.0.0-rc.1+build.5" }\n' },
    },
    { name: 'charts', files: { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.3.1\nappVersion: "1.0.0"\n' } },
    { name: 'a package.json without a version', files: { 'package.json': '{ "private": true }\n' } },
    {
      name: 'configured sources',
      files: {
        'gitops.yaml': 'kind: application\ntool: helm\nname: a\nversioning:\n  sources: [RELEASE]\n',
        RELEASE: '3.0.0\n',
        VERSION: 'whatever\n',
      },
    },
  ],
  invalid: [
    {
      name: 'leading v is fixed',
      files: { VERSION: 'v1.4.0\n' },
      errors: [
        { messageId: 'leadingV', line: 1, column: 1, data: { source: 'VERSION', value: 'v1.4.0', fixed: '1.4.0' } },
      ],
      output: { VERSION: '1.4.0\n' },
    },
    {
      name: 'not semver',
      files: { VERSION: '1.4\n' },
      errors: [{ messageId: 'invalid', data: { source: 'VERSION', value: '1.4' } }],
    },
    {
      name: 'chart version and appVersion, quoted, fixed keeping quotes',
      files: { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: "v0.3.1"\nappVersion: latest\n' },
      errors: [
        { messageId: 'leadingV', file: 'chart/Chart.yaml', line: 3 },
        {
          messageId: 'invalid',
          file: 'chart/Chart.yaml',
          line: 4,
          data: { source: 'chart/Chart.yaml#appVersion', value: 'latest' },
        },
      ],
      output: { 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: "0.3.1"\nappVersion: latest\n' },
    },
    {
      name: 'package.json',
      files: { 'package.json': '{\n  "name": "x",\n  "version": "1.0"\n}\n' },
      errors: [{ messageId: 'invalid', file: 'package.json', line: 3 }],
    },
  ],
});
