/** Where a workload kind keeps its pod spec (https://kubernetes.io/docs/concepts/workloads/). */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export type ImagePinning = 'pinned' | 'digest' | 'untagged' | 'latest' | 'templated';

/**
 * How an image reference is pinned: by digest, by a tag other than `latest`, or not at all.
 * The tag is what follows the last `:` after the last `/` (a registry port is not a tag).
 */
export function imagePinning(image: string): ImagePinning {
  if (/\$\{|\{\{/.test(image)) return 'templated';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return 'digest';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1 || colon === lastSegment.length - 1) return 'untagged';
  return lastSegment.slice(colon + 1) === 'latest' ? 'latest' : 'pinned';
}
