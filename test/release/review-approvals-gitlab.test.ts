/**
 * release approve --pr on GitLab, against the loopback GitLab: the merge request, its approvals
 * and group memberships (direct or inherited) are served as GitLab documents them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createRelease } from '../../src/api/release.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { FakeGitlab, type FakeUser } from '../helpers/gitlab-server.js';

const TOKEN = 'glpat-ReviewMarkerToken0123456789';
const HEAD = 'feed000000000000000000000000000000000003';
const NAME = 'release-1.5.3-2.1.0';

const DESCRIPTOR = `kind: infrastructure
tool: flux
name: platform
host: gitlab
repositoryUrl: https://gitlab.com/acme/platform.git
teams:
  platform: "@acme/platform"
  applications:
    - name: shop
      team: "@acme/shop"
`;

let gitlab: FakeGitlab;
let base: string;
let root: string;
const outputs: CliRun[] = [];
/** Merge request iid → the users who approved it. */
const approvals = new Map<number, FakeUser[]>();
/** Group path → the ids of its members (direct or inherited). */
const groupMembers = new Map<string, Set<number>>();
const users: Record<string, FakeUser> = {};

async function run(argv: string[], env: Record<string, string> = { GITLAB_TOKEN: TOKEN }): Promise<CliRun> {
  const result = await cli(argv, { cwd: root, env: { GITLAB_API_URL: gitlab.url, ...env } });
  outputs.push(result);
  return result;
}

beforeAll(async () => {
  gitlab = await FakeGitlab.start(TOKEN);
  gitlab.addProject('acme/platform');
  for (const name of ['alice', 'sam', 'mallory']) users[name] = gitlab.addUser(name);
  groupMembers.set('acme/platform', new Set([users.alice?.id ?? 0]));
  groupMembers.set('acme/shop', new Set([users.sam?.id ?? 0]));
  gitlab.route({
    method: 'GET',
    route: '/projects/:id/merge_requests/:merge_request_iid',
    handle({ params }) {
      const iid = Number(params.merge_request_iid);
      if (!gitlab.project(params.id ?? '') || !approvals.has(iid))
        return { status: 404, body: { message: '404 Not found' } };
      return {
        status: 200,
        body: {
          id: 9000 + iid,
          iid,
          state: 'opened',
          sha: HEAD,
          web_url: `https://gitlab.com/acme/platform/-/merge_requests/${iid}`,
        },
      };
    },
  });
  gitlab.route({
    method: 'GET',
    route: '/projects/:id/merge_requests/:merge_request_iid/approvals',
    handle({ params }) {
      const approvedBy = approvals.get(Number(params.merge_request_iid)) ?? [];
      return {
        status: 200,
        body: {
          approved: approvedBy.length > 0,
          approvals_required: 2,
          approved_by: approvedBy.map((user) => ({
            user: { id: user.id, username: user.username, name: user.username },
          })),
        },
      };
    },
  });
  gitlab.route({
    method: 'GET',
    route: '/groups/:id/members/all/:user_id',
    handle({ params }) {
      const userId = Number(params.user_id);
      const user = gitlab.users.get(userId);
      if (!user || !groupMembers.get(params.id ?? '')?.has(userId))
        return { status: 404, body: { message: '404 Not found' } };
      return { status: 200, body: { id: userId, username: user.username, access_level: 30, state: 'active' } };
    },
  });
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-review-gitlab-'));
});

beforeEach(async () => {
  root = mkdtempSync(path.join(base, 'repo-'));
  writeFileSync(path.join(root, 'gitops.yaml'), DESCRIPTOR);
  mkdirSync(path.join(root, 'releases'));
  await createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', appTeam: '@acme/shop' });
});

afterEach(() => {
  expect(gitlab.parameterErrors).toEqual([]);
});

afterAll(async () => {
  await gitlab.close();
  rmSync(base, { recursive: true, force: true });
});

describe('release approve --pr (GitLab merge requests)', () => {
  it('records the approvals of group members as verified, with the merge request', async () => {
    approvals.set(
      3,
      [users.alice, users.sam].filter((user): user is FakeUser => user !== undefined),
    );
    const result = await run(['release', 'approve', NAME, '--pr', '3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const release = (
      parse(readFileSync(path.join(root, 'releases', `${NAME}.yaml`), 'utf8')) as {
        release: { status: string; approvals: unknown[] };
      }
    ).release;
    const url = 'https://gitlab.com/acme/platform/-/merge_requests/3';
    expect(release).toMatchObject({
      status: 'approved',
      approvals: [
        { team: '@acme/platform', approver: 'alice', verified: true, pull_request: url, commit: HEAD },
        { team: '@acme/shop', approver: 'sam', verified: true, pull_request: url, commit: HEAD },
      ],
    });
    expect(gitlab.requests.map((request) => request.path)).toContain(
      `/groups/acme%2Fshop/members/all/${String(users.sam?.id)}`,
    );
  });

  it("a non-member's approval does not count, and says so (exit 1)", async () => {
    approvals.set(
      4,
      [users.mallory].filter((user): user is FakeUser => user !== undefined),
    );
    const result = await run(['release', 'approve', NAME, '--pr', '4']);
    expect(result).toMatchObject({
      code: 1,
      stderr: `gitops-init: no review of https://gitlab.com/acme/platform/-/merge_requests/4 counts as @acme/platform's or @acme/shop's approval of ${NAME} (an APPROVED review on the head feed00000000 by a member of the team):\n  mallory: not a member of @acme/platform or @acme/shop\n`,
    });
  });

  it('needs GITLAB_TOKEN, and a merge request that exists (exit 2)', async () => {
    expect(await run(['release', 'approve', NAME, '--pr', '3'], {})).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: no GitLab token: set GITLAB_TOKEN to a token that can read the merge request and the groups (read_api)\n',
    });
    expect(await run(['release', 'approve', NAME, '--pr', '404'])).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: merge request !404 does not exist in acme/platform, or the token cannot see it; check --pr and --repo (404)\n',
    });
  });

  it('never printed the token', () => {
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN);
  });
});
