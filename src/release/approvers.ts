/**
 * Who must approve a change to the release manifests, and where: the platform team over the whole
 * releases directory, each application team over its releases. The host enforces it: GitHub with
 * the ruleset's `required_reviewers`, GitLab with one CODEOWNERS section per team (GitLab requires
 * an approval from every section that matches a changed file).
 */
import type { Descriptor } from '../config/descriptor.js';
import { releaseLayout } from './lines.js';

/** One team whose approval a release needs, over one directory of the releases. */
export interface ReleaseApprover {
  /** `@org/team`. */
  team: string;
  /** `platform`, a tenant's name, or the application team's slug: the GitLab section is `Release: <label>`. */
  label: string;
  role: 'platform' | 'application';
  /** Repository-relative directory, with a trailing slash: `releases/` or `releases/<app>/`. */
  directory: string;
}

export interface ReleaseApprovals {
  /** The releases directory, without a trailing slash. */
  directory: string;
  approvers: ReleaseApprover[];
  /** GitHub team ids known for teams (protection.teamIds in gitops.yaml, or resolved through the API). */
  teamIds: Readonly<Record<string, number>>;
}

/** The releases directory of gitops.yaml (`releases.directory`, default `releases`), without a trailing slash. */
export function releasesDirectory(descriptor: Descriptor | undefined): string {
  return (descriptor?.releases?.directory ?? 'releases').replace(/\/+$/, '');
}

/**
 * Whether releases are kept per application (`releases/<app>/`): in an infrastructure repository
 * with several tenants, each application team has its own release line.
 */
export function hasReleaseLines(descriptor: Descriptor | undefined): boolean {
  // As the release commands decide it: releases.perApplication (auto: more than one tenant).
  return releaseLayout(descriptor).layout.perApplication;
}

function slug(team: string): string {
  return team.slice(team.indexOf('/') + 1);
}

/**
 * The teams that must approve releases and where, or undefined when the repository keeps no
 * releases (its releases directory does not exist): nothing to enforce there.
 */
export function releaseApprovals(
  descriptor: Descriptor | undefined,
  hasDirectory: (directory: string) => boolean,
): ReleaseApprovals | undefined {
  const directory = releasesDirectory(descriptor);
  if (!descriptor || !hasDirectory(directory)) return undefined;
  const teams = descriptor.teams;
  const approvers: ReleaseApprover[] = [];
  const add = (approver: ReleaseApprover): void => {
    if (!approvers.some((known) => known.team === approver.team && known.directory === approver.directory))
      approvers.push(approver);
  };
  if (teams?.platform) add({ team: teams.platform, label: 'platform', role: 'platform', directory: `${directory}/` });
  if (teams?.application)
    add({ team: teams.application, label: slug(teams.application), role: 'application', directory: `${directory}/` });
  const lines = hasReleaseLines(descriptor);
  for (const tenant of teams?.applications ?? []) {
    add({
      team: tenant.team,
      label: tenant.name,
      role: 'application',
      directory: lines ? `${directory}/${tenant.name}/` : `${directory}/`,
    });
  }
  return { directory, approvers, teamIds: { ...(descriptor.protection?.teamIds ?? {}) } };
}

/** A path that stands for a release manifest under an approver's directory, for checks. */
export function sampleReleasePath(approver: ReleaseApprover): string {
  return `${approver.directory}release-0.0.0-0.0.0.yaml`;
}

/** `{ org, slug }` of `@org/team`. */
export function teamParts(team: string): { org: string; slug: string } {
  const [org = '', name = ''] = team.replace(/^@/, '').split('/');
  return { org, slug: name };
}

/** Every team once, in the order of the approvers. */
export function approvingTeams(approvals: ReleaseApprovals): string[] {
  return [...new Set(approvals.approvers.map((approver) => approver.team))];
}

/** One entry of GitHub's `required_reviewers` (a ruleset's `pull_request` rule). */
export interface GithubRequiredReviewer {
  /** fnmatch patterns. */
  file_patterns: string[];
  minimum_approvals: number;
  reviewer: { id: number; type: 'Team' };
}

/**
 * GitHub's `required_reviewers` for the approvals: one entry per team whose id is known, over
 * `<directory>**`, one approval each; the teams without a known id are `unresolved`.
 */
export function githubRequiredReviewers(approvals: ReleaseApprovals): {
  reviewers: GithubRequiredReviewer[];
  unresolved: string[];
} {
  const reviewers: GithubRequiredReviewer[] = [];
  const unresolved: string[] = [];
  for (const team of approvingTeams(approvals)) {
    const id = approvals.teamIds[team];
    if (id === undefined) {
      unresolved.push(team);
      continue;
    }
    const patterns = approvals.approvers
      .filter((approver) => approver.team === team)
      .map((approver) => `${approver.directory}**`);
    reviewers.push({ file_patterns: [...new Set(patterns)], minimum_approvals: 1, reviewer: { id, type: 'Team' } });
  }
  return { reviewers, unresolved };
}
