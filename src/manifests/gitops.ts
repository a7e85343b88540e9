import type { KubernetesObject } from './objects.js';

/** Flux's source, kustomize and helm controllers' kinds, whatever the API version. */
export function isFluxKustomization(object: KubernetesObject): boolean {
  return object.group === 'kustomize.toolkit.fluxcd.io' && object.kind === 'Kustomization';
}

export function isHelmRelease(object: KubernetesObject): boolean {
  return object.group === 'helm.toolkit.fluxcd.io' && object.kind === 'HelmRelease';
}

export function isGitRepository(object: KubernetesObject): boolean {
  return object.group === 'source.toolkit.fluxcd.io' && object.kind === 'GitRepository';
}

export function isArgoKind(object: KubernetesObject, kind: 'Application' | 'ApplicationSet' | 'AppProject'): boolean {
  return object.group === 'argoproj.io' && object.kind === kind;
}

/** The namespace Flux bootstraps into; its `flux-system` GitRepository is the repository it was bootstrapped from. */
export const FLUX_NAMESPACE = 'flux-system';

/**
 * A Git URL reduced to `host/path` for comparison: the scheme, user, port, `.git` suffix and
 * trailing slash go, the host is lower-cased. `https://github.com/acme/platform.git`,
 * `ssh://git@github.com/acme/platform` and `git@github.com:acme/platform` are the same.
 */
export function normalizeGitUrl(url: string): string {
  let rest = url.trim();
  const scp = /^[^/@:]+@([^/:]+):(?!\/)(.*)$/.exec(rest);
  if (scp) {
    rest = `${scp[1] ?? ''}/${scp[2] ?? ''}`;
  } else {
    rest = rest.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/@]*@/, '');
  }
  const slash = rest.indexOf('/');
  const host = (slash === -1 ? rest : rest.slice(0, slash)).replace(/:\d*$/, '').toLowerCase();
  const pathname = slash === -1 ? '' : rest.slice(slash + 1);
  return `${host}/${pathname
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/^\/+/, '')}`;
}

/** Whether two Git URLs name the same repository. */
export function isSameRepository(a: string, b: string): boolean {
  return normalizeGitUrl(a) === normalizeGitUrl(b);
}
