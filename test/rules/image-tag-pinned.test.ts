import rule from '../../rules/image-tag-pinned.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

tester.run('image-tag-pinned', rule, {
  valid: [
    { 'd.yaml': deployment('ghcr.io/acme/web:1.4.2') },
    {
      name: 'digest',
      files: { 'd.yaml': deployment('nginx@sha256:0f5ef9cbe1d57f2e8d3a6c0a6c8a2e8c2c1b1d2e3f4a5b6c7d8e9f0a1b2c3d4e') },
    },
    { name: 'registry port is not a tag', files: { 'd.yaml': deployment('registry.local:5000/web:2.0.0') } },
    { name: 'substituted image', files: { 'd.yaml': deployment('${IMAGE}') } },
    {
      name: 'Helm values with a tag',
      files: {
        'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n',
        'chart/values.yaml': 'image:\n  repository: ghcr.io/acme/web\n  tag: "1.0.0"\n',
      },
    },
    { name: 'values outside a chart are not Helm values', files: { 'values.yaml': 'image: nginx\n' } },
    {
      name: 'Helm templates are not parsed',
      files: {
        'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n',
        'chart/templates/d.yaml': deployment('{{ .Values.image }}'),
      },
    },
  ],
  invalid: [
    {
      name: 'latest',
      files: { 'd.yaml': deployment('nginx:latest') },
      errors: [
        {
          messageId: 'latest',
          line: 10,
          column: 18,
          data: { where: 'Deployment "web" container "web"', image: 'nginx:latest' },
        },
      ],
    },
    { name: 'no tag', files: { 'd.yaml': deployment('registry.local:5000/web') }, errors: [{ messageId: 'untagged' }] },
    {
      name: 'CronJob and init containers',
      files: {
        'c.yaml':
          'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: init\n              image: busybox\n          containers:\n            - name: job\n              image: alpine:3.20\n',
      },
      errors: [
        { messageId: 'untagged', line: 13, data: { where: 'CronJob "nightly" container "init"', image: 'busybox' } },
      ],
    },
    {
      name: 'Helm values: empty tag, latest, image string',
      files: {
        'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n',
        'chart/values-prod.yaml':
          'image:\n  repository: ghcr.io/acme/web\n  tag: ""\nsidecar:\n  image:\n    repository: envoy\n    tag: latest\nmigrate:\n  image: flyway\n',
      },
      errors: [
        { messageId: 'valuesUntagged', line: 3, data: { repository: 'ghcr.io/acme/web', key: 'image.tag' } },
        { messageId: 'valuesLatest', line: 7 },
        { messageId: 'untagged', line: 9 },
      ],
    },
  ],
});
