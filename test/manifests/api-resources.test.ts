import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_RESOURCES, clusterScopedBuiltins, isNamespacedBuiltin } from '../../src/manifests/api-resources.js';
import { deriveApiResources } from '../helpers/api-resources.js';

const file = path.resolve(import.meta.dirname, '../../src/manifests/kubernetes-api-resources.json');

describe('the built-in kinds and their scope', () => {
  it('are what the Kubernetes OpenAPI specification says (UPDATE_API_RESOURCES=1 regenerates them)', () => {
    const derived = deriveApiResources();
    const text = `${JSON.stringify(derived, null, 2)}\n`;
    if (process.env.UPDATE_API_RESOURCES === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('know the cluster-scoped kinds the issue names and the namespaced ones', () => {
    const cluster = clusterScopedBuiltins();
    for (const kind of [
      '/Namespace',
      '/PersistentVolume',
      '/Node',
      'apiextensions.k8s.io/CustomResourceDefinition',
      'rbac.authorization.k8s.io/ClusterRole',
      'rbac.authorization.k8s.io/ClusterRoleBinding',
      'storage.k8s.io/StorageClass',
      'scheduling.k8s.io/PriorityClass',
      'networking.k8s.io/IngressClass',
      'node.k8s.io/RuntimeClass',
      'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
      'admissionregistration.k8s.io/MutatingWebhookConfiguration',
      'apiregistration.k8s.io/APIService',
    ]) {
      expect(cluster).toContain(kind);
    }
    expect(isNamespacedBuiltin('apps/v1', 'Deployment')).toBe(true);
    expect(isNamespacedBuiltin('v1', 'Secret')).toBe(true);
    expect(isNamespacedBuiltin('networking.k8s.io/v1', 'NetworkPolicy')).toBe(true);
    expect(isNamespacedBuiltin('v1', 'Namespace')).toBe(false);
    expect(isNamespacedBuiltin('cert-manager.io/v1', 'ClusterIssuer')).toBeUndefined();
    expect(API_RESOURCES.resources.length).toBeGreaterThan(50);
  });
});
