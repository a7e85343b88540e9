import rule from '../../rules/gitops-path-exists.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const bootstrap =
  'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: ssh://git@github.com/acme/fleet\n';
const ks = (path: string, source = 'flux-system'): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n  path: ${path}\n`;

tester.run('gitops-path-exists', rule, {
  valid: [
    {
      name: 'paths that exist, from the bootstrap GitRepository; other sources are not checked',
      files: {
        'clusters/prod/flux-system/gotk-sync.yaml': bootstrap,
        'clusters/prod/apps.yaml': `${ks('./apps/prod')}---\n${ks('./elsewhere', 'other-repo')}---\n${ks('./apps/${ENV}')}`,
        'apps/prod/kustomization.yaml': 'resources: []\n',
        'clusters/prod/chart.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: c, namespace: flux-system }\nspec:\n  chart:\n    spec:\n      chart: ./charts/web\n      sourceRef: { kind: GitRepository, name: flux-system }\n',
        'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      },
    },
    {
      name: 'Argo CD paths of this repository by its URL, and Helm repository charts',
      files: {
        'gitops.yaml':
          'kind: infrastructure\ntool: argocd\nname: p\nrepositoryUrl: https://github.com/acme/platform.git\n',
        'root.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: root }\nspec:\n  source:\n    repoURL: git@github.com:acme/platform.git\n    path: apps\n  sources:\n    - repoURL: https://charts.example.org\n      chart: web\n    - repoURL: https://github.com/acme/other\n      path: nowhere\n',
        'apps/a.yaml': 'a: 1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a missing Kustomization path, chart and Application path',
      files: {
        'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: p\nrepositoryUrl: https://github.com/acme/fleet\n',
        'clusters/prod/flux-system/gotk-sync.yaml': bootstrap,
        'clusters/prod/apps.yaml': ks('./apps/production'),
        'clusters/prod/chart.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: c, namespace: flux-system }\nspec:\n  chart:\n    spec:\n      chart: ./charts\n      sourceRef: { kind: GitRepository, name: flux-system }\n',
        'charts/README.md': 'charts\n',
        'root.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: root }\nspec:\n  sources:\n    - repoURL: https://github.com/acme/fleet.git\n      path: ../outside\n',
      },
      errors: [
        {
          messageId: 'missing',
          file: 'clusters/prod/apps.yaml',
          line: 10,
          data: { object: 'Kustomization "apps"', field: 'spec.path', value: './apps/production' },
        },
        { messageId: 'notAChart', file: 'clusters/prod/chart.yaml', line: 7 },
        { messageId: 'outside', file: 'root.yaml', line: 7 },
      ],
    },
  ],
});
