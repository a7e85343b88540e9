import data from './kubernetes-api-resources.json' with { type: 'json' };

/** One built-in kind of the Kubernetes API and whether its objects live in a namespace. */
export interface ApiResource {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

export interface ApiResourceList {
  /** Where the list comes from and how to regenerate it. */
  source: string;
  resources: ApiResource[];
}

/**
 * Kubernetes' built-in kinds with their scope, derived from the Kubernetes OpenAPI
 * specification (through @kubernetes/client-node's generated API; see
 * test/manifests/api-resources.test.ts), not written by hand.
 */
export const API_RESOURCES: ApiResourceList = data;

/** The API group of an apiVersion: `''` for the core group (`v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

const scopeByGroupKind = new Map<string, boolean>();
for (const resource of API_RESOURCES.resources) {
  scopeByGroupKind.set(`${apiGroup(resource.apiVersion)}/${resource.kind}`, resource.namespaced);
}

/**
 * Whether a built-in kind is namespaced: true or false for a kind of the Kubernetes API (any
 * version of its group), undefined for a kind Kubernetes does not define, such as a custom resource.
 */
export function isNamespacedBuiltin(apiVersion: string, kind: string): boolean | undefined {
  return scopeByGroupKind.get(`${apiGroup(apiVersion)}/${kind}`);
}

/** The built-in cluster-scoped kinds, as `group/Kind` (`/Namespace` for the core group). */
export function clusterScopedBuiltins(): string[] {
  return [...scopeByGroupKind]
    .filter(([, namespaced]) => !namespaced)
    .map(([key]) => key)
    .sort();
}
