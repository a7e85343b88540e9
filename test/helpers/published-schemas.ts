/**
 * Validates Kubernetes objects against the schemas published in npm packages: kubernetes-models
 * for built-in kinds and @kubernetes-models/* for Argo CD, Flux, Sealed Secrets and External
 * Secrets. Used by tests to check what the scaffolder generates, independently of our own rules.
 */
interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

/** @kubernetes-models/flux-cd 4.0.0 has no helm.toolkit.fluxcd.io/v2: its newest HelmRelease schema is v2beta2. */
export const HELM_RELEASE_FALLBACK = 'helm.toolkit.fluxcd.io/v2beta2';

function modulePath(apiVersion: string, kind: string): { path: string; apiVersion: string } | undefined {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  if (group === '') return { path: `kubernetes-models/v1/${kind}`, apiVersion };
  if (group === 'argoproj.io') return { path: `@kubernetes-models/argo-cd/${group}/${version}/${kind}`, apiVersion };
  if (group === 'helm.toolkit.fluxcd.io' && version === 'v2') {
    return { path: `@kubernetes-models/flux-cd/${HELM_RELEASE_FALLBACK}/${kind}`, apiVersion: HELM_RELEASE_FALLBACK };
  }
  if (group.endsWith('.toolkit.fluxcd.io'))
    return { path: `@kubernetes-models/flux-cd/${group}/${version}/${kind}`, apiVersion };
  if (group === 'bitnami.com')
    return { path: `@kubernetes-models/sealed-secrets/${group}/${version}/${kind}`, apiVersion };
  if (group === 'external-secrets.io')
    return { path: `@kubernetes-models/external-secrets/${group}/${version}/${kind}`, apiVersion };
  if (group.endsWith('.k8s.io') || ['apps', 'batch', 'policy', 'autoscaling'].includes(group)) {
    return { path: `kubernetes-models/${group}/${version}/${kind}`, apiVersion };
  }
  return undefined;
}

/** Throws with the schema's message when the object is invalid; returns false for a kind no package covers. */
export async function validateWithPublishedSchema(object: { apiVersion?: unknown; kind?: unknown }): Promise<boolean> {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
    throw new Error('not a Kubernetes object');
  const target = modulePath(object.apiVersion, object.kind);
  if (!target) return false;
  const module = (await import(target.path)) as Record<string, ModelClass | undefined>;
  const Model = module[object.kind];
  if (!Model) throw new Error(`${target.path} has no ${object.kind}`);
  new Model({ ...object, apiVersion: target.apiVersion }).validate();
  return true;
}
