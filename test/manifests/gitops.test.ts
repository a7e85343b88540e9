import { describe, expect, it } from 'vitest';
import {
  FLUX_NAMESPACE,
  isArgoKind,
  isFluxKustomization,
  isGitRepository,
  isHelmRelease,
  isSameRepository,
  normalizeGitUrl,
} from '../../src/manifests/gitops.js';
import { objectsOf } from '../../src/manifests/objects.js';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';

const KINDS = [
  'kustomize.toolkit.fluxcd.io/v1 Kustomization',
  'kustomize.toolkit.fluxcd.io/v1beta2 Kustomization',
  'kustomize.config.k8s.io/v1beta1 Component',
  'helm.toolkit.fluxcd.io/v2 HelmRelease',
  'helm.toolkit.fluxcd.io/v2beta1 HelmRelease',
  'source.toolkit.fluxcd.io/v1 GitRepository',
  'source.toolkit.fluxcd.io/v1 HelmRepository',
  'argoproj.io/v1alpha1 Application',
  'argoproj.io/v1alpha1 ApplicationSet',
  'argoproj.io/v1alpha1 AppProject',
  'example.com/v1 Application',
  'v1 Kustomization',
];

const objects = objectsOf(
  parseYamlFile(
    'all.yaml',
    KINDS.map((entry) => {
      const [apiVersion, kind] = entry.split(' ');
      return `apiVersion: ${apiVersion ?? ''}\nkind: ${kind ?? ''}\n`;
    }).join('---\n'),
  ),
);

function matching(test: (object: (typeof objects)[number]) => boolean): string[] {
  return objects.filter(test).map((object) => `${object.apiVersion} ${object.kind}`);
}

describe('kind predicates', () => {
  it('recognize Flux kinds in any version, and only in their group', () => {
    expect(matching(isFluxKustomization)).toEqual([
      'kustomize.toolkit.fluxcd.io/v1 Kustomization',
      'kustomize.toolkit.fluxcd.io/v1beta2 Kustomization',
    ]);
    expect(matching(isHelmRelease)).toEqual([
      'helm.toolkit.fluxcd.io/v2 HelmRelease',
      'helm.toolkit.fluxcd.io/v2beta1 HelmRelease',
    ]);
    expect(matching(isGitRepository)).toEqual(['source.toolkit.fluxcd.io/v1 GitRepository']);
    expect(FLUX_NAMESPACE).toBe('flux-system');
  });

  it('recognize Argo CD kinds only in argoproj.io', () => {
    expect(matching((object) => isArgoKind(object, 'Application'))).toEqual(['argoproj.io/v1alpha1 Application']);
    expect(matching((object) => isArgoKind(object, 'ApplicationSet'))).toEqual(['argoproj.io/v1alpha1 ApplicationSet']);
    expect(matching((object) => isArgoKind(object, 'AppProject'))).toEqual(['argoproj.io/v1alpha1 AppProject']);
  });
});

describe('normalizeGitUrl', () => {
  it.each([
    ['https://github.com/acme/platform.git', 'github.com/acme/platform'],
    ['https://github.com/acme/platform', 'github.com/acme/platform'],
    ['https://github.com/acme/platform/', 'github.com/acme/platform'],
    ['https://GitHub.com/acme/platform.git/', 'github.com/acme/platform'],
    ['ssh://git@github.com/acme/platform', 'github.com/acme/platform'],
    ['ssh://git@github.com:22/acme/platform.git', 'github.com/acme/platform'],
    ['git@github.com:acme/platform.git', 'github.com/acme/platform'],
    ['https://user:token@gitlab.example.com:8443/group/sub/repo.git', 'gitlab.example.com/group/sub/repo'],
    ['  https://github.com/acme/platform  ', 'github.com/acme/platform'],
    ['http://github.com//acme/platform', 'github.com/acme/platform'],
  ])('%s is %s', (url, normalized) => {
    expect(normalizeGitUrl(url)).toBe(normalized);
  });

  it('keeps the case of the path, which hosts may treat as significant', () => {
    expect(normalizeGitUrl('https://github.com/Acme/Platform')).toBe('github.com/Acme/Platform');
  });
});

describe('isSameRepository', () => {
  it('treats the HTTPS, SSH and scp-like forms of one repository as the same', () => {
    expect(isSameRepository('https://github.com/acme/platform.git', 'git@github.com:acme/platform')).toBe(true);
    expect(isSameRepository('ssh://git@github.com/acme/platform', 'https://github.com/acme/platform/')).toBe(true);
  });

  it('tells different repositories, hosts and forks apart', () => {
    expect(isSameRepository('https://github.com/acme/platform', 'https://github.com/acme/platform-2')).toBe(false);
    expect(isSameRepository('https://github.com/acme/platform', 'https://gitlab.com/acme/platform')).toBe(false);
    expect(isSameRepository('https://github.com/acme/platform', 'https://github.com/fork/platform')).toBe(false);
  });
});
