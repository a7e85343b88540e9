import { describe, expect, it } from 'vitest';
import { CONTAINER_LISTS, imagePinning, POD_SPEC_PATHS } from '../../src/versioning/images.js';

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
  ])('%s is %s', (image, pinning) => {
    expect(imagePinning(image)).toBe(pinning);
  });

  it('does not take a short or upper-case digest as a digest', () => {
    expect(imagePinning('nginx@sha256:abc')).not.toBe('digest');
    expect(imagePinning(`nginx@sha256:${'A'.repeat(64)}`)).not.toBe('digest');
    expect(imagePinning(`nginx@sha512:${'a'.repeat(64)}`)).not.toBe('digest');
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
