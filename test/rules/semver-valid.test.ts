import rule from '../../rules/semver-valid.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const app = 'kind: application\ntool: argocd\nname: shop\n';
const chart = (fields: string): string => `apiVersion: v2\nname: web\ndescription: The web front end\n${fields}`;

tester.run('semver-valid', rule, {
  valid: [
    { 'gitops.yaml': app, VERSION: '1.4.0\n' },
    {
      name: 'pre-release and build metadata',
      files: {
        'gitops.yaml': app,
        VERSION: '2.0.0-rc.1+build.5\n',
        'package.json': '{ "version": "2.0.0-rc.1+build.5" }\n',
      },
    },
    { name: 'charts', files: { 'chart/Chart.yaml': chart('version: 0.3.1\nappVersion: "1.0.0"\n') } },
    {
      name: 'a package.json without a version',
      files: { 'gitops.yaml': app, 'package.json': '{ "private": true }\n' },
    },
    {
      name: 'configured sources',
      files: {
        'gitops.yaml': 'kind: application\ntool: helm\nname: a\nversioning:\n  sources: [RELEASE]\n',
        RELEASE: '3.0.0\n',
        VERSION: 'whatever\n',
      },
    },
    {
      // Helm's chart spec requires SemVer 2 for version only; appVersion is the software's
      // version as its authors write it, and often the image tag the chart defaults to.
      name: 'a chart appVersion is free text: a leading v, two parts, a date tag, a word',
      files: {
        'charts/alertmanager/Chart.yaml': chart('version: 1.2.0\nappVersion: v0.34.0\n'),
        'charts/guestbook/Chart.yaml': chart('version: 0.1.0\nappVersion: "1.0"\n'),
        'charts/minio/Chart.yaml': chart('version: 1.0.0\nappVersion: RELEASE.2018-07-10T01-42-11Z\n'),
        'charts/test-chart/Chart.yaml': chart('version: 1.0.0\nappVersion: stable\n'),
      },
    },
    {
      // A release job fills the version in before `helm package`.
      name: 'a chart version that a release job substitutes',
      files: {
        'charts/web/Chart.yaml': chart('version: ${CHART_VERSION}\nappVersion: ${APP_VERSION}\n'),
        'charts/api/Chart.yaml': chart('version: "{{ .Version }}"\n'),
      },
    },
    {
      name: "without a kind, VERSION and package.json are the repository's own business",
      files: { VERSION: 'v3.6\n', 'package.json': '{ "version": "1.0" }\n' },
    },
  ],
  invalid: [
    {
      name: "gitops.yaml's version: the leading v is dropped (gitops-init alone reads it)",
      files: { 'gitops.yaml': `${app}version: v1.4.0\n` },
      errors: [
        {
          messageId: 'leadingV',
          file: 'gitops.yaml',
          line: 4,
          data: { source: 'gitops.yaml#version', value: 'v1.4.0', fixed: '1.4.0' },
        },
      ],
      output: { 'gitops.yaml': `${app}version: 1.4.0\n` },
    },
    {
      // CI commonly tags the image it builds with the content of VERSION: no fix may change it.
      name: 'VERSION with a leading v: reported, not fixed',
      files: { 'gitops.yaml': app, VERSION: 'v1.4.0\n' },
      errors: [
        { messageId: 'leadingV', line: 1, column: 1, data: { source: 'VERSION', value: 'v1.4.0', fixed: '1.4.0' } },
      ],
      output: { VERSION: 'v1.4.0\n' },
    },
    {
      name: 'not semver',
      files: { 'gitops.yaml': app, VERSION: '1.4\n' },
      errors: [{ messageId: 'invalid', data: { source: 'VERSION', value: '1.4' } }],
    },
    {
      // The chart version names the package (web-v0.3.1.tgz) and its OCI tag: rewriting it
      // changes what users pull, so the finding has no fix.
      name: 'a chart version with a leading v: reported without a fix, quotes kept',
      files: { 'chart/Chart.yaml': chart('version: "v0.3.1"\nappVersion: latest\n') },
      errors: [
        {
          messageId: 'leadingV',
          file: 'chart/Chart.yaml',
          line: 4,
          data: { source: 'chart/Chart.yaml#version', value: 'v0.3.1', fixed: '0.3.1' },
        },
      ],
      output: { 'chart/Chart.yaml': chart('version: "v0.3.1"\nappVersion: latest\n') },
    },
    {
      name: 'a chart version is quoted as written: 2.0, not the number 2',
      files: { 'redis-ha/chart/Chart.yaml': 'name: redis-ha\nversion: 2.0\n' },
      errors: [
        {
          messageId: 'invalid',
          file: 'redis-ha/chart/Chart.yaml',
          line: 2,
          column: 10,
          data: { source: 'redis-ha/chart/Chart.yaml#version', value: '2.0' },
        },
      ],
    },
    {
      name: 'a chart version written as a number in a file that is not plain block style',
      files: { 'c/Chart.yaml': '{ name: c, version: 1.10 }\n' },
      errors: [{ messageId: 'invalid', file: 'c/Chart.yaml', data: { source: 'c/Chart.yaml#version', value: '1.10' } }],
    },
    {
      name: 'appVersion configured as a version source is held to semver, without a fix',
      files: {
        'gitops.yaml':
          'kind: application\ntool: helm\nname: a\nversioning:\n  sources: [chart/Chart.yaml#appVersion]\n',
        'chart/Chart.yaml': chart('version: 1.0.0\nappVersion: v1.0.0\n'),
      },
      errors: [{ messageId: 'leadingV', file: 'chart/Chart.yaml', line: 5 }],
      output: { 'chart/Chart.yaml': chart('version: 1.0.0\nappVersion: v1.0.0\n') },
    },
    {
      name: 'package.json',
      files: { 'gitops.yaml': app, 'package.json': '{\n  "name": "x",\n  "version": "1.0"\n}\n' },
      errors: [{ messageId: 'invalid', file: 'package.json', line: 3 }],
    },
  ],
});
