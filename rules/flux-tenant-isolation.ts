import picomatch from 'picomatch';
import { defineRule } from '../src/engine/rule.js';
import { FLUX_NAMESPACE, isFluxKustomization, isHelmRelease } from '../src/manifests/gitops.js';
import {
  describeObject,
  fieldNode,
  isRecord,
  objectsIn,
  patchFiles,
  stringAt,
  type KubernetesObject,
} from '../src/manifests/objects.js';

/** The label `flux create tenant` puts on a tenant's objects. */
const TENANT_LABEL = 'toolkit.fluxcd.io/tenant';

export default defineRule({
  id: 'flux-tenant-isolation',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Tenants' Flux Kustomizations and HelmReleases impersonate a service account, stay in a tenant namespace and use sources of their own namespace",
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          tenantPaths: {
            description: 'Globs of the infrastructure repository files that onboard tenants.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
        },
      },
    ],
    messages: {
      missingServiceAccount:
        "{{object}} belongs to a tenant but sets no spec.serviceAccountName, so Flux reconciles it with the controller's cluster-wide rights: impersonate the tenant's service account",
      missingTargetNamespace:
        "{{object}} belongs to a tenant but has no tenant namespace: set spec.targetNamespace, or put it in the tenant's namespace ({{where}})",
      crossNamespaceSource:
        '{{object}} uses a source in namespace "{{sourceNamespace}}" from namespace "{{namespace}}": a tenant uses only sources of its own namespace',
    },
  },
  defaultOptions: [{ tenantPaths: ['tenants/**'] as string[] }],
  check(context, [options]) {
    // Compiled once per run: the rule runs once per chunk of files (per file with --cache).
    const isTenantPath = context.shared(`flux-tenant-isolation:${JSON.stringify(options.tenantPaths)}`, () =>
      picomatch(options.tenantPaths, { dot: true }),
    );
    const tenantNamespaces = new Set<string>();
    for (const tenant of context.descriptor?.teams?.applications ?? [])
      for (const namespace of tenant.namespaces ?? []) tenantNamespaces.add(namespace);
    const isTenant = (object: KubernetesObject): boolean =>
      context.kind === 'application' ||
      isTenantPath(object.file) ||
      stringAt(object.value, 'metadata', 'labels', TENANT_LABEL) !== undefined ||
      (object.namespace !== undefined && tenantNamespaces.has(object.namespace));
    for (const object of objectsIn(context, context.targetFiles)) {
      if (!isFluxKustomization(object) && !isHelmRelease(object)) continue;
      // A patch is merged into an object defined elsewhere, which carries the settings.
      if (!isTenant(object) || patchFiles(context).has(object.file)) continue;
      const spec = isRecord(object.value.spec) ? object.value.spec : {};
      const data = {
        object: describeObject(object),
        where: object.namespace === undefined ? 'it has none' : `it is in "${object.namespace}"`,
      };
      if (typeof spec.serviceAccountName !== 'string' || spec.serviceAccountName === '') {
        context.report({
          file: object.file,
          node: fieldNode(object.root, ['spec']) ?? fieldNode(object.root, ['kind']),
          messageId: 'missingServiceAccount',
          data,
        });
      }
      const hasTargetNamespace = typeof spec.targetNamespace === 'string' && spec.targetNamespace !== '';
      if (
        !hasTargetNamespace &&
        (object.namespace === undefined || object.namespace === FLUX_NAMESPACE || object.namespace === 'default')
      ) {
        context.report({
          file: object.file,
          node: fieldNode(object.root, ['metadata']) ?? fieldNode(object.root, ['kind']),
          messageId: 'missingTargetNamespace',
          data,
        });
      }
      const sourceKeys = isHelmRelease(object)
        ? stringAt(spec, 'chartRef', 'namespace') !== undefined
          ? ['spec', 'chartRef', 'namespace']
          : ['spec', 'chart', 'spec', 'sourceRef', 'namespace']
        : ['spec', 'sourceRef', 'namespace'];
      const sourceNamespace = stringAt(object.value, ...sourceKeys);
      if (sourceNamespace !== undefined && object.namespace !== undefined && sourceNamespace !== object.namespace) {
        context.report({
          file: object.file,
          node: fieldNode(object.root, sourceKeys),
          messageId: 'crossNamespaceSource',
          data: { object: describeObject(object), sourceNamespace, namespace: object.namespace },
        });
      }
    }
  },
});
