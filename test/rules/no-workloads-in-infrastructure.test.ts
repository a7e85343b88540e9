import rule from '../../rules/no-workloads-in-infrastructure.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'teams:',
  '  applications:',
  '    - { name: checkout, team: "@acme/checkout", namespaces: [checkout] }',
  'platform:',
  '  workloads:',
  '    namespaces: [ingress-nginx]',
  "    paths: ['infrastructure/monitoring/**']",
  '',
].join('\n');
const deployment = (namespace?: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}`;

tester.run('no-workloads-in-infrastructure', rule, {
  valid: [
    {
      name: "the GitOps tools' and listed components' workloads",
      files: {
        'gitops.yaml': infra,
        'clusters/prod/flux-system/gotk-components.yaml': deployment('flux-system'),
        'infrastructure/ingress/deployment.yaml': deployment('ingress-nginx'),
        'infrastructure/monitoring/exporter.yaml': `${deployment('monitoring')}---\napiVersion: batch/v1\nkind: CronJob\nmetadata: { name: c, namespace: monitoring }\n`,
        'infrastructure/ingress2/kustomization.yaml': 'namespace: ingress-nginx\nresources: [deployment.yaml]\n',
        'infrastructure/ingress2/deployment.yaml': deployment(),
        'infrastructure/apps/podinfo.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: podinfo, namespace: podinfo }\n',
      },
    },
    {
      name: 'application repositories are not checked',
      files: { 'gitops.yaml': 'kind: application\ntool: flux\nname: a\n', 'd.yaml': deployment('a') },
    },
  ],
  invalid: [
    {
      name: "a workload outside the platform's components, and one in a tenant's namespace",
      files: {
        'gitops.yaml': infra,
        'apps/web.yaml': `${deployment('web')}---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: checkout\n`,
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: debug }\n',
      },
      errors: [
        {
          messageId: 'workload',
          file: 'apps/web.yaml',
          line: 2,
          data: { object: 'Deployment "web"', namespace: 'web' },
        },
        {
          messageId: 'tenantWorkload',
          file: 'apps/web.yaml',
          line: 8,
          data: { object: 'Job "migrate"', namespace: 'checkout', tenant: 'checkout' },
        },
        { messageId: 'workload', file: 'pod.yaml', data: { object: 'Pod "debug"', namespace: 'default' } },
      ],
    },
  ],
});
