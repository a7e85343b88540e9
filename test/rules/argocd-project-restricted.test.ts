import rule from '../../rules/argocd-project-restricted.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const project = (name: string, spec: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n${spec}`;

tester.run('argocd-project-restricted', rule, {
  valid: [
    {
      name: "a team's restricted project, the platform's own project and Applications in them",
      files: {
        'projects/checkout.yaml': project(
          'checkout',
          '  sourceRepos: [https://github.com/acme/checkout.git]\n  destinations:\n    - server: https://kubernetes.default.svc\n      namespace: checkout\n  clusterResourceWhitelist: []\n',
        ),
        'projects/platform.yaml': project(
          'platform',
          "  sourceRepos: ['*']\n  destinations: [{ server: '*', namespace: '*' }]\n  clusterResourceWhitelist: [{ group: '*', kind: '*' }]\n",
        ),
        'apps/checkout.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: checkout }\nspec:\n  project: checkout\n',
      },
    },
    {
      name: 'platformProjects option',
      options: [{ platformProjects: ['infra'] }],
      files: { 'p.yaml': project('infra', "  sourceRepos: ['*']\n") },
    },
  ],
  invalid: [
    {
      name: 'wildcards in a team project',
      files: {
        'p.yaml': project(
          'checkout',
          "  sourceRepos:\n    - https://github.com/acme/checkout.git\n    - '*'\n  destinations:\n    - server: '*'\n      namespace: '*'\n  clusterResourceWhitelist:\n    - group: '*'\n      kind: '*'\n    - group: rbac.authorization.k8s.io\n      kind: '*'\n",
        ),
      },
      errors: [
        { messageId: 'wildcardSource', line: 9, data: { project: 'checkout' } },
        { messageId: 'wildcardDestination', line: 11, data: { project: 'checkout', field: 'server', index: 0 } },
        { messageId: 'wildcardDestination', line: 12, data: { project: 'checkout', field: 'namespace', index: 0 } },
        { messageId: 'wildcardClusterResource', line: 14, data: { project: 'checkout', index: 0, what: 'all' } },
        {
          messageId: 'wildcardClusterResource',
          line: 16,
          data: { project: 'checkout', index: 1, what: 'every kind of group "rbac.authorization.k8s.io" as' },
        },
      ],
    },
    {
      name: 'Applications and ApplicationSets in the default project',
      files: {
        'a.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: guestbook\nspec:\n  project: default\n',
        'b.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: clusters\nspec:\n  template:\n    spec:\n      project: default\n',
      },
      errors: [
        { messageId: 'defaultProject', file: 'a.yaml', line: 6, data: { object: 'Application "guestbook"' } },
        { messageId: 'defaultProject', file: 'b.yaml', line: 8 },
      ],
    },
  ],
});
