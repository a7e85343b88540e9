import type { Descriptor } from '../config/descriptor.js';
import type { Release } from './manifest.js';

/** Where the two repositories of a release are, as far as the current repository's gitops.yaml (or flags) say. */
export interface PairLocations {
  /** A path (relative to the repository root), a file:// or a remote URL; undefined when nothing says. */
  application: string | undefined;
  infrastructure: string | undefined;
  /** Which of the two is the current repository, if either. */
  current: 'application' | 'infrastructure' | undefined;
}

/**
 * The application and infrastructure repositories of a release. The current repository is one
 * of them (by its kind); the other is the flag's, else `releases.repositories` of gitops.yaml,
 * else, in an infrastructure repository, the `repository` of the tenant whose team the release names.
 */
export function locatePair(
  descriptor: Descriptor,
  release: Pick<Release, 'application_team'>,
  flags: { appRepo?: string | undefined; infraRepo?: string | undefined } = {},
): PairLocations {
  const configured = descriptor.releases?.repositories ?? {};
  const current =
    descriptor.kind === 'infrastructure' || descriptor.kind === 'application' ? descriptor.kind : undefined;
  const tenantRepository =
    descriptor.kind === 'infrastructure'
      ? (descriptor.teams?.applications ?? []).find(
          (tenant) => tenant.team === release.application_team && tenant.repository !== undefined,
        )?.repository
      : undefined;
  return {
    application:
      flags.appRepo ?? configured.application ?? tenantRepository ?? (current === 'application' ? '.' : undefined),
    infrastructure: flags.infraRepo ?? configured.infrastructure ?? (current === 'infrastructure' ? '.' : undefined),
    current,
  };
}

/**
 * Whether `release promote` needs a recorded verification: where gitops.yaml locates both
 * repositories of the release, so that `release verify <name>` runs without flags. A repository
 * whose gitops.yaml does not say where the other one is (one made before `release verify`
 * existed, say) promotes as before until it does.
 */
export function isVerificationRequired(descriptor: Descriptor, release: Pick<Release, 'application_team'>): boolean {
  const pair = locatePair(descriptor, release);
  return pair.application !== undefined && pair.infrastructure !== undefined;
}
