/**
 * The release approvals a protection policy enforces: attached to the policies that protect the
 * default branch, where release manifests are merged, of a repository that keeps releases.
 */
import type { Descriptor } from '../config/descriptor.js';
import { githubRequiredReviewers, releaseApprovals, type ReleaseApprovals } from '../release/approvers.js';
import { defaultBranchOf, patternMatches, type ProtectionPolicy } from './policy.js';

/**
 * The policies with `releaseApprovals` set on those that cover the default branch, when the
 * repository has a releases directory (`hasDirectory`); otherwise the policies as they are.
 */
export function withReleaseApprovals(
  policies: readonly ProtectionPolicy[],
  descriptor: Descriptor | undefined,
  hasDirectory: (directory: string) => boolean,
): ProtectionPolicy[] {
  const approvals = releaseApprovals(descriptor, hasDirectory);
  if (!approvals || approvals.approvers.length === 0) return [...policies];
  const branch = defaultBranchOf(descriptor);
  return policies.map((policy) =>
    patternMatches(policy.branch, branch) ? { ...policy, releaseApprovals: approvals } : policy,
  );
}

/** The policies with more team ids known (resolved through the API). */
export function withTeamIds(
  policies: readonly ProtectionPolicy[],
  teamIds: Readonly<Record<string, number>>,
): ProtectionPolicy[] {
  return policies.map((policy) =>
    policy.releaseApprovals
      ? {
          ...policy,
          releaseApprovals: { ...policy.releaseApprovals, teamIds: { ...teamIds, ...policy.releaseApprovals.teamIds } },
        }
      : policy,
  );
}

/** Teams whose GitHub id no policy knows: the rendered ruleset cannot name them yet. */
export function unresolvedTeams(policies: readonly ProtectionPolicy[]): string[] {
  const teams = new Set<string>();
  for (const policy of policies) {
    if (!policy.releaseApprovals) continue;
    for (const team of githubRequiredReviewers(policy.releaseApprovals).unresolved) teams.add(team);
  }
  return [...teams];
}

/** The one-line notice of `protect render` for teams whose id it could not resolve offline. */
export function unresolvedTeamsNote(policies: readonly ProtectionPolicy[]): string | undefined {
  const teams = unresolvedTeams(policies);
  if (teams.length === 0) return undefined;
  const approvals = policies.find((policy) => policy.releaseApprovals)?.releaseApprovals;
  return `release approvals: no GitHub team id for ${teams.join(', ')}, so the ruleset does not require ${teams.length === 1 ? 'its' : 'their'} approval of ${approvals?.directory ?? 'releases'}/ yet; protect apply looks the ids up (GET /orgs/{org}/teams/{slug}), or set protection.teamIds in gitops.yaml`;
}

/** Release approvals that GitLab's settings cannot express alone: they need CODEOWNERS sections (codeowners sync). */
export function hasReleaseApprovals(policies: readonly ProtectionPolicy[]): ReleaseApprovals | undefined {
  return policies.find((policy) => policy.releaseApprovals)?.releaseApprovals;
}
