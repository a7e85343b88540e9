/**
 * Approvals of a release read from its pull request (GitHub) or merge request (GitLab), rather
 * than typed: an approval counts when it is on the request's current head and its author is a
 * member of the approving team, both asked of the host's API. Each review that does not count
 * says why, so that nobody has to guess.
 *
 * GitHub: https://docs.github.com/en/rest/pulls/reviews and
 * https://docs.github.com/en/rest/teams/members#get-team-membership-for-a-user
 * GitLab (through src/protection/gitlab-client.ts): https://docs.gitlab.com/api/merge_request_approvals/
 * and https://docs.gitlab.com/api/members/
 */
import { GitopsError, UsageError } from '../errors.js';
import { openRepository } from '../config/repository.js';
import { packageInfo } from '../package-info.js';
import { call, createClient, expectJson, type GithubConnection, type RequestContext } from '../protection/github.js';
import {
  createGitlabClient,
  explainGitlabFailure,
  GitlabRequestError,
  type GitlabConnection,
} from '../protection/gitlab-client.js';
import { teamParts } from './approvers.js';
import { approveRelease, listReleases, requiredTeams, type StoredRelease } from './index.js';

/** Why a review did not count for a team. */
export type ReviewRejection = 'not-approved' | 'stale' | 'not-member' | 'pending-member';

/** One reviewer's latest review, and whether it counts for each team asked. */
export interface ReviewVerdict {
  user: string;
  /** GitHub's review state (`APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`…); GitLab: `APPROVED`. */
  state: string;
  /** The commit the review was given on (GitHub). */
  commit?: string;
  /** When it was given (GitHub), ISO 8601. */
  time?: string;
  /** The teams it counts for. */
  counts: string[];
  /** Why it does not count, per team it does not count for. */
  rejected: { team: string; reason: ReviewRejection }[];
}

export interface ReviewedApproval {
  team: string;
  approver: string;
  time: string;
}

export interface ApproveFromReviewOptions {
  cwd?: string;
  /** The release, e.g. release-1.5.3-2.1.0. */
  name: string;
  /** The pull (merge) request's number. */
  pr: number;
  /** The repository on the host, owner/name (GitLab: the project's full path); default from gitops.yaml's repositoryUrl. */
  repository?: string;
  /** Only this team; default every team whose approval is still missing. */
  team?: string;
  /**
   * Tokens per host (GITHUB_TOKEN/GH_TOKEN, GITLAB_TOKEN): the one of gitops.yaml's host is used.
   * Never part of a result or a message.
   */
  tokens: { github?: string; gitlab?: string };
  /** REST API root; default `defaultApiUrls` of the host, else https://api.github.com or https://gitlab.com/api/v4. */
  apiUrl?: string;
  /** The API roots the environment gives (GITHUB_API_URL, GITLAB_API_URL). */
  defaultApiUrls?: { github?: string; gitlab?: string };
  /** Retries, waits and the time limit of each call (GitHub), as protect diff takes them. */
  retryDelayMs?: number;
  timeoutMs?: number;
  retries?: number;
  now?: Date;
}

export interface ApproveFromReviewResult {
  release: StoredRelease;
  /** The approvals recorded, one per team. */
  recorded: ReviewedApproval[];
  /** The pull (merge) request's web address. */
  url: string;
  /** Its head commit. */
  head: string;
  /** Every reviewer's latest review and what it counted for. */
  reviews: ReviewVerdict[];
  /** Teams asked whose approval is still missing. */
  missing: string[];
}

/** The host's view of a pull request: where it is, its head, its reviewers' latest reviews. */
interface ReviewSource {
  url: string;
  head: string;
  reviews: { user: string; state: string; commit?: string; time?: string }[];
  /** `active`, `pending` or undefined (not a member) for a user in a team. */
  membership(team: string, user: string): Promise<'active' | 'pending' | undefined>;
}

const DEFAULT_URLS = { github: 'https://api.github.com', gitlab: 'https://gitlab.com/api/v4' } as const;

