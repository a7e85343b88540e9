/**
 * What `gitops-init audit` reads of a GitHub organisation, without cloning anything: the
 * organisation's repositories (GET /orgs/{org}/repos), each repository's file list at its
 * default branch (one GET of the git tree, recursive) and the few files the audit needs through
 * the contents API. Rate limits are waited out by the client of src/protection/github.ts
 * (@octokit/plugin-throttling); a failure is explained in one line by its `explainFailure`.
 *
 * https://docs.github.com/en/rest/repos/repos#list-organization-repositories
 * https://docs.github.com/en/rest/git/trees#get-a-tree
 * https://docs.github.com/en/rest/repos/contents#get-repository-content
 */
import type { Octokit } from '@octokit/core';
import { GitopsError } from '../errors.js';
import { explainFailure, type GithubConnection } from '../protection/github.js';

/** A repository of the organisation, as the listing gives it. */
export interface ListedRepository {
  /** owner/name */
  fullName: string;
  name: string;
  defaultBranch: string;
  archived: boolean;
}

/** The answer of one read: the value, or why it failed (a GitopsError with a one-line message). */
export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; error: GitopsError; status: number | undefined };

/** At most this many pages of 100 repositories are listed (100,000 repositories). */
const MAX_PAGES = 1000;

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * One request, with octokit's rate-limit handling (the throttling plugin of the client) and a
 * bounded time. Failures come back as data, so that one unreadable repository never ends a run.
 */
async function read<T>(
  connection: GithubConnection,
  context: { action: string; repository: string },
  request: (signal: AbortSignal) => Promise<{ data: unknown }>,
  shape: (data: unknown) => T | undefined,
): Promise<ReadOutcome<T>> {
  try {
    const { data } = await request(AbortSignal.timeout(connection.timeoutMs ?? 30_000));
    const value = shape(data);
    if (value === undefined) {
      return {
        ok: false,
        status: undefined,
        error: new GitopsError(
          'GITHUB_BAD_ANSWER',
          `${context.action}: ${connection.apiUrl} answered with something that is not GitHub's JSON; check {{option:apiUrl}} (or GITHUB_API_URL)`,
        ),
      };
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, status: statusOf(error), error: explainFailure(error, context, connection) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every repository of the organisation, archived ones included (the caller decides). A failure
 * here ends the run: without the list there is nothing to audit.
 */
export async function listOrganisationRepositories(
  client: Octokit,
  connection: GithubConnection,
  org: string,
): Promise<ListedRepository[]> {
  const repositories: ListedRepository[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const outcome = await read(
      connection,
      { action: `listing the repositories of ${org}`, repository: org },
      (signal) =>
        client.request('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100, page, request: { signal } }),
      (data) => (Array.isArray(data) ? data : undefined),
    );
    if (!outcome.ok) {
      if (outcome.status === 404) {
        throw new GitopsError(
          'GITHUB_NOT_FOUND',
          `organisation "${org}" does not exist, or the token cannot see it (404); check {{option:org}} and the token's access`,
        );
      }
      throw outcome.error;
    }
    for (const item of outcome.value) {
      if (!isRecord(item) || typeof item.full_name !== 'string' || typeof item.name !== 'string') continue;
      repositories.push({
        fullName: item.full_name,
        name: item.name,
        defaultBranch: typeof item.default_branch === 'string' ? item.default_branch : 'main',
        archived: item.archived === true,
      });
    }
    if (outcome.value.length < 100) break;
  }
  return repositories;
}

/** The paths of the repository's files at a ref (blobs only), and whether GitHub cut the list short. */
export interface FileList {
  files: string[];
  truncated: boolean;
}

/**
 * The repository's file list at `ref`. An empty repository (409) has no files; any other
 * failure is returned as it is.
 */
export async function readFileList(
  client: Octokit,
  connection: GithubConnection,
  repository: ListedRepository,
): Promise<ReadOutcome<FileList>> {
  const [owner = '', repo = ''] = repository.fullName.split('/');
  const outcome = await read(
    connection,
    { action: `listing the files of ${repository.fullName}`, repository: repository.fullName },
    (signal) =>
      client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
        owner,
        repo,
        tree_sha: repository.defaultBranch,
        recursive: '1',
        request: { signal },
      }),
    (data) =>
      isRecord(data) && Array.isArray(data.tree)
        ? {
            files: data.tree
              .filter((entry): entry is { path: string } => isRecord(entry) && entry.type === 'blob')
              .map((entry) => entry.path),
            truncated: data.truncated === true,
          }
        : undefined,
  );
  // 409: "Git Repository is empty"; 404 on a repository without its default branch yet.
  if (!outcome.ok && (outcome.status === 409 || outcome.status === 404))
    return { ok: true, value: { files: [], truncated: false } };
  return outcome;
}

/** A file's text at the default branch, through the contents API. */
export async function readFileText(
  client: Octokit,
  connection: GithubConnection,
  repository: ListedRepository,
  file: string,
): Promise<ReadOutcome<string>> {
  const [owner = '', repo = ''] = repository.fullName.split('/');
  return read(
    connection,
    { action: `reading ${file} of ${repository.fullName}`, repository: repository.fullName },
    (signal) =>
      client.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo,
        path: file,
        ref: repository.defaultBranch,
        request: { signal },
      }),
    (data) => {
      if (!isRecord(data) || data.type !== 'file' || typeof data.content !== 'string') return undefined;
      return data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
    },
  );
}
