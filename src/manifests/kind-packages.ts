/**
 * The npm packages whose compiled schemas validate the kinds that no repository CRD defines, by
 * API group: the projects' own for Argo CD, Flux, Sealed Secrets and External Secrets, and
 * kubernetes-models for the rest (Kubernetes' built-in kinds). Their validators are bundled at
 * build time (generate-kinds.ts); the packages themselves are development dependencies.
 */
export interface KindPackage {
  name: string;
  /** Whether the package holds the schemas of an API group. */
  test: (group: string) => boolean;
}

const CUSTOM: readonly KindPackage[] = [
  { name: '@kubernetes-models/argo-cd', test: (group) => group === 'argoproj.io' },
  { name: '@kubernetes-models/flux-cd', test: (group) => group.endsWith('.toolkit.fluxcd.io') },
  { name: '@kubernetes-models/sealed-secrets', test: (group) => group === 'bitnami.com' },
  {
    name: '@kubernetes-models/external-secrets',
    test: (group) => group === 'external-secrets.io' || group === 'generators.external-secrets.io',
  },
];

/** In lookup order: the first whose `test` accepts a group holds its kinds. */
export const KIND_PACKAGES: readonly KindPackage[] = [
  ...CUSTOM,
  { name: 'kubernetes-models', test: (group) => !CUSTOM.some((entry) => entry.test(group)) },
];

/** The API group of an apiVersion ('' for the core group's `v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** The package that holds the schemas of an apiVersion's group. */
export function kindPackage(apiVersion: string): KindPackage {
  const group = apiGroup(apiVersion);
  return KIND_PACKAGES.find((entry) => entry.test(group)) ?? (KIND_PACKAGES.at(-1) as KindPackage);
}

/** Where a kind's module is, in a model package and in the bundled validators: `[group/]version/Kind.js`. */
export function kindModulePath(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}.js`;
}