/** owner/name of a repository URL on the host (`https://github.com/acme/platform.git`, `git@gitlab.com:acme/infra.git`). */
export function repositoryFromUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]+\/|[^@/]+@[^:/]+:)(.+?)(?:\.git)?\/?$/i.exec(url);
  const path = match?.[1];
  return path !== undefined && path.includes('/') ? path : undefined;
}

function checkedApiUrl(given: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `{{option:apiUrl}} "${given}": not a URL; give the REST API root, e.g. https://api.github.com`,
    );
  }
  if (url.username !== '' || url.password !== '')
    throw new UsageError('{{option:apiUrl}} must not contain credentials; give the token in the environment');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`{{option:apiUrl}} "${given}": use an http or https URL`);
  return url.href.replace(/\/+$/, '');
}

const REVIEW_PAGES = 10;

/** GitHub: the pull request's head and reviews, and team memberships, through the protection code's request layer. */
async function githubSource(
  connection: GithubConnection,
  repository: string,
  number: number,
  notes: string[],
): Promise<ReviewSource> {
  const [owner = '', repo = ''] = repository.split('/');
  const client = await createClient(connection, notes);
  const pullContext: RequestContext = {
    action: `reading pull request #${number} of ${repository}`,
    repository,
    notFound: `pull request #${number} does not exist in ${repository}, or the token cannot see it; check {{option:pr}} and {{option:repository}}`,
    forbidden: `the token cannot read the pull requests of ${repository}; give it read access to them (fine-grained tokens: Pull requests read)`,
  };
  const { data: pull } = expectJson(
    await call(connection, pullContext, (request) =>
      client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: number, request }),
    ),
    'object',
    pullContext,
    connection,
  );
  const reviews: ReviewSource['reviews'] = [];
  for (let page = 1; page <= REVIEW_PAGES; page += 1) {
    const { data } = expectJson(
      await call(connection, pullContext, (request) =>
        client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
          owner,
          repo,
          pull_number: number,
          per_page: 100,
          page,
          request,
        }),
      ),
      'array',
      pullContext,
      connection,
    );
    for (const review of data) {
      const user = review.user?.login;
      if (user === undefined) continue;
      reviews.push({
        user,
        state: review.state,
        ...(typeof review.commit_id === 'string' ? { commit: review.commit_id } : {}),
        ...(typeof review.submitted_at === 'string' ? { time: review.submitted_at } : {}),
      });
    }
    if (data.length < 100) break;
  }
  return {
    url: pull.html_url,
    head: pull.head.sha,
    reviews,
    async membership(team, user) {
      const { org, slug } = teamParts(team);
      const context: RequestContext = {
        action: `reading ${user}'s membership of ${team}`,
        repository,
        forbidden: `the token cannot read the members of ${team}; give it read access to the organisation's members`,
      };
      try {
        const { data } = await call(connection, { ...context, notFound: 'not a member' }, (request) =>
          client.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
            org,
            team_slug: slug,
            username: user,
            request,
          }),
        );
        return data.state === 'active' ? 'active' : 'pending';
      } catch (error) {
        // 404: not a member (or a team the token cannot see, which then counts nobody).
        if (error instanceof GitopsError && error.code === 'GITHUB_NOT_FOUND') return undefined;
        throw error;
      }
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * GitLab: the merge request's head and who approved it, through the GitLab client the protection
 * code uses. GitLab keeps approvals of the current head only where the project resets approvals
 * on push (the rendered merge request settings do), so every approval listed counts as on the head.
 */
