import { defineRule } from '../src/engine/rule.js';
import { isNamespacedBuiltin } from '../src/manifests/api-resources.js';
import { repositoryCustomResourceScopes } from '../src/manifests/crd.js';
import { describeObject, fieldNode, objectsIn } from '../src/manifests/objects.js';

export default defineRule({
  id: 'no-cluster-scoped-in-application',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Application repositories contain no cluster-scoped objects and none of the kinds gitops.yaml reserves for the platform team',
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    kinds: ['application'],
    schema: [],
    messages: {
      clusterScoped:
        '{{object}} is cluster-scoped ({{apiVersion}}): it affects every team on the cluster, so it belongs in the infrastructure repository',
      platformKind:
        '{{object}} is a {{kind}}, which gitops.yaml reserves for the platform team (platform.kinds): move it to the infrastructure repository',
    },
  },
  defaultOptions: [],
  check(context) {
    // The repository's CRDs are searched for only when an object's kind is not built in: a commit
    // of Deployments and Services never asks for them.
    let customScopes: ReadonlyMap<string, boolean> | undefined;
    const customScope = (key: string): boolean | undefined =>
      (customScopes ??= repositoryCustomResourceScopes(context)).get(key);
    const reserved = new Set(context.descriptor?.platform?.kinds ?? []);
    for (const object of objectsIn(context, context.targetFiles)) {
      const node = fieldNode(object.root, ['kind']);
      const data = { object: describeObject(object), apiVersion: object.apiVersion, kind: object.kind };
      const namespaced =
        isNamespacedBuiltin(object.apiVersion, object.kind) ?? customScope(`${object.group}/${object.kind}`);
      if (namespaced === false) {
        context.report({ file: object.file, node, messageId: 'clusterScoped', data });
      } else if (reserved.has(object.kind) || reserved.has(`${object.group}/${object.kind}`)) {
        context.report({ file: object.file, node, messageId: 'platformKind', data });
      }
    }
  },
});
