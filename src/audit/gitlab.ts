/**
 * What `gitops-init audit --group` reads of a GitLab group, without cloning anything: the group's
 * projects, subgroups included (GET /groups/:id/projects), and the few files the audit needs
 * through the repository files API, each asked for by its path (a missing file is a 404). The
 * client is src/protection/gitlab-client.ts (@gitbeaker/rest with 429 and 5xx retried after
 * `Retry-After`).
 *
 * https://docs.gitlab.com/api/groups/#list-projects
 * https://docs.gitlab.com/api/repository_files/#get-raw-file-from-repository
 */
import { GITLAB_CI_FILE } from '../ci/gitlab-ci.js';
import { CODEOWNERS_LOCATIONS } from '../codeowners/dialect.js';
import { DESCRIPTOR_FILES } from '../config/descriptor.js';
import { GitopsError } from '../errors.js';
import { GITLAB_FILES } from '../protection/files.js';
import {
  explainGitlabFailure,
  GitlabRequestError,
  type GitlabClient,
  type GitlabConnection,
} from '../protection/gitlab-client.js';
import type { ListedRepository, ReadOutcome } from './github.js';

/** Every path the audit reads of a GitLab project, when it is there. */
export const GITLAB_AUDIT_FILES: readonly string[] = [
  ...DESCRIPTOR_FILES,
  ...new Set([...CODEOWNERS_LOCATIONS.gitlab, ...CODEOWNERS_LOCATIONS.github]),
  ...Object.values(GITLAB_FILES),
  GITLAB_CI_FILE,
];

/** The group's projects, those of its subgroups included. A failure ends the run. */
export async function listGroupProjects(
  client: GitlabClient,
  connection: GitlabConnection,
  group: string,
): Promise<ListedRepository[]> {
  try {
    const projects = await client.listGroupProjects(group, { includeSubgroups: true });
    return projects.map((project) => ({
      fullName: project.path_with_namespace,
      name: project.path_with_namespace.split('/').pop() ?? project.path_with_namespace,
      defaultBranch: typeof project.default_branch === 'string' ? project.default_branch : 'main',
      archived: project.archived === true,
    }));
  } catch (error) {
    if (error instanceof GitlabRequestError && error.status === 404) {
      throw new GitopsError(
        'GITLAB_NOT_FOUND',
        `group "${group}" does not exist, or the token's user cannot see it (404); check {{option:group}} and the token's access`,
      );
    }
    throw explainGitlabFailure(error, { action: `listing the projects of ${group}`, project: group }, connection);
  }
}

/** The audit's files of a project (path → text), those that are there. */
export async function readProjectFiles(
  client: GitlabClient,
  connection: GitlabConnection,
  project: ListedRepository,
): Promise<ReadOutcome<Map<string, string>>> {
  const texts = new Map<string, string>();
  for (const file of GITLAB_AUDIT_FILES) {
    try {
      const text = await client.readFile(project.fullName, file, project.defaultBranch);
      if (text !== undefined) texts.set(file, text);
    } catch (error) {
      return {
        ok: false,
        status: error instanceof GitlabRequestError ? error.status : undefined,
        error: explainGitlabFailure(
          error,
          { action: `reading ${file} of ${project.fullName}`, project: project.fullName },
          connection,
        ),
      };
    }
  }
  return { ok: true, value: texts };
}
