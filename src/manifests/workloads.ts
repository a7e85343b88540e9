/** Kubernetes' workload kinds (https://kubernetes.io/docs/concepts/workloads/), as `group/Kind` (core kinds have an empty group). */
const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  '/Pod',
  '/ReplicationController',
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
  'batch/CronJob',
]);

/** Whether an object of this API group and kind runs workloads. */
export function isWorkloadKind(group: string, kind: string): boolean {
  return WORKLOAD_KINDS.has(`${group}/${kind}`);
}
