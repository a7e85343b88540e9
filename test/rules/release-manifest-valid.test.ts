import rule from '../../rules/release-manifest-valid.js';
import { RuleTester } from '../../src/testing/index.js';
import { infra, lineRelease, manifest, tenants } from './release-rules.fixtures.js';

/** A Flux HelmRelease kept in releases/, as Flux's example repositories once laid them out. */
const HELM_RELEASE = [
  'apiVersion: helm.toolkit.fluxcd.io/v2',
  'kind: HelmRelease',
  'metadata:',
  '  name: podinfo',
  '  namespace: podinfo',
  'spec:',
  '  interval: 10m',
  '  chart:',
  '    spec:',
  '      chart: podinfo',
  '      version: 6.7.1',
  '      sourceRef: { kind: HelmRepository, name: podinfo, namespace: flux-system }',
  '  values:',
  '    replicaCount: 2',
  '',
].join('\n');

const tester = new RuleTester();

tester.run('release-manifest-valid', rule, {
  valid: [
    {
      name: 'the minimal format',
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml':
          'release:\n  application_version: 1.5.3\n  infrastructure_version: 2.1.0\n',
      },
    },
    {
      name: 'every optional field',
      files: {
        'gitops.yaml': infra,
        'releases/release-1.5.3-2.1.0.yaml': manifest(`
name: release-1.5.3-2.1.0
application_version: 1.5.3
infrastructure_version: 2.1.0
components:
  search: 0.4.0
created: 2026-11-26T10:00:00Z
environment: production
status: promoted
application_team: "@acme/shop"
approvals:
  - team: "@acme/platform"
    approver: alice
    time: 2026-11-26T11:00:00Z
promoted: 2026-11-26T12:00:00Z
notes: first release`),
      },
    },
    { name: 'README in releases/ is not a manifest', files: { 'releases/README.md': '# Releases\n' } },
    {
      name: 'without gitops.yaml, a Flux HelmRelease, its kustomization and values in releases/ are not release manifests',
      files: {
        'releases/podinfo.yaml': HELM_RELEASE,
        'releases/kustomization.yaml': 'resources:\n  - podinfo.yaml\n',
        'releases/podinfo-values.yaml': 'replicaCount: 2\n',
        'releases/broken.yaml': 'a: [1\n',
      },
    },
    {
      name: 'with gitops.yaml, Kubernetes objects in releases/ are not release manifests',
      files: {
        'gitops.yaml': infra,
        'releases/podinfo.yaml': `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: { name: podinfo }\nspec:\n  url: https://stefanprodan.github.io/podinfo\n---\n${HELM_RELEASE}`,
        'releases/kustomization.yaml': 'resources:\n  - podinfo.yaml\n',
      },
    },
    {
      name: 'configured directory',
      files: { 'gitops.yaml': `${infra}releases:\n  directory: deploy/releases\n`, 'releases/other.yaml': 'a: 1\n' },
    },
  ],
  invalid: [
    {
      name: 'a version beyond what semver can compare',
      files: {
        'releases/release-99999999999999999999999.0.0-2.1.0.yaml':
          'release:\n  application_version: 99999999999999999999999.0.0\n  infrastructure_version: 2.1.0\n',
      },
      errors: [
        {
          messageId: 'invalid',
          line: 2,
          data: {
            problem:
              'application_version "99999999999999999999999.0.0" has a number above 9007199254740991, the largest gitops-init can compare',
          },
        },
      ],
    },
    {
      name: 'versions and unknown fields, at their lines',
      files: {
        'releases/release-x.yaml':
          'release:\n  application_version: v1.5\n  infrastructure_version: 2.1.0\n  approvers: [alice]\n',
      },
      errors: [
        {
          messageId: 'invalid',
          line: 2,
          data: {
            problem:
              '"release.application_version" is "v1.5", not a semantic version (major.minor.patch, no leading v)',
          },
        },
        { messageId: 'invalid', line: 4 },
      ],
    },
    {
      name: 'a number is not a version',
      files: { 'releases/r.yaml': 'release:\n  application_version: 1.5\n  infrastructure_version: 2.1.0\n' },
      errors: [
        { messageId: 'invalid', line: 2, data: { problem: '"release.application_version" must be of type string' } },
      ],
    },
    {
      name: 'with gitops.yaml, every other YAML file in releases/ is a release manifest: a missing release mapping',
      files: { 'gitops.yaml': infra, 'releases/r.yaml': 'application_version: 1.0.0\n' },
      errors: 2,
    },
    {
      name: 'without gitops.yaml, a file with a top-level release key beside a HelmRelease is a release manifest',
      files: {
        'releases/podinfo.yaml': HELM_RELEASE,
        'releases/release-1.5-2.1.0.yaml': 'release:\n  application_version: 1.5\n  infrastructure_version: 2.1.0\n',
      },
      errors: [
        {
          messageId: 'invalid',
          file: 'releases/release-1.5-2.1.0.yaml',
          line: 2,
          data: { problem: '"release.application_version" must be of type string' },
        },
      ],
    },
    {
      name: 'two documents',
      files: { 'releases/r.yaml': 'release: {}\n---\nrelease: {}\n' },
      errors: [{ messageId: 'oneDocument' }],
    },
  ],
});

const perApplication = new RuleTester();

perApplication.run('release-manifest-valid', rule, {
  valid: [
    {
      name: "per application: manifests in the applications' directories, a HelmRelease and Helm values beside them",
      files: {
        'gitops.yaml': tenants,
        ...lineRelease('payments', '1.5.3', '2.1.0', 'status: candidate'),
        ...lineRelease('orders', '1.5.3', '2.1.0'),
        'releases/orders/podinfo.yaml': HELM_RELEASE,
        'releases/podinfo/values.yaml': 'replicaCount: 2\n',
      },
    },
  ],
  invalid: [
    {
      name: "per application: an invalid manifest in an application's directory",
      files: {
        'gitops.yaml': tenants,
        'releases/orders/release-1.5.3-2.1.0.yaml': manifest(
          'application: Orders\napplication_version: 1.5.3\ninfrastructure_version: v2.1.0',
        ),
      },
      errors: [
        { messageId: 'invalid', file: 'releases/orders/release-1.5.3-2.1.0.yaml', line: 2 },
        { messageId: 'invalid', file: 'releases/orders/release-1.5.3-2.1.0.yaml', line: 4 },
      ],
    },
    {
      name: "per application: with gitops.yaml, every other YAML file in an application's directory is a release manifest",
      files: { 'gitops.yaml': tenants, 'releases/payments/notes.yaml': 'notes: hello\n' },
      errors: [
        { messageId: 'invalid', file: 'releases/payments/notes.yaml' },
        { messageId: 'invalid', file: 'releases/payments/notes.yaml' },
      ],
    },
    {
      name: 'per application: a release manifest in a directory of no application is still checked',
      files: {
        'gitops.yaml': tenants,
        'releases/billing/release-1.0.0-1.0.0.yaml': manifest(
          'application_version: 1.0\ninfrastructure_version: 1.0.0',
        ),
      },
      errors: [{ messageId: 'invalid', file: 'releases/billing/release-1.0.0-1.0.0.yaml', line: 2 }],
    },
  ],
});
