/**
 * release approve --pr against the loopback GitHub stand-in: the pull request's reviews, the
 * teams and their memberships are served, and every answer is checked against GitHub's
 * published response schemas.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createRelease } from '../../src/api/release.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { FakeGithub } from '../helpers/github-server.js';

const TOKEN = 'ghp_ReviewMarkerToken0123456789abcdefXYZ';
const HEAD = 'c0ffee0000000000000000000000000000000001';
const OLD = 'dead000000000000000000000000000000000002';
const NAME = 'release-1.5.3-2.1.0';
const URL7 = 'https://github.com/acme/platform/pull/7';

const DESCRIPTOR = `kind: infrastructure
tool: flux
name: platform
host: github
repositoryUrl: https://github.com/acme/platform.git
teams:
  platform: "@acme/platform"
  applications:
    - name: shop
      team: "@acme/shop"
`;

let github: FakeGithub;
let base: string;
let root: string;
const outputs: CliRun[] = [];

async function run(argv: string[], env: Record<string, string> = { GITHUB_TOKEN: TOKEN }): Promise<CliRun> {
  const result = await cli(argv, { cwd: root, env: { GITHUB_API_URL: github.url, ...env } });
  outputs.push(result);
  return result;
}

interface ApprovalRecord {
  team: string;
  approver: string;
  time: string;
  verified?: boolean;
  pull_request?: string;
  commit?: string;
}

function manifest(): { status?: string; approvals?: ApprovalRecord[] } {
  const text = readFileSync(path.join(root, 'releases', `${NAME}.yaml`), 'utf8');
  return (parse(text) as { release: { status?: string; approvals?: ApprovalRecord[] } }).release;
}

beforeAll(async () => {
  github = await FakeGithub.start(TOKEN);
  github.addRepository('acme/platform');
  github.addTeam('acme', 'platform', ['alice']);
  github.addTeam('acme', 'shop', ['sam'], ['pete']);
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-review-'));
});

beforeEach(async () => {
  root = mkdtempSync(path.join(base, 'repo-'));
  writeFileSync(path.join(root, 'gitops.yaml'), DESCRIPTOR);
  mkdirSync(path.join(root, 'releases'));
  await createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', appTeam: '@acme/shop' });
});

afterEach(() => {
  expect(github.schemaErrors).toEqual([]);
});

afterAll(async () => {
  await github.close();
  rmSync(base, { recursive: true, force: true });
});

describe('release approve --pr (GitHub)', () => {
  it("records each team's fresh approval by a member as verified, with the pull request and its head", async () => {
    github.addPull('acme/platform', 7, {
      head: HEAD,
      reviews: [
        { user: 'alice', state: 'APPROVED', commit_id: HEAD, submitted_at: '2026-12-04T09:00:00Z' },
        { user: 'sam', state: 'APPROVED', commit_id: HEAD, submitted_at: '2026-12-04T09:30:00Z' },
      ],
    });
    const result = await run(['release', 'approve', NAME, '--pr', '7']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `@acme/platform approved ${NAME} (by alice, 2026-12-04T09:00:00Z, verified in ${URL7})`,
        `@acme/shop approved ${NAME} (by sam, 2026-12-04T09:30:00Z, verified in ${URL7})`,
        'status: approved',
        '',
      ].join('\n'),
    );
    expect(manifest()).toMatchObject({
      status: 'approved',
      approvals: [
        {
          team: '@acme/platform',
          approver: 'alice',
          time: '2026-12-04T09:00:00Z',
          verified: true,
          pull_request: URL7,
          commit: HEAD,
        },
        {
          team: '@acme/shop',
          approver: 'sam',
          time: '2026-12-04T09:30:00Z',
          verified: true,
          pull_request: URL7,
          commit: HEAD,
        },
      ],
    });
    // The membership of each approver in each team was asked of the API.
    const paths = github.requests.map((request) => request.path);
    expect(paths).toContain('/orgs/acme/teams/platform/memberships/alice');
    expect(paths).toContain('/orgs/acme/teams/shop/memberships/sam');
    // The release is approved: lint's release rules agree, verified approvals required.
    writeFileSync(
      path.join(root, 'gitops.yaml'),
      `${DESCRIPTOR}rules:\n  release-approved: [error, { requireVerified: true }]\n`,
    );
    const lint = await run(['lint', '--format', 'json']);
    expect(lint.code, lint.stderr).toBeLessThan(2);
    const rules = (JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[]).flatMap((file) =>
      file.messages.map((message) => message.ruleId),
    );
    expect(rules).not.toContain('release-approved');
    // A typed approval is what the option reports.
    const text = readFileSync(path.join(root, 'releases', `${NAME}.yaml`), 'utf8');
    writeFileSync(path.join(root, 'releases', `${NAME}.yaml`), text.replaceAll('verified: true', 'verified: false'));
    const strict = await run(['lint', '--format', 'json']);
    const unverified = (JSON.parse(strict.stdout) as { messages: { ruleId: string }[] }[]).flatMap((file) =>
      file.messages.filter((message) => message.ruleId === 'release-approved'),
    );
    expect(unverified).toHaveLength(2);
  });

  it('counts no review by a non-member, a stale one, a comment or a changed mind, and says why for each (exit 1)', async () => {
    github.addPull('acme/platform', 8, {
      head: HEAD,
      reviews: [
        { user: 'mallory', state: 'APPROVED', commit_id: HEAD },
        { user: 'sam', state: 'APPROVED', commit_id: OLD },
        { user: 'alice', state: 'APPROVED', commit_id: HEAD },
        { user: 'alice', state: 'CHANGES_REQUESTED', commit_id: HEAD },
        { user: 'alice', state: 'COMMENTED', commit_id: HEAD },
        { user: 'carol', state: 'COMMENTED', commit_id: HEAD },
      ],
    });
    const before = readFileSync(path.join(root, 'releases', `${NAME}.yaml`), 'utf8');
    const result = await run(['release', 'approve', NAME, '--pr', '8']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      [
        `gitops-init: no review of https://github.com/acme/platform/pull/8 counts as @acme/platform's or @acme/shop's approval of ${NAME} (an APPROVED review on the head c0ffee000000 by a member of the team):`,
        '  mallory: not a member of @acme/platform or @acme/shop',
        '  sam: stale: approved dead00000000, not the head c0ffee000000',
        '  alice: CHANGES_REQUESTED, not APPROVED',
        '  carol: COMMENTED, not APPROVED',
        '',
      ].join('\n'),
    );
    expect(readFileSync(path.join(root, 'releases', `${NAME}.yaml`), 'utf8')).toBe(before);
  });

  it("records the teams that approved and names those still missing, and an invited user's approval does not count", async () => {
    github.addPull('acme/platform', 9, {
      head: HEAD,
      reviews: [
        { user: 'pete', state: 'APPROVED', commit_id: HEAD },
        { user: 'alice', state: 'APPROVED', commit_id: HEAD, submitted_at: '2026-12-04T11:00:00Z' },
      ],
    });
    const result = await run(['release', 'approve', NAME, '--pr', '9']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        `@acme/platform approved ${NAME} (by alice, 2026-12-04T11:00:00Z, verified in https://github.com/acme/platform/pull/9)`,
        '  not counted: pete: not a member of @acme/platform; invited to @acme/shop but not yet a member',
        'status: candidate; still missing: @acme/shop',
        '',
      ].join('\n'),
    );
    expect(manifest().approvals).toHaveLength(1);
  });

  it('needs a token, and asks nothing without one (exit 2)', async () => {
    const count = github.requests.length;
    const result = await run(['release', 'approve', NAME, '--pr', '7'], {});
    expect(result).toMatchObject({
      code: 2,
      stderr:
        "gitops-init: no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token that can read the pull request and the teams' members\n",
    });
    expect(github.requests.length).toBe(count);
  });

  it('a pull request that does not exist is named (exit 2)', async () => {
    const result = await run(['release', 'approve', NAME, '--pr', '404']);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: pull request #404 does not exist in acme/platform, or the token cannot see it; check --pr and --repo (404)\n',
    });
  });

  it('bad input is one line, exit 2', async () => {
    expect(await run(['release', 'approve', NAME, '--pr', 'seven'])).toMatchObject({
      code: 2,
      stderr: 'gitops-init: --pr "seven": give the pull request\'s number, e.g. --pr 42\n',
    });
    expect(await run(['release', 'approve', NAME, '--pr', '7', '--by', 'mallory'])).toMatchObject({
      code: 2,
      stderr: 'gitops-init: --by goes without --pr: an approval is either read from the pull request or typed\n',
    });
    expect(await run(['release', 'approve', NAME, '--pr', '7', '--repo', 'platform'])).toMatchObject({
      code: 2,
      stderr: 'gitops-init: --repo "platform": give the GitHub repository as owner/name\n',
    });
  });

  it('--by still records a typed approval, marked unverified', async () => {
    const result = await run(['release', 'approve', NAME, '--team', '@acme/platform', '--by', 'alice'], {});
    expect(result).toMatchObject({ code: 0 });
    expect(manifest().approvals).toEqual([
      { team: '@acme/platform', approver: 'alice', time: expect.any(String) as string, verified: false },
    ]);
  });

  it('never printed the token, in any run of this file', () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN);
  });
});
