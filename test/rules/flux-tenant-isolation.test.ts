import rule from '../../rules/flux-tenant-isolation.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra =
  'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  applications:\n    - { name: dev-team, team: "@acme/dev-team", namespaces: [apps] }\n';
const kustomization = (namespace: string, spec: string): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: dev-team\n  namespace: ${namespace}\nspec:\n  interval: 5m\n  prune: true\n${spec}`;

tester.run('flux-tenant-isolation', rule, {
  valid: [
    {
      name: "a tenant's Kustomization as flux create tenant makes it, its patch, and the platform's own",
      files: {
        'gitops.yaml': infra,
        'tenants/base/dev-team/sync.yaml': kustomization(
          'apps',
          '  serviceAccountName: dev-team\n  sourceRef:\n    kind: GitRepository\n    name: dev-team\n',
        ),
        'tenants/staging/kustomization.yaml': 'resources: [../base/dev-team]\npatches:\n  - path: patch.yaml\n',
        'tenants/staging/patch.yaml':
          'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: dev-team, namespace: apps }\nspec:\n  path: ./staging\n',
        'clusters/staging/apps.yaml': kustomization(
          'flux-system',
          '  sourceRef: { kind: GitRepository, name: flux-system }\n  path: ./apps\n',
        ),
        'infrastructure/cert-manager.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: cert-manager, namespace: cert-manager }\nspec:\n  interval: 1h\n',
      },
    },
    {
      name: 'a tenant object in flux-system with a targetNamespace',
      files: {
        'gitops.yaml': infra,
        'tenants/a.yaml': kustomization(
          'flux-system',
          '  serviceAccountName: dev-team\n  targetNamespace: apps\n  sourceRef: { kind: GitRepository, name: dev-team }\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'no service account, no tenant namespace, a source in another namespace',
      files: {
        'gitops.yaml': infra,
        'tenants/dev-team.yaml': kustomization(
          'flux-system',
          '  sourceRef:\n    kind: GitRepository\n    name: dev-team\n    namespace: apps\n',
        ),
      },
      errors: [
        {
          messageId: 'missingTargetNamespace',
          line: 3,
          data: { object: 'Kustomization "dev-team"', where: 'it is in "flux-system"' },
        },
        { messageId: 'missingServiceAccount', line: 6 },
        {
          messageId: 'crossNamespaceSource',
          line: 12,
          data: { object: 'Kustomization "dev-team"', sourceNamespace: 'apps', namespace: 'flux-system' },
        },
      ],
    },
    {
      name: 'tenant objects found by namespace and label, and every Flux object of an application repository',
      files: {
        'gitops.yaml': infra,
        'clusters/dev-team.yaml': kustomization('apps', '  sourceRef: { kind: GitRepository, name: dev-team }\n'),
        'other/hr.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: x\n  namespace: team-x\n  labels: { toolkit.fluxcd.io/tenant: team-x }\nspec:\n  interval: 1h\n  chartRef: { kind: OCIRepository, name: x, namespace: flux-system }\n',
      },
      errors: [
        { messageId: 'missingServiceAccount', file: 'clusters/dev-team.yaml' },
        { messageId: 'missingServiceAccount', file: 'other/hr.yaml', line: 7 },
        { messageId: 'crossNamespaceSource', file: 'other/hr.yaml', line: 9 },
      ],
    },
    {
      name: 'an application repository',
      files: {
        'gitops.yaml': 'kind: application\ntool: flux\nname: a\n',
        'deploy/release.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: a }\nspec:\n  interval: 1h\n',
      },
      errors: [
        { messageId: 'missingTargetNamespace', line: 3, data: { object: 'HelmRelease "a"', where: 'it has none' } },
        { messageId: 'missingServiceAccount', line: 4 },
      ],
    },
  ],
});
