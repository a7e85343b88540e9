import rule from '../../rules/image-tag-pinned.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

/** A chart as `helm create` writes it: the image tag defaults to the chart's appVersion. */
const chartYaml = (appVersion: string | undefined): string =>
  `apiVersion: v2\nname: web\ntype: application\nversion: 0.1.0\n${appVersion === undefined ? '' : `appVersion: ${appVersion}\n`}`;
const helmCreateValues =
  'replicaCount: 1\nimage:\n  repository: nginx\n  pullPolicy: IfNotPresent\n  # Overrides the image tag whose default is the chart appVersion.\n  tag: ""\n';
const DIGEST = `sha256:${'4'.repeat(64)}`;

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
      name: "a template file's images are what it renders them to",
      files: { 'fn/deployment.template.yaml': deployment('nginx:latest'), 'fn/job.tmpl.yaml': deployment('alpine') },
    },
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
    {
      name: "Helm values: an empty tag takes the chart's fixed appVersion",
      files: {
        'charts/web/Chart.yaml': chartYaml('"1.16.0"'),
        'charts/web/values.yaml': helmCreateValues,
        'charts/web/values-prod.yaml': 'image:\n  tag:\n',
        'charts/exporter/Chart.yaml': chartYaml('v0.28.0'),
        'charts/operator/Chart.yaml': chartYaml(undefined),
        'charts/operator/values.yaml':
          'upgradeJob:\n  image:\n    registry: docker.io\n    repository: busybox\n    tag: latest\n    sha: "' +
          DIGEST.slice('sha256:'.length) +
          '"\n',
        'charts/exporter/values.yaml':
          'image:\n  registry: quay.io\n  repository: prometheus/exporter\n  # if not set appVersion field from Chart.yaml is used\n  tag: ""\n  sha: ""\n',
      },
    },
    {
      name: "kustomize: the directory's kustomization sets the tag (newTag) or the digest",
      files: {
        'app/kustomization.yaml':
          'resources:\n  - deployment.yaml\n  - worker.yaml\nimages:\n  - name: my-app\n    newName: ghcr.io/acme/my-app\n    newTag: 1.4.2\n  - name: ghcr.io/acme/worker\n    digest: ' +
          DIGEST +
          '\n',
        'app/deployment.yaml': deployment('my-app'),
        'app/worker.yaml': deployment('ghcr.io/acme/worker:latest'),
      },
    },
    {
      name: 'kustomize: every overlay that builds the base pins the image, through a newName of the base',
      files: {
        'base/kustomization.yaml':
          'resources:\n  - deployment.yaml\nimages:\n  - name: web\n    newName: registry.example.com/shop/web\n',
        'base/deployment.yaml': deployment('web'),
        'overlays/staging/kustomization.yaml':
          'resources:\n  - ../../base\nimages:\n  - name: registry.example.com/shop/web\n    newTag: 2.1.0-rc.1\n',
        'overlays/production/kustomization.yaml':
          'resources:\n  - ../../base\nimages:\n  - name: registry.example.com/shop/web\n    newTag: 2.0.3\n',
      },
    },
    {
      name: 'kustomize: a patch that adds a container whose image the kustomization pins',
      files: {
        'kustomization.yaml':
          'resources:\n  - deployment.yaml\npatches:\n  - path: sidecar.yaml\nimages:\n  - name: envoyproxy/envoy\n    newTag: v1.32.1\n',
        'deployment.yaml': deployment('nginx:1.27.3'),
        'sidecar.yaml': deployment('envoyproxy/envoy'),
      },
    },
    {
      // Not an image reference: something replaces it before anything is pulled (a CI step,
      // kustomize, a documentation reader); Kubernetes leaves Deployment images optional for that.
      name: 'placeholders',
      files: {
        'a.yaml': deployment('<image_url>'),
        'b.yaml': deployment('REPLACE_WITH_IMAGE'),
        'c.yaml': deployment('""'),
        'chart/Chart.yaml': chartYaml(undefined),
        'chart/values.yaml': 'migrate:\n  image: <your-registry>/flyway\n',
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
      name: 'a file named like a template only by part of its name is a manifest',
      files: { 'fn/template.yaml': deployment('nginx:latest') },
      errors: [{ messageId: 'latest' }],
    },
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
      name: 'Helm values: an empty tag in a chart without an appVersion, or with appVersion latest',
      files: {
        'charts/web/Chart.yaml': chartYaml(undefined),
        'charts/web/values.yaml': helmCreateValues,
        'charts/api/Chart.yaml': chartYaml('latest'),
        'charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: ""\n',
      },
      errors: [
        {
          messageId: 'valuesAppVersionLatest',
          file: 'charts/api/values.yaml',
          line: 3,
          data: { repository: 'ghcr.io/acme/api', key: 'image.tag' },
        },
        {
          messageId: 'valuesNoAppVersion',
          file: 'charts/web/values.yaml',
          line: 6,
          data: { repository: 'nginx', key: 'image.tag' },
        },
      ],
    },
    {
      name: 'kustomize: one overlay pins the base image, another deploys it untagged',
      files: {
        'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'base/deployment.yaml': deployment('ghcr.io/acme/web'),
        'overlays/production/kustomization.yaml':
          'resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 2.0.3\n',
        'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
      },
      errors: [{ messageId: 'untagged', file: 'base/deployment.yaml', line: 10 }],
    },
    {
      name: 'kustomize: images for another name, a newName without a tag, and newTag latest',
      files: {
        'app/kustomization.yaml':
          'resources:\n  - deployment.yaml\n  - worker.yaml\n  - cron.yaml\nimages:\n  - name: nginx\n    newTag: 1.27.3\n  - name: worker\n    newName: ghcr.io/acme/worker\n  - name: ghcr.io/acme/cron\n    newTag: latest\n',
        'app/deployment.yaml': deployment('my-app'),
        'app/worker.yaml': deployment('worker'),
        'app/cron.yaml': deployment('ghcr.io/acme/cron:1.0.0'),
      },
      errors: [
        {
          messageId: 'untagged',
          file: 'app/deployment.yaml',
          data: { where: 'Deployment "web" container "web"', image: 'my-app' },
        },
        {
          messageId: 'kustomizeLatest',
          file: 'app/kustomization.yaml',
          line: 11,
          data: { name: 'ghcr.io/acme/cron', index: 2 },
        },
        { messageId: 'untagged', file: 'app/worker.yaml' },
      ],
    },
    {
      name: 'an image reference is not a placeholder because it is short or unusual',
      files: { 'a.yaml': deployment('registry.example.com:5000/my_team/app'), 'b.yaml': deployment('"nginx:"') },
      errors: [
        { messageId: 'untagged', file: 'a.yaml' },
        { messageId: 'untagged', file: 'b.yaml' },
      ],
    },
    {
      name: 'Helm values: empty tag without appVersion, latest, image string, repository without a tag',
      files: {
        'chart/Chart.yaml': 'name: c\nversion: 1.0.0\n',
        'chart/values-prod.yaml':
          'image:\n  repository: ghcr.io/acme/web\n  tag: ""\nsidecar:\n  image:\n    repository: envoy\n    tag: latest\nmigrate:\n  image: flyway\nproxy:\n  image:\n    repository: haproxy\n',
      },
      errors: [
        { messageId: 'valuesNoAppVersion', line: 3, data: { repository: 'ghcr.io/acme/web', key: 'image.tag' } },
        { messageId: 'valuesLatest', line: 7 },
        { messageId: 'untagged', line: 9 },
        { messageId: 'valuesUntagged', line: 12, data: { repository: 'haproxy', key: 'proxy.image.tag' } },
      ],
    },
  ],
});
