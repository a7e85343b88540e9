import { afterEach, describe, expect, it } from 'vitest';
import { FakeGithub } from '../helpers/github-server.js';

// The loopback GitHub's extension point: routes that tests add check bodies and answers against
// GitHub's published description as the built-in ones do, so a stand-in cannot drift from GitHub.
describe('routes added to the loopback GitHub', () => {
  let fake: FakeGithub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${fake?.url ?? ''}${path}`, {
      method,
      headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };

  it('answers with the parameters of the path and checks the answer against the response schema', async () => {
    fake = await FakeGithub.start('t0ken');
    fake.route({
      method: 'GET',
      route: '/orgs/{org}/teams/{team_slug}/memberships/{username}',
      handle: ({ params }) =>
        params.username === 'alice'
          ? { status: 200, body: { url: 'https://api.github.com/x', role: 'member', state: 'active' } }
          : { status: 200, body: { role: 'nobody' } },
    });
    expect(await call('GET', '/orgs/acme/teams/platform/memberships/alice')).toEqual({
      status: 200,
      body: { url: 'https://api.github.com/x', role: 'member', state: 'active' },
    });
    expect(fake.schemaErrors).toEqual([]);
    await call('GET', '/orgs/acme/teams/platform/memberships/bob');
    expect(fake.schemaErrors).toEqual([
      expect.stringContaining('response of GET /orgs/{org}/teams/{team_slug}/memberships/{username}'),
    ]);
  });

  it('refuses a body that GitHub would refuse, with 422', async () => {
    fake = await FakeGithub.start('t0ken');
    fake.route({
      method: 'PUT',
      route: '/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}',
      handle: () => ({ status: 204 }),
    });
    expect((await call('PUT', '/orgs/acme/teams/platform/repos/acme/infra', { permission: 'maintain' })).status).toBe(
      204,
    );
    expect(fake.schemaErrors).toEqual([]);
    expect((await call('PUT', '/orgs/acme/teams/platform/repos/acme/infra', { permission: 42 })).status).toBe(422);
    expect(fake.schemaErrors).toHaveLength(1);
  });

  it('reports a route that GitHub does not have', async () => {
    fake = await FakeGithub.start('t0ken');
    fake.route({ method: 'GET', route: '/orgs/{org}/no-such-thing', handle: () => ({ status: 200, body: {} }) });
    await call('GET', '/orgs/acme/no-such-thing');
    expect(fake.schemaErrors).toEqual(["GET /orgs/{org}/no-such-thing: not a route of GitHub's REST description"]);
  });
});
