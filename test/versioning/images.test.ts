import { describe, expect, it } from 'vitest';
import {
  CONTAINER_LISTS,
  imageName,
  imagePinning,
  isImageReference,
  kustomizeImages,
  POD_SPEC_PATHS,
} from '../../src/versioning/images.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('imagePinning', () => {
  it.each([
    ['nginx:1.27.0', 'pinned'],
    ['ghcr.io/acme/shop:v1.2.3', 'pinned'],
    ['registry.example.com:5000/team/app:2026.11', 'pinned'],
    ['nginx:latest', 'latest'],
    ['registry:5000/app:latest', 'latest'],
    ['nginx', 'untagged'],
    ['nginx:', 'untagged'],
    ['registry.example.com:5000/team/app', 'untagged'],
    ['localhost:5000/app', 'untagged'],
    [`nginx@${DIGEST}`, 'digest'],
    [`nginx:1.27@${DIGEST}`, 'digest'],
    [`nginx:latest@${DIGEST}`, 'digest'],
    ['ghcr.io/acme/shop:${TAG}', 'templated'],
    ['{{ .Values.image.repository }}:{{ .Values.image.tag }}', 'templated'],
    ['nginx:latest-alpine', 'pinned'],
    ['nginx:Latest', 'pinned'],
    ['<image_url>', 'placeholder'],
    ['<registry>/shop:1.0.0', 'placeholder'],
    ['IMAGE', 'placeholder'],
    ['REPLACE_ME:latest', 'placeholder'],
    ['', 'placeholder'],
    ['image name', 'placeholder'],
  ])('%s is %s', (image, pinning) => {
    expect(imagePinning(image)).toBe(pinning);
  });

  it('does not take a short or upper-case digest as a digest', () => {
    expect(imagePinning('nginx@sha256:abc')).not.toBe('digest');
    expect(imagePinning(`nginx@sha256:${'A'.repeat(64)}`)).not.toBe('digest');
    expect(imagePinning(`nginx@sha512:${'a'.repeat(64)}`)).not.toBe('digest');
  });
});

// Cases from the grammar of github.com/distribution/reference (reference.go and its tests).
describe('isImageReference', () => {
  const hex = 'f'.repeat(64);
  it.each([
    'test_com',
    'test.com:tag',
    'test.com:5000',
    'test.com/repo:tag',
    'test:5000/repo',
    'test:5000/repo:tag',
    `test:5000/repo@sha256:${hex}`,
    `test:5000/repo:tag@sha256:${hex}`,
    'lowercase:Uppercase',
    'Uppercase/lowercase:tag',
    'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
    'b.gcr.io/test.example.com/my-app:test.example.com',
    'xn--n3h.com/myimage:xn--n3h.com',
    'foo_bar.com:8080',
    'foo/foo_bar.com:8080',
    'a__b/c---d',
    '[2001:db8::1]:5000/repo:tag',
  ])('%s is a reference', (image) => {
    expect(isImageReference(image)).toBe(true);
  });

  it.each([
    '',
    ':justtag',
    `@sha256:${hex}`,
    'repo@sha256:fffffff',
    `validname@1sha:${hex}`,
    'Uppercase:tag',
    'test:5000/Uppercase/lowercase:tag',
    'aa/asdf$$^/aa',
    'a_/b',
    '-a/b',
    `repo:${'t'.repeat(129)}`,
  ])('%s is not', (image) => {
    expect(isImageReference(image)).toBe(false);
  });
});

// sigs.k8s.io/kustomize/api/internal/image Split: the name is what precedes the tag and digest.
describe('imageName', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'nginx'],
    [`nginx:1.27@sha256:${'a'.repeat(64)}`, 'nginx'],
    ['localhost:5000/app:1.0', 'localhost:5000/app'],
    ['registry.example.com:5000/team/app', 'registry.example.com:5000/team/app'],
  ])('%s is named %s', (image, name) => {
    expect(imageName(image)).toBe(name);
  });
});

describe('kustomizeImages', () => {
  it("reads a kustomization's images, leaving out entries without a name", () => {
    expect(
      kustomizeImages({
        images: [
          { name: 'web', newTag: 1.5 },
          { newTag: '2' },
          'web=1',
          { name: 'api', newName: 'ghcr.io/a/api', digest: '' },
        ],
      }),
    ).toEqual([
      { name: 'web', newName: undefined, newTag: '1.5', digest: undefined },
      { name: 'api', newName: 'ghcr.io/a/api', newTag: undefined, digest: undefined },
    ]);
    expect(kustomizeImages({ resources: [] })).toEqual([]);
  });
});

describe('POD_SPEC_PATHS and CONTAINER_LISTS', () => {
  it('point at the pod spec of each workload kind, as the Kubernetes API nests it', () => {
    expect(POD_SPEC_PATHS.Pod).toEqual(['spec']);
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'])
      expect(POD_SPEC_PATHS[kind]).toEqual(['spec', 'template', 'spec']);
    expect(POD_SPEC_PATHS.CronJob).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    expect(POD_SPEC_PATHS.Service).toBeUndefined();
    expect([...CONTAINER_LISTS]).toEqual(['initContainers', 'containers', 'ephemeralContainers']);
  });
});
