import rule from '../../rules/namespace-allowed.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const app = 'kind: application\ntool: flux\nname: checkout\nnamespaces: [checkout, checkout-jobs]\n';

tester.run('namespace-allowed', rule, {
  valid: [
    {
      name: 'allowed namespaces, cluster-scoped objects and Argo CD objects in argocd',
      files: {
        'gitops.yaml': app,
        'a.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a, namespace: checkout }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: default }\n',
        'app.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: a, namespace: argocd }\nspec:\n  destination: { namespace: checkout-jobs }\n',
        'kustomization.yaml': 'namespace: checkout\nresources: [a.yaml]\n',
        'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b, namespace: "${NAMESPACE}" }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the default namespace and namespaces gitops.yaml does not list',
      files: {
        'gitops.yaml': app,
        'a.yaml':
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: default\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: payments\n',
        'overlays/prod/kustomization.yaml': 'namespace: payments\nresources: []\n',
        'hr.yaml':
          'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: c, namespace: checkout }\nspec:\n  targetNamespace: default\n',
        'app.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: d, namespace: argocd }\nspec:\n  destination:\n    namespace: kube-system\n',
      },
      errors: [
        { messageId: 'defaultNamespace', file: 'a.yaml', line: 5, data: { subject: 'Service "a"' } },
        {
          messageId: 'notAllowed',
          file: 'a.yaml',
          line: 11,
          data: { subject: 'ConfigMap "b"', namespace: 'payments', allowed: 'checkout, checkout-jobs' },
        },
        { messageId: 'notAllowed', file: 'app.yaml', line: 6 },
        { messageId: 'defaultNamespace', file: 'hr.yaml', line: 5 },
        { messageId: 'notAllowed', file: 'overlays/prod/kustomization.yaml', line: 1 },
      ],
    },
  ],
});
