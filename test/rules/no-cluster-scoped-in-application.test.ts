import rule from '../../rules/no-cluster-scoped-in-application.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const app =
  'kind: application\ntool: argocd\nname: checkout\nnamespaces: [checkout]\nplatform:\n  kinds: [NetworkPolicy, ResourceQuota]\n';

tester.run('no-cluster-scoped-in-application', rule, {
  valid: [
    {
      name: 'namespaced objects',
      files: {
        'gitops.yaml': app,
        'deploy/app.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a, namespace: checkout }\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r }\n',
      },
    },
    {
      name: 'infrastructure repositories may hold cluster-scoped objects',
      files: {
        'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\n',
        'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'built-in cluster-scoped kinds, from the Kubernetes API',
      files: {
        'gitops.yaml': app,
        'deploy/cluster.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata: { name: checkout }\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: b }\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: { name: fast }\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: { name: w }\n',
      },
      errors: [
        { messageId: 'clusterScoped', line: 2, data: { object: 'Namespace "checkout"', apiVersion: 'v1' } },
        { messageId: 'clusterScoped', line: 6 },
        { messageId: 'clusterScoped', line: 10 },
        { messageId: 'clusterScoped', line: 14 },
      ],
    },
    {
      name: 'a custom resource whose CRD in the repository is cluster-scoped, and the CRD itself',
      files: {
        'gitops.yaml': app,
        'crd.yaml':
          'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: issuers.example.org }\nspec:\n  group: example.org\n  scope: Cluster\n  names: { kind: GlobalIssuer, plural: globalissuers }\n  versions: [{ name: v1, served: true, storage: true }]\n',
        'issuer.yaml': 'apiVersion: example.org/v1\nkind: GlobalIssuer\nmetadata: { name: i }\n',
      },
      errors: [
        { messageId: 'clusterScoped', file: 'crd.yaml' },
        { messageId: 'clusterScoped', file: 'issuer.yaml' },
      ],
    },
    {
      name: "the platform team's kinds from gitops.yaml",
      files: {
        'gitops.yaml': app,
        'np.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: allow-all, namespace: checkout }\n',
      },
      errors: [
        { messageId: 'platformKind', line: 2, data: { object: 'NetworkPolicy "allow-all"', kind: 'NetworkPolicy' } },
      ],
    },
  ],
});
