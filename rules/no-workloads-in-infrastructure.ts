import path from 'node:path';
import picomatch from 'picomatch';
import { defineRule } from '../src/engine/rule.js';
import { FLUX_NAMESPACE } from '../src/manifests/gitops.js';
import { KUSTOMIZATION_FILE_NAMES } from '../src/manifests/kustomize.js';
import { describeObject, fieldNode, objectsIn, valueAt } from '../src/manifests/objects.js';
import { isWorkloadKind } from '../src/manifests/workloads.js';

/** Namespaces of the cluster's own and the GitOps tools' components, where the platform runs workloads. */
const SYSTEM_NAMESPACES = ['kube-system', FLUX_NAMESPACE, 'argocd'] as const;

export default defineRule({
  id: 'no-workloads-in-infrastructure',
  meta: {
    type: 'problem',
    docs: {
      description:
        'The infrastructure repository runs no application workloads, only the platform components that gitops.yaml lists',
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    kinds: ['infrastructure'],
    schema: [],
    messages: {
      workload:
        '{{object}} is a workload in namespace "{{namespace}}": application workloads belong in their application repository; if it is a platform component, list its namespace or path under platform.workloads in gitops.yaml',
      tenantWorkload:
        '{{object}} runs in namespace "{{namespace}}" of application team "{{tenant}}": it belongs in that team\'s repository',
    },
  },
  defaultOptions: [],
  check(context) {
    const descriptor = context.descriptor;
    const allowedNamespaces = new Set<string>([
      ...SYSTEM_NAMESPACES,
      ...(descriptor?.platform?.workloads?.namespaces ?? []),
    ]);
    const paths = descriptor?.platform?.workloads?.paths ?? [];
    // Compiled once per run: the rule runs once per chunk of files (per file with --cache).
    const isAllowedPath =
      paths.length > 0
        ? context.shared(`no-workloads-in-infrastructure:${JSON.stringify(paths)}`, () =>
            picomatch(paths, { dot: true }),
          )
        : () => false;
    const tenantOf = new Map<string, string>();
    for (const tenant of descriptor?.teams?.applications ?? []) {
      for (const namespace of tenant.namespaces ?? []) tenantOf.set(namespace, tenant.name);
    }
    // kustomize's `namespace:` in the directory's kustomization sets the namespace of objects without one.
    const directoryNamespace = (file: string): string | undefined => {
      const directory = path.posix.dirname(file);
      for (const name of KUSTOMIZATION_FILE_NAMES) {
        const yaml = context.yaml(directory === '.' ? name : `${directory}/${name}`);
        const namespace = yaml?.errors.length === 0 ? valueAt(yaml.documents[0]?.value, ['namespace']) : undefined;
        if (typeof namespace === 'string') return namespace;
      }
      return undefined;
    };
    for (const object of objectsIn(context, context.targetFiles)) {
      if (!isWorkloadKind(object.group, object.kind)) continue;
      const namespace = object.namespace ?? directoryNamespace(object.file) ?? 'default';
      const tenant = tenantOf.get(namespace);
      if (tenant !== undefined) {
        context.report({
          file: object.file,
          node: fieldNode(object.root, ['kind']),
          messageId: 'tenantWorkload',
          data: { object: describeObject(object), namespace, tenant },
        });
        continue;
      }
      if (allowedNamespaces.has(namespace) || isAllowedPath(object.file)) continue;
      context.report({
        file: object.file,
        node: fieldNode(object.root, ['kind']),
        messageId: 'workload',
        data: { object: describeObject(object), namespace },
      });
    }
  },
});
