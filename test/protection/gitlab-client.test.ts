import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGitlabClient,
  explainGitlabFailure,
  GitlabRequestError,
  type GitlabConnection,
} from '../../src/protection/gitlab-client.js';
import { FakeGitlab } from '../helpers/gitlab-server.js';

const TOKEN = 'glpat-MarkerTokenGitopsInit0123456789';
let gitlab: FakeGitlab;
let connection: GitlabConnection;

beforeAll(async () => {
  gitlab = await FakeGitlab.start(TOKEN);
  connection = { token: TOKEN, apiUrl: gitlab.url, retryDelayMs: 1, timeoutMs: 5000 };
});

afterAll(async () => {
  expect(gitlab.parameterErrors).toEqual([]);
  await gitlab.close();
});

describe('the GitLab client', () => {
  it('reads a project by its path and protects a branch with the documented parameters', async () => {
    const project = gitlab.addProject('acme/client-basic');
    const client = await createGitlabClient(connection);
    expect((await client.getProject('acme/client-basic')).id).toBe(project.id);
    await client.protectBranch('acme/client-basic', { name: 'main', push_access_level: 0, allow_force_push: false });
    const [branch] = await client.listProtectedBranches(project.id);
    expect(branch?.push_access_levels?.map((entry) => entry.access_level)).toEqual([0]);
    expect(gitlab.requests.every((request) => request.authorized)).toBe(true);
  });

  it('reads every page of a list', async () => {
    for (let index = 0; index < 130; index += 1) gitlab.addProject(`paged/p${index}`);
    const client = await createGitlabClient(connection);
    expect(await client.listGroupProjects('paged')).toHaveLength(130);
  });

  it('waits out a 429 for as long as Retry-After says, then succeeds, and notes it', async () => {
    gitlab.addProject('acme/limited');
    gitlab.fail({
      method: 'GET',
      path: /^\/projects\/acme%2Flimited$/,
      status: 429,
      headers: { 'retry-after': '2' },
      times: 2,
    });
    const client = await createGitlabClient(connection);
    expect((await client.getProject('acme/limited')).path_with_namespace).toBe('acme/limited');
    expect(client.notes).toEqual([
      expect.stringMatching(/rate limit was reached on GET projects\/acme%2Flimited; retried after 2 s/),
      expect.stringMatching(/retried after 2 s/),
    ]);
  });

  it('retries a 503 and gives up after its retries with the status', async () => {
    gitlab.addProject('acme/down');
    gitlab.fail({ method: 'GET', path: /^\/projects\/acme%2Fdown$/, status: 503, times: 10 });
    const client = await createGitlabClient({ ...connection, retries: 2 });
    const failure = await client.getProject('acme/down').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitlabRequestError);
    expect((failure as GitlabRequestError).status).toBe(503);
    expect(client.notes).toHaveLength(2);
  });

  it('explains 401, 403 and 404 in one line each without the token', async () => {
    const bad = await createGitlabClient({ ...connection, token: 'wrong' });
    const context = { action: 'reading acme/x', project: 'acme/x' };
    const unauthorized = explainGitlabFailure(
      await bad.getProject('acme/client-basic').catch((e: unknown) => e),
      context,
      connection,
    );
    expect(unauthorized.message).toMatch(/GITLAB_TOKEN to a valid token with the api scope/);
    const client = await createGitlabClient(connection);
    const missing = explainGitlabFailure(
      await client.getProject('acme/nothing').catch((e: unknown) => e),
      context,
      connection,
    );
    expect(missing.code).toBe('GITLAB_NOT_FOUND');
    expect(missing.message).toMatch(/check the project path/);
    gitlab.addProject('acme/developer', { role: 30 });
    const forbidden = explainGitlabFailure(
      await client.listProtectedBranches('acme/developer').catch((e: unknown) => e),
      context,
      connection,
    );
    expect(forbidden.message).toMatch(/Maintainer or Owner role on acme\/x/);
    for (const error of [unauthorized, missing, forbidden]) {
      expect(error.message).not.toContain(TOKEN);
      expect(error.message.split('\n')).toHaveLength(1);
    }
  });

  it('reads a repository file, and undefined for one that is not there', async () => {
    const project = gitlab.addProject('acme/files');
    project.files.set('gitops.yaml', 'kind: application\n');
    const client = await createGitlabClient(connection);
    expect(await client.readFile('acme/files', 'gitops.yaml')).toBe('kind: application\n');
    expect(await client.readFile('acme/files', 'CODEOWNERS')).toBeUndefined();
  });

  it('a parameter GitLab does not document is refused by the stand-in', async () => {
    gitlab.addProject('acme/strict');
    const client = await createGitlabClient(connection);
    await expect(client.editProject('acme/strict', { merge_strategy: 'ff' })).rejects.toMatchObject({ status: 400 });
    expect(gitlab.parameterErrors.splice(0)).toEqual([expect.stringMatching(/merge_strategy is not a parameter/)]);
  });
});