async function gitlabSource(connection: GitlabConnection, project: string, iid: number): Promise<ReviewSource> {
  const client = await createGitlabClient(connection);
  const context = { action: `reading merge request !${iid} of ${project}`, project };
  const notFound = `merge request !${iid} does not exist in ${project}, or the token cannot see it; check {{option:pr}} and {{option:repository}} (404)`;
  const read = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      if (error instanceof GitlabRequestError && error.status === 404) throw new UsageError(notFound, { cause: error });
      throw explainGitlabFailure(error, context, connection);
    }
  };
  const request = await read(() => client.getMergeRequest(project, iid));
  const approvals = await read(() => client.getMergeRequestApprovals(project, iid));
  const approvedBy = Array.isArray(approvals.approved_by) ? (approvals.approved_by as unknown[]) : [];
  const head = typeof request.sha === 'string' ? request.sha : '';
  const reviews: ReviewSource['reviews'] = [];
  const userIds = new Map<string, number>();
  for (const entry of approvedBy) {
    const user = isObject(entry) && isObject(entry.user) ? entry.user : undefined;
    if (typeof user?.username !== 'string') continue;
    if (typeof user.id === 'number') userIds.set(user.username, user.id);
    reviews.push({ user: user.username, state: 'APPROVED', commit: head });
  }
  return {
    url: typeof request.web_url === 'string' ? request.web_url : `${project}!${iid}`,
    head,
    reviews,
    async membership(team, user) {
      const userId = userIds.get(user);
      if (userId === undefined) return undefined;
      const group = team.replace(/^@/, '');
      const member = await client.getGroupMember(group, userId).catch((error: unknown) => {
        throw explainGitlabFailure(error, { action: `reading ${user}'s membership of ${team}`, project }, connection);
      });
      if (!member) return undefined;
      return member.state === 'awaiting' ? 'pending' : 'active';
    },
  };
}

/** The latest decisive review of each reviewer: a comment does not change an earlier approval (as GitHub counts them). */
function latestReviews(reviews: ReviewSource['reviews']): ReviewSource['reviews'] {
  const latest = new Map<string, ReviewSource['reviews'][number]>();
  for (const review of reviews) {
    const before = latest.get(review.user);
    if (before && review.state === 'COMMENTED' && before.state !== 'COMMENTED') continue;
    latest.set(review.user, review);
  }
  return [...latest.values()];
}

/** Whether a team's approval is checked for each review: its verdicts, for every team asked. */
async function judge(source: ReviewSource, teams: readonly string[]): Promise<ReviewVerdict[]> {
  const verdicts: ReviewVerdict[] = [];
  for (const review of latestReviews(source.reviews)) {
    const verdict: ReviewVerdict = {
      user: review.user,
      state: review.state,
      ...(review.commit === undefined ? {} : { commit: review.commit }),
      ...(review.time === undefined ? {} : { time: review.time }),
      counts: [],
      rejected: [],
    };
    for (const team of teams) {
      if (review.state !== 'APPROVED') verdict.rejected.push({ team, reason: 'not-approved' });
      else if (review.commit !== source.head) verdict.rejected.push({ team, reason: 'stale' });
      else {
        const membership = await source.membership(team, review.user);
        if (membership === 'active') verdict.counts.push(team);
        else verdict.rejected.push({ team, reason: membership === 'pending' ? 'pending-member' : 'not-member' });
      }
    }
    verdicts.push(verdict);
  }
  return verdicts;
}

/** Why a review did not count, in a few words. */
export function describeRejection(verdict: ReviewVerdict, head: string): string {
  const reasons = new Map<ReviewRejection, string[]>();
  for (const { team, reason } of verdict.rejected) reasons.set(reason, [...(reasons.get(reason) ?? []), team]);
  const parts: string[] = [];
  if (reasons.has('not-approved')) parts.push(`${verdict.state}, not APPROVED`);
  if (reasons.has('stale'))
    parts.push(
      `stale: approved ${verdict.commit?.slice(0, 12) ?? 'an older commit'}, not the head ${head.slice(0, 12)}`,
    );
  const notMember = reasons.get('not-member');
  if (notMember) parts.push(`not a member of ${notMember.join(' or ')}`);
  const pending = reasons.get('pending-member');
  if (pending) parts.push(`invited to ${pending.join(' and ')} but not yet a member`);
  return parts.join('; ');
}

/**
 * Records the approvals a pull (merge) request carries: for each team whose approval the release
 * still needs (or `team`), the first review on the current head by a member of the team, with
 * `verified: true`, the request's URL and the head commit. No review counting for any team is a
 * RefusedError naming each reviewer and why.
 */
