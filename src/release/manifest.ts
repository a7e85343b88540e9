import * as semver from '../versioning/semver.js';
import { yamlPackage } from '../manifests/yaml-nodes.js';
import { describeSchemaErrors } from '../config/schema-validation.js';
import { validate as validateReleaseManifest } from '../config/generated/release-schema.validate.js';
import schema from './release.schema.json' with { type: 'json' };
import type { Release } from '../config/generated/release-schema.types.js';

export const RELEASE_SCHEMA_URL = schema.$id;
// The manifest's types are generated from release.schema.json (npm run generate:schemas): the
// schema is their one source of truth.
export type { Approval, Release, ReleaseManifest, ReleaseStatus } from '../config/generated/release-schema.types.js';

/** Schema problems of a parsed manifest, with the path of each (release.schema.json, precompiled by npm run generate:schemas). */
export function manifestProblems(value: unknown): { path: (string | number)[]; message: string }[] {
  if (!validateReleaseManifest(value)) return describeSchemaErrors(validateReleaseManifest.errors ?? [], value);
  // The schema's pattern takes numbers of any size; semver cannot compare those beyond 2^53 - 1.
  const release = value.release;
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const field of ['application_version', 'infrastructure_version'] as const) {
    const version = release[field];
    if (semver.parse(version) === null) {
      problems.push({
        path: ['release', field],
        message: `${field} "${version}" has a number above ${Number.MAX_SAFE_INTEGER}, the largest gitops-init can compare`,
      });
    }
  }
  return problems;
}

/** `release-<application>-<infrastructure>`: the name, file name (with .yaml) and tag of a release. */
export function releaseName(applicationVersion: string, infrastructureVersion: string): string {
  return `release-${applicationVersion}-${infrastructureVersion}`;
}

/**
 * The names a release may have: the plain one, or for a rollback the plain one with
 * `-rollback-<n>`. `base` is the plain name where it is not release-<app>-<infra> (a release of
 * one application's line, or gitops.yaml's releases.tagFormat).
 */
export function isExpectedName(
  release: Release,
  name: string,
  base = releaseName(release.application_version, release.infrastructure_version),
): boolean {
  if (name === base) return true;
  return (
    release.rollback_of !== undefined && new RegExp(`^${base.replace(/[.+]/g, '\\$&')}-rollback-[1-9]\\d*$`).test(name)
  );
}

/**
 * The tag message of a release: `Deploy: Application v1.5.3 and Infrastructure v2.1.0`, naming
 * the application where releases are per application (`Deploy: payments Application v1.5.3 …`).
 */
export function tagMessage(release: Release): string {
  const application = release.application === undefined ? '' : `${release.application} `;
  const first = `Deploy: ${application}Application v${release.application_version} and Infrastructure v${release.infrastructure_version}`;
  return release.rollback_of ? `${first}\n\nRollback of ${release.rollback_of}.` : first;
}

/** Semver order of releases: application version, then infrastructure version, then name. */
export function compareReleases(a: Release & { name: string }, b: Release & { name: string }): number {
  return (
    semver.compare(a.application_version, b.application_version) ||
    semver.compare(a.infrastructure_version, b.infrastructure_version) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** The teams a release needs approvals from. */
export function requiredTeams(release: Release, platformTeam: string | undefined): string[] {
  return [platformTeam, release.application_team].filter((team): team is string => team !== undefined);
}

export function missingApprovals(release: Release, platformTeam: string | undefined): string[] {
  const approved = new Set((release.approvals ?? []).map((approval) => approval.team));
  return requiredTeams(release, platformTeam).filter((team) => !approved.has(team));
}

/** The manifest as written: the schema line, then `release:` with its fields in a fixed order. */
export function renderManifest(release: Release): string {
  const order: (keyof Release)[] = [
    'name',
    'application',
    'application_version',
    'infrastructure_version',
    'components',
    'created',
    'environment',
    'status',
    'application_team',
    'approvals',
    'promoted',
    'emergency',
    'verified',
    'rollback_of',
    'downgrade',
    'notes',
  ];
  const ordered: Record<string, unknown> = {};
  for (const key of order) if (release[key] !== undefined) ordered[key] = release[key];
  return `# yaml-language-server: $schema=${RELEASE_SCHEMA_URL}\n${yamlPackage().stringify({ release: ordered }, { lineWidth: 0 })}`;
}
