import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import { isNamespacedBuiltin } from '../src/manifests/api-resources.js';
import { repositoryCustomResourceScopes } from '../src/manifests/crd.js';
import { isArgoKind, isFluxKustomization, isHelmRelease } from '../src/manifests/gitops.js';
import { isKustomizationFile } from '../src/manifests/kustomize.js';
import { describeObject, fieldNode, objectsIn, stringAt, valueAt } from '../src/manifests/objects.js';
import { isTemplated } from '../src/manifests/templates.js';

export default defineRule({
  id: 'namespace-allowed',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Application resources stay in the namespaces that gitops.yaml allows, and never in the default namespace',
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    kinds: ['application'],
    schema: [],
    messages: {
      defaultNamespace:
        '{{subject}} uses the "default" namespace: give the application its own namespace, listed under namespaces in gitops.yaml',
      notAllowed:
        '{{subject}} uses namespace "{{namespace}}", which gitops.yaml does not allow (namespaces: {{allowed}}); use one of those, or ask the platform team to add it',
    },
  },
  defaultOptions: [],
  check(context) {
    const allowed = context.descriptor?.namespaces ?? [];
    // The repository's CRDs are searched for only when an object's kind is not built in: a commit
    // of Deployments and Services never asks for them.
    let customScopes: ReadonlyMap<string, boolean> | undefined;
    const customScope = (key: string): boolean | undefined =>
      (customScopes ??= repositoryCustomResourceScopes(context)).get(key);
    /** `node` gives where to report; it is looked up only when there is something to report. */
    const checkNamespace = (
      file: string,
      node: () => unknown,
      namespace: string | undefined,
      subject: string,
    ): void => {
      if (namespace === undefined || namespace === '' || isTemplated(namespace)) return;
      if (namespace !== 'default' && (allowed.length === 0 || allowed.includes(namespace))) return;
      const reportNode = node() as Parameters<typeof context.report>[0]['node'];
      if (namespace === 'default') {
        context.report({ file, node: reportNode, messageId: 'defaultNamespace', data: { subject } });
      } else if (allowed.length > 0 && !allowed.includes(namespace)) {
        context.report({
          file,
          node: reportNode,
          messageId: 'notAllowed',
          data: { subject, namespace, allowed: allowed.join(', ') },
        });
      }
    };
    for (const file of context.targetFiles) {
      if (!isKustomizationFile(file)) continue;
      const yaml = context.yaml(file);
      const document = yaml?.errors.length === 0 ? yaml.documents[0] : undefined;
      const namespace = valueAt(document?.value, ['namespace']);
      if (document && typeof namespace === 'string') {
        checkNamespace(
          file,
          () => document.document.get('namespace', true),
          namespace,
          `The kustomization in ${path.posix.dirname(file)}`,
        );
      }
    }
    for (const object of objectsIn(context, context.targetFiles)) {
      const subject = describeObject(object);
      const namespaced =
        isNamespacedBuiltin(object.apiVersion, object.kind) ?? customScope(`${object.group}/${object.kind}`);
      // Argo CD's own objects live in Argo CD's namespace; where they deploy is their destination.
      const isArgo =
        object.group === 'argoproj.io' && ['Application', 'ApplicationSet', 'AppProject'].includes(object.kind);
      if (namespaced !== false && !isArgo)
        checkNamespace(object.file, () => fieldNode(object.root, ['metadata', 'namespace']), object.namespace, subject);
      if (isFluxKustomization(object) || isHelmRelease(object)) {
        const target = stringAt(object.value, 'spec', 'targetNamespace');
        checkNamespace(
          object.file,
          () => fieldNode(object.root, ['spec', 'targetNamespace']),
          target,
          `${subject} (spec.targetNamespace)`,
        );
      }
      if (isArgoKind(object, 'Application')) {
        const destination = stringAt(object.value, 'spec', 'destination', 'namespace');
        checkNamespace(
          object.file,
          () => fieldNode(object.root, ['spec', 'destination', 'namespace']),
          destination,
          `${subject} (spec.destination.namespace)`,
        );
      }
    }
  },
});