export async function approveReleaseFromReview(options: ApproveFromReviewOptions): Promise<ApproveFromReviewResult> {
  if (!Number.isSafeInteger(options.pr) || options.pr < 1)
    throw new UsageError(
      `{{option:pr}} "${String(options.pr)}": give the pull request's number, e.g. {{option:pr}} 42`,
    );
  const { loaded } = openRepository(options.cwd);
  const descriptor = loaded?.descriptor;
  const host = descriptor?.host === 'gitlab' ? 'gitlab' : 'github';
  const hostName = host === 'gitlab' ? 'GitLab' : 'GitHub';
  const release = listReleases(options.cwd === undefined ? {} : { cwd: options.cwd }).find(
    (candidate) => candidate.name === options.name || candidate.name === options.name.replace(/\.ya?ml$/, ''),
  );
  if (!release) throw new UsageError(`no release "${options.name}"; see gitops-init release list`);
  const required = requiredTeams(release, descriptor?.teams?.platform);
  if (options.team !== undefined && !required.includes(options.team))
    throw new UsageError(
      `{{option:team}} "${options.team}": ${release.name} needs approvals from ${required.join(' and ')}`,
    );
  const approved = new Set((release.approvals ?? []).map((approval) => approval.team));
  const teams = (options.team === undefined ? required : [options.team]).filter((team) => !approved.has(team));
  if (teams.length === 0)
    throw new UsageError(`${release.name} is already approved by ${required.join(' and ')}; nothing to record`);
  const repository = options.repository ?? repositoryFromUrl(descriptor?.repositoryUrl);
  if (repository === undefined)
    throw new UsageError(
      `{{option:repository}} is required: gitops.yaml has no repositoryUrl to take the ${hostName} repository from; give it as owner/name`,
    );
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9._-]+)+$/.test(repository))
    throw new UsageError(`{{option:repository}} "${repository}": give the ${hostName} repository as owner/name`);
  const token = options.tokens[host] ?? '';
  if (token === '')
    throw new UsageError(
      host === 'gitlab'
        ? 'no GitLab token: set GITLAB_TOKEN to a token that can read the merge request and the groups (read_api)'
        : "no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the pull request and the teams' members",
    );
  const apiUrl = checkedApiUrl(options.apiUrl ?? (options.defaultApiUrls?.[host] || DEFAULT_URLS[host]));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const notes: string[] = [];
  const source =
    host === 'gitlab'
      ? await gitlabSource(
          {
            token,
            apiUrl,
            userAgent: `gitops-init/${packageInfo().version}`,
            timeoutMs,
            ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
            ...(options.retries === undefined ? {} : { retries: options.retries }),
          },
          repository,
          options.pr,
        )
      : await githubSource(
          {
            token,
            apiUrl,
            userAgent: `gitops-init/${packageInfo().version}`,
            timeoutMs,
            ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
            ...(options.retries === undefined ? {} : { retries: options.retries }),
          },
          repository,
          options.pr,
          notes,
        );
  const reviews = await judge(source, teams);
  const recorded: ReviewedApproval[] = [];
  let current = release;
  for (const team of teams) {
    const review = reviews.find((verdict) => verdict.counts.includes(team));
    if (!review) continue;
    const time = (review.time ?? (options.now ?? new Date()).toISOString()).replace(/\.\d{3}Z$/, 'Z');
    current = await approveRelease({
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      name: release.name,
      team,
      by: review.user,
      evidence: { pull_request: source.url, commit: source.head, time },
    });
    recorded.push({ team, approver: review.user, time });
  }
  if (recorded.length === 0) {
    const lines =
      reviews.length === 0
        ? ['  nobody has reviewed it']
        : reviews.map((verdict) => `  ${verdict.user}: ${describeRejection(verdict, source.head)}`);
    throw new GitopsError(
      'NOT_APPROVED',
      `no review of ${source.url} counts as ${teams.join("'s or ")}'s approval of ${release.name} (an APPROVED review on the head ${source.head.slice(0, 12)} by a member of the team):\n${lines.join('\n')}`,
      { exitCode: 1 },
    );
  }
  return {
    release: current,
    recorded,
    url: source.url,
    head: source.head,
    reviews,
    missing: teams.filter((team) => !recorded.some((approval) => approval.team === team)),
  };
}
