/**
 * Release approvals the host enforces: the ruleset's required_reviewers (GitHub), the CODEOWNERS
 * sections and code owner approval (GitLab), from scaffold to render, sync, apply and lint.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { lint } from '../../src/api/lint.js';
import { scaffold } from '../../src/api/scaffold.js';
import { defaultPolicy } from '../../src/protection/policy.js';
import { withReleaseApprovals } from '../../src/protection/release-reviewers.js';
import { renderGitlab } from '../../src/protection/render.js';
import { cli } from '../helpers/cli.js';
import { FakeGithub, schemaValidator } from '../helpers/github-server.js';

const TOKEN = 'ghp_ReleaseReviewersMarker0123456789abcdef';
let base: string;
let github: FakeGithub;

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-reviewers-'));
  github = await FakeGithub.start(TOKEN);
});

afterAll(async () => {
  await github.close();
  rmSync(base, { recursive: true, force: true });
});

async function infrastructure(name: string, host: 'github' | 'gitlab', appTeams: string): Promise<string> {
  const root = path.join(base, name);
  await scaffold({
    cwd: base,
    directory: root,
    answers: {
      kind: 'infrastructure',
      tool: 'flux',
      name,
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams,
      envs: 'dev',
      host,
    },
    git: false,
    today: '2026-01-15',
  });
  return root;
}

function setTeamIds(root: string, ids: Record<string, number>): void {
  const file = path.join(root, 'gitops.yaml');
  const document = parseDocument(readFileSync(file, 'utf8'));
  document.setIn(['protection', 'teamIds'], ids);
  writeFileSync(file, document.toString());
}

interface Ruleset {
  rules: { type: string; parameters?: { required_reviewers?: unknown } }[];
}

function reviewers(ruleset: Ruleset): unknown {
  return ruleset.rules.find((rule) => rule.type === 'pull_request')?.parameters?.required_reviewers;
}

async function findings(root: string): Promise<string[]> {
  const result = await lint({ cwd: root });
  return result.results.flatMap((file) =>
    file.messages
      .filter((message) => message.severity === 2)
      .map((message) => `${path.relative(root, file.filePath)}: ${message.ruleId}`),
  );
}

describe('GitHub: the ruleset requires each team over its releases', () => {
  it('renders required_reviewers from protection.teamIds, one release line per tenant, valid for POST rulesets', async () => {
    const root = await infrastructure('two-tenants', 'github', '@acme/payments,@acme/orders');
    // Offline and without ids: the file is as before, and render says what it could not resolve.
    const first = await cli(['protect', 'render', '--dry-run'], { cwd: root });
    expect(first.stderr).toBe(
      'gitops-init: note: release approvals: no GitHub team id for @acme/platform, @acme/payments, @acme/orders, so the ruleset does not require their approval of releases/ yet; protect apply looks the ids up (GET /orgs/{org}/teams/{slug}), or set protection.teamIds in gitops.yaml\n',
    );
    setTeamIds(root, { '@acme/platform': 11, '@acme/payments': 12, '@acme/orders': 13 });
    const render = await cli(['protect', 'render', '--force'], { cwd: root });
    expect(render.code, render.stderr).toBe(0);
    expect(render.stderr).toBe('');
    const ruleset = JSON.parse(
      readFileSync(path.join(root, '.github/rulesets/main-protection.json'), 'utf8'),
    ) as Ruleset;
    expect(reviewers(ruleset)).toEqual([
      { file_patterns: ['releases/**'], minimum_approvals: 1, reviewer: { id: 11, type: 'Team' } },
      { file_patterns: ['releases/payments/**'], minimum_approvals: 1, reviewer: { id: 12, type: 'Team' } },
      { file_patterns: ['releases/orders/**'], minimum_approvals: 1, reviewer: { id: 13, type: 'Team' } },
    ]);
    const validate = schemaValidator('/repos/{owner}/{repo}/rulesets', 'post', 'request');
    expect(validate(ruleset), JSON.stringify(validate.errors)).toBe(true);
    const settings = parse(readFileSync(path.join(root, '.github/settings.yml'), 'utf8')) as { rulesets: Ruleset[] };
    expect(reviewers(settings.rulesets[0] ?? { rules: [] })).toEqual(reviewers(ruleset));
    expect(await findings(root)).toEqual([]);

    // A ruleset edited by hand to drop a team is reported by the rule (and by protection-files-in-sync).
    const edited = {
      ...ruleset,
      rules: ruleset.rules.map((rule) =>
        rule.type === 'pull_request'
          ? {
              ...rule,
              parameters: { ...rule.parameters, required_reviewers: (reviewers(ruleset) as unknown[]).slice(0, 2) },
            }
          : rule,
      ),
    };
    writeFileSync(path.join(root, '.github/rulesets/main-protection.json'), JSON.stringify(edited, null, 2));
    expect(await findings(root)).toEqual([
      '.github/rulesets/main-protection.json: protection-files-in-sync',
      '.github/rulesets/main-protection.json: release-approvals-enforced',
    ]);
  });

  it('protect apply looks up the ids it was not given, and diff then shows none', async () => {
    const root = await infrastructure('lookup', 'github', '@acme/shop');
    setTeamIds(root, { '@acme/platform': 21 });
    expect((await cli(['protect', 'render', '--force'], { cwd: root })).stderr).toContain(
      'no GitHub team id for @acme/shop',
    );
    const repository = github.addRepository('acme/lookup');
    const shop = github.addTeam('acme', 'shop');
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url };
    const apply = await cli(['protect', 'apply', '--repo', 'acme/lookup', '--yes', '--target', 'github-ruleset'], {
      cwd: root,
      env,
    });
    expect(apply.code, apply.stderr).toBe(0);
    const [live] = [...repository.rulesets.values()] as unknown as Ruleset[];
    expect(reviewers(live ?? { rules: [] })).toEqual([
      { file_patterns: ['releases/**'], minimum_approvals: 1, reviewer: { id: 21, type: 'Team' } },
      { file_patterns: ['releases/**'], minimum_approvals: 1, reviewer: { id: shop, type: 'Team' } },
    ]);
    expect(github.requests.map((request) => request.path)).toContain('/orgs/acme/teams/shop');
    const diff = await cli(['protect', 'diff', '--repo', 'acme/lookup', '--target', 'github-ruleset'], {
      cwd: root,
      env,
    });
    expect(diff).toMatchObject({ code: 0 });
    expect(github.schemaErrors).toEqual([]);
  });

  it('a team the API does not know is named, exit 2', async () => {
    const root = await infrastructure('unknown-team', 'github', '@acme/ghosts');
    github.addRepository('acme/unknown-team');
    const diff = await cli(['protect', 'diff', '--repo', 'acme/unknown-team'], {
      cwd: root,
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url },
    });
    expect(diff).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: team @acme/platform does not exist, or the token cannot see it; check the teams in gitops.yaml, or give its id in protection.teamIds (404)\n',
    });
  });
});

describe('GitLab: one CODEOWNERS section per team, and code owner approval', () => {
  it('scaffolds the sections last in CODEOWNERS; codeowners sync keeps them there and hand-written lines above', async () => {
    const root = await infrastructure('gitlab-two', 'gitlab', '@acme/payments,@acme/orders');
    const file = path.join(root, '.gitlab/CODEOWNERS');
    const scaffolded = readFileSync(file, 'utf8');
    expect(scaffolded.slice(scaffolded.indexOf('[Release'))).toBe(
      [
        '[Release: platform][1]',
        '/releases/ @acme/platform',
        '[Release: payments][1]',
        '/releases/payments/ @acme/payments',
        '[Release: orders][1]',
        '/releases/orders/ @acme/orders',
        '# END gitops-init release approvals',
        '',
      ].join('\n'),
    );
    const branches = JSON.parse(readFileSync(path.join(root, '.gitlab/protected-branches.json'), 'utf8')) as unknown;
    expect(branches).toMatchObject([{ name: 'main', code_owner_approval_required: true }]);
    expect(await findings(root)).toEqual([]);
    expect(await cli(['codeowners', 'sync'], { cwd: root })).toMatchObject({ code: 0 });
    expect(readFileSync(file, 'utf8')).toBe(scaffolded);

    // Without the block, GitLab would take one approval from either team: lint says so, sync puts it back last.
    const handWritten = scaffolded.slice(0, scaffolded.indexOf('# BEGIN gitops-init release approvals')).trimEnd();
    writeFileSync(file, `${handWritten}\n/docs/ @acme/platform\n`);
    expect(await findings(root)).toEqual([
      '.gitlab/CODEOWNERS: release-approvals-enforced',
      '.gitlab/CODEOWNERS: release-approvals-enforced',
    ]);
    expect(await cli(['codeowners', 'sync'], { cwd: root })).toMatchObject({ code: 0 });
    const synced = readFileSync(file, 'utf8');
    expect(synced.startsWith(`${handWritten}\n/docs/ @acme/platform\n\n# BEGIN gitops-init release approvals`)).toBe(
      true,
    );
    expect(synced.endsWith('# END gitops-init release approvals\n')).toBe(true);
    expect(await findings(root)).toEqual([]);
  });

  it('the protected branch requires code owner approval where releases are approved, whatever the policy says', () => {
    const policy = { ...defaultPolicy('application', 'main'), requireCodeOwnerReview: false };
    const descriptor = {
      kind: 'application' as const,
      tool: 'flux' as const,
      name: 'shop',
      teams: { platform: '@acme/platform', application: '@acme/shop' },
    };
    expect(renderGitlab([policy]).protectedBranches[0]).toMatchObject({ code_owner_approval_required: false });
    const withReleases = withReleaseApprovals([policy], descriptor, () => true);
    expect(renderGitlab(withReleases).protectedBranches[0]).toMatchObject({ code_owner_approval_required: true });
    // No releases directory: nothing changes.
    expect(withReleaseApprovals([policy], descriptor, () => false)).toEqual([policy]);
  });
});
