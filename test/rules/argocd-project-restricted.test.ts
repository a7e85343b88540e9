import rule from '../../rules/argocd-project-restricted.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const project = (name: string, spec: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n${spec}`;
const application = (name: string, spec: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n${spec}`;
/** A cluster add-on as the platform team installs it: a chart from its vendor, cluster-wide. */
const addon = (name: string, namespace: string, project = 'default'): string =>
  application(
    name,
    `  project: ${project}\n  source:\n    repoURL: https://charts.jetstack.io\n    chart: ${name}\n    targetRevision: v1.16.2\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: ${namespace}\n`,
  );
const applicationRepo = 'kind: application\ntool: argocd\nname: checkout\n';
const infrastructureRepo = [
  'kind: infrastructure',
  'tool: argocd',
  'name: platform',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: checkout',
  '      team: "@acme/checkout"',
  '      namespaces: [checkout, checkout-jobs]',
  '      repository: https://github.com/acme/checkout.git',
  '',
].join('\n');
const wildcardProject = project(
  'checkout',
  "  sourceRepos:\n    - https://github.com/acme/checkout.git\n    - '*'\n  destinations:\n    - server: '*'\n      namespace: '*'\n  clusterResourceWhitelist:\n    - group: '*'\n      kind: '*'\n    - group: rbac.authorization.k8s.io\n      kind: '*'\n",
);

tester.run('argocd-project-restricted', rule, {
  valid: [
    {
      name: "a team's restricted project, the platform's own project and Applications in them",
      files: {
        'gitops.yaml': applicationRepo,
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
      files: { 'gitops.yaml': applicationRepo, 'p.yaml': project('infra', "  sourceRepos: ['*']\n") },
    },
    {
      // Argo CD's own repository, its examples and test data: whose teams these are is unknown.
      name: 'without a kind the rule does not run',
      files: { 'p.yaml': wildcardProject, 'a.yaml': addon('guestbook', 'default') },
    },
    {
      // The platform team's add-ons install cluster-wide components; the default project gives
      // them nothing a platform project would not.
      name: "infrastructure: the platform's add-ons in the default project",
      files: {
        'gitops.yaml': infrastructureRepo,
        'addons/cert-manager.yaml': addon('cert-manager', 'cert-manager'),
        'addons/appset.yaml': [
          'apiVersion: argoproj.io/v1alpha1',
          'kind: ApplicationSet',
          'metadata:',
          '  name: addons-metrics-server',
          'spec:',
          '  generators:',
          '    - clusters: {}',
          '  template:',
          "    metadata: { name: 'metrics-server-{{name}}' }",
          '    spec:',
          '      project: default',
          '      source: { repoURL: https://kubernetes-sigs.github.io/metrics-server, chart: metrics-server }',
          "      destination: { server: '{{server}}', namespace: kube-system }",
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'wildcards in a team project',
      files: { 'gitops.yaml': applicationRepo, 'p.yaml': wildcardProject },
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
      name: "infrastructure: a tenant's project with wildcards is reported as in an application repository",
      files: { 'gitops.yaml': infrastructureRepo, 'tenants/checkout.yaml': wildcardProject },
      errors: 5,
    },
    {
      name: 'application: Applications and ApplicationSets in the default project',
      files: {
        'gitops.yaml': applicationRepo,
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
    {
      name: "infrastructure: an Application in the default project that deploys a tenant's namespace or repository",
      files: {
        'gitops.yaml': infrastructureRepo,
        'addons/cert-manager.yaml': addon('cert-manager', 'cert-manager'),
        'tenants/checkout-jobs.yaml': addon('checkout-cron', 'checkout-jobs'),
        'tenants/checkout.yaml': application(
          'checkout',
          '  project: default\n  sources:\n    - repoURL: git@github.com:acme/checkout.git\n      path: deploy/overlays/prod\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: shop\n',
        ),
      },
      errors: [
        {
          messageId: 'tenantNamespaceInDefaultProject',
          file: 'tenants/checkout-jobs.yaml',
          line: 7,
          data: { object: 'Application "checkout-cron"', tenant: 'checkout', namespace: 'checkout-jobs' },
        },
        {
          messageId: 'tenantRepositoryInDefaultProject',
          file: 'tenants/checkout.yaml',
          line: 7,
          data: {
            object: 'Application "checkout"',
            tenant: 'checkout',
            repository: 'git@github.com:acme/checkout.git',
          },
        },
      ],
    },
  ],
});
