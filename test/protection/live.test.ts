import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyProtection, diffProtection } from '../../src/api/protection.js';
import { flagName } from '../../src/cli/flags.js';
import { GitopsError } from '../../src/errors.js';
import { scaffold } from '../../src/api/scaffold.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { addAccessRoutes } from '../helpers/github-access-routes.js';
import { FakeGithub } from '../helpers/github-server.js';

/** A token that must never appear in any output. */
const TOKEN = 'ghp_MarkerTokenGitopsInit0123456789abcdefXYZ';

let github: FakeGithub;
let base: string;
let root: string;
const outputs: CliRun[] = [];

async function run(argv: string[], env: Record<string, string> = {}, cwd = root): Promise<CliRun> {
  const result = await cli(argv, { cwd, env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, ...env } });
  outputs.push(result);
  return result;
}

function rulesetFile(
  directory = root,
): Record<string, unknown> & { rules: { type: string; parameters?: Record<string, unknown> }[] } {
  return JSON.parse(readFileSync(path.join(directory, '.github/rulesets/main-protection.json'), 'utf8')) as ReturnType<
    typeof rulesetFile
  >;
}

beforeAll(async () => {
  github = await FakeGithub.start(TOKEN);
  // Access is not what this file tests: every repository starts with the policy's grant.
  addAccessRoutes(github, () => ({ teams: { platform: { role: 'maintain' } } }));
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-protect-'));
  root = path.join(base, 'platform');
  await scaffold({
    cwd: base,
    directory: root,
    answers: {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '',
      envs: 'dev,production',
      host: 'github',
    },
    git: false,
    today: '2026-01-15',
  });
});

afterAll(async () => {
  await github.close();
  rmSync(base, { recursive: true, force: true });
});

afterEach(() => {
  // Every body sent validated against GitHub's request schemas, every answer against its response schema.
  expect(github.schemaErrors).toEqual([]);
  github.faults.length = 0;
});

describe('protect diff and apply against a GitHub API on 127.0.0.1', () => {
  it('diff shows the drift field by field, apply fixes it, and diff then shows none', async () => {
    const repository = github.addRepository('acme/platform', { branches: ['main'] });
    const ruleset = rulesetFile();
    // Someone lowered the approvals and added a rule by hand; the classic protection allows force pushes.
    github.addRuleset('acme/platform', {
      ...ruleset,
      rules: [
        ...ruleset.rules.map((rule) =>
          rule.type === 'pull_request'
            ? { ...rule, parameters: { ...rule.parameters, required_approving_review_count: 1 } }
            : rule,
        ),
        { type: 'creation' },
      ],
    });
    repository.protection.set('main', {
      required_status_checks: { strict: true, contexts: ['gitops-lint'] },
      enforce_admins: false,
      required_pull_request_reviews: {
        dismiss_stale_reviews: true,
        require_code_owner_reviews: true,
        required_approving_review_count: 2,
        require_last_push_approval: true,
      },
      restrictions: null,
      required_linear_history: true,
      allow_force_pushes: true,
      allow_deletions: false,
      required_conversation_resolution: true,
    });

    const diff = await run(['protect', 'diff', '--repo', 'acme/platform']);
    expect(diff.code, diff.stderr).toBe(1);
    expect(diff.stdout).toBe(
      [
        'ruleset "main-protection" (main):',
        '  rules[pull_request].parameters.required_approving_review_count: live 1, policy 2',
        '  rules[creation]: live {"type":"creation"}, policy absent',
        'classic protection of branch main:',
        '  enforce_admins: live false, policy true',
        '  allow_force_pushes: live true, policy false',
        'acme/platform: 2 of 2 differ from the policy in gitops.yaml.',
        '',
      ].join('\n'),
    );
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);

    const apply = await run(['protect', 'apply', '--repo', 'acme/platform', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('updated ruleset "main-protection"\nupdated the classic protection of main\n');
    // Updated by name, not duplicated.
    expect(repository.rulesets.size).toBe(1);
    expect(repository.protection.get('main')).toMatchObject({ allow_force_pushes: false, enforce_admins: true });

    const again = await run(['protect', 'diff', '--repo', 'acme/platform']);
    expect(again).toMatchObject({ code: 0, stdout: 'acme/platform matches the policy in gitops.yaml (2 checked).\n' });
    const applyAgain = await run(['protect', 'apply', '--repo', 'acme/platform', '--yes']);
    expect(applyAgain).toMatchObject({
      code: 0,
      stdout: 'acme/platform matches the policy in gitops.yaml (2 checked).\n',
    });
  });

  it('apply creates rulesets by name and the classic protection, with signed commits and bypass actors', async () => {
    const directory = path.join(base, 'custom');
    await scaffold({
      cwd: base,
      directory,
      answers: {
        kind: 'application',
        tool: 'helm',
        name: 'checkout',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '@acme/checkout',
        envs: 'dev',
        host: 'github',
      },
      git: false,
      today: '2026-01-15',
    });
    const descriptor = readFileSync(path.join(directory, 'gitops.yaml'), 'utf8').replace(
      /protection:\n[\s\S]*?(?=# Answers)/,
      [
        'protection:',
        '  targets: [github-ruleset, github-branch-protection]',
        '  branches:',
        '    main:',
        '      requireSignedCommits: true',
        '      bypassActors:',
        '        - { team: 42, mode: pull-request }',
        '        - { role: maintain }',
        '        - { deployKeys: true }',
        "    'release/*':",
        '      requiredApprovals: 2',
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(directory, 'gitops.yaml'), descriptor);
    const repository = github.addRepository('acme/checkout', { branches: ['main'] });
    const options = { cwd: directory, repository: 'acme/checkout', token: TOKEN, apiUrl: github.url, retryDelayMs: 1 };

    const before = await diffProtection(options);
    expect(before.drift).toBe(true);
    expect(before.items.map((item) => [item.target, item.name, item.status])).toEqual([
      ['github-ruleset', 'main-protection', 'missing'],
      ['github-ruleset', 'release-any-protection', 'missing'],
      ['github-branch-protection', 'main', 'missing'],
    ]);
    expect(before.notes).toEqual([
      'classic branch protection takes no wildcards: "release/*" is protected by its ruleset only',
    ]);

    const result = await applyProtection({ ...options, diff: before });
    expect(result.changes).toEqual([
      { target: 'github-ruleset', name: 'main-protection', action: 'created' },
      { target: 'github-ruleset', name: 'release-any-protection', action: 'created' },
      { target: 'github-branch-protection', name: 'main', action: 'created' },
    ]);
    const rulesets = [...repository.rulesets.values()];
    expect(rulesets.map((ruleset) => ruleset.name)).toEqual(['main-protection', 'release-any-protection']);
    expect(rulesets[0]?.bypass_actors).toEqual([
      { actor_id: 42, actor_type: 'Team', bypass_mode: 'pull_request' },
      { actor_id: 2, actor_type: 'RepositoryRole', bypass_mode: 'always' },
      { actor_id: null, actor_type: 'DeployKey', bypass_mode: 'always' },
      // includeAdministrators is false in an application repository: administrators may bypass.
      { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' },
    ]);
    expect(rulesets[1]?.conditions).toEqual({ ref_name: { include: ['refs/heads/release/*'], exclude: [] } });
    expect(repository.protection.get('main')?.required_signatures).toBe(true);

    const after = await diffProtection(options);
    expect(after.drift).toBe(false);
    expect(after.items.every((item) => item.status === 'in-sync')).toBe(true);
  });

  it('the stand-in rejects a body that GitHub would reject (so that the checks above can fail)', async () => {
    github.addRepository('acme/schema', { branches: ['main'] });
    const response = await fetch(`${github.url}/repos/acme/schema/rulesets`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'x',
        enforcement: 'sometimes',
        rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 'two' } }],
      }),
    });
    expect(response.status).toBe(422);
    expect(github.schemaErrors.splice(0)).toEqual([
      expect.stringMatching(/^POST \/repos\/acme\/schema\/rulesets: .*enforcement/),
    ]);
  });

  it('--target limits diff and apply to rulesets or the classic protection', async () => {
    github.addRepository('acme/rulesets-only', { branches: [] });
    const diff = await run(['protect', 'diff', '--repo', 'acme/rulesets-only', '--target', 'github-ruleset']);
    expect(diff).toMatchObject({
      code: 1,
      stdout:
        'ruleset "main-protection" (main): not on GitHub (apply creates it)\nacme/rulesets-only: 1 of 1 differ from the policy in gitops.yaml.\n',
    });
  });

  it('a GitLab repository (host: gitlab) is compared with GitLab, with GITLAB_TOKEN rather than GITHUB_TOKEN', async () => {
    const gitlab = path.join(base, 'on-gitlab');
    await scaffold({
      cwd: base,
      directory: gitlab,
      answers: {
        kind: 'application',
        tool: 'flux',
        name: 'shop',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '@acme/shop',
        envs: 'dev',
        host: 'gitlab',
      },
      git: false,
      today: '2026-01-15',
    });
    const result = await run(['protect', 'diff', '--repo', 'acme/shop'], {}, gitlab);
    expect(result).toMatchObject({
      code: 2,
      stderr:
        'gitops-init: no GitLab token: set GITLAB_TOKEN to a token with the api scope of a Maintainer or Owner of the project\n',
    });
    // test/protection/gitlab.test.ts covers diff and apply against a GitLab stand-in.
  });

  it('apply without a terminal needs --yes, and writes nothing', async () => {
    github.addRepository('acme/unconfirmed', { branches: ['main'] });
    const count = github.requests.length;
    const result = await run(['protect', 'apply', '--repo', 'acme/unconfirmed']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'gitops-init: protect apply changes the live repository: pass --yes to apply without a terminal to confirm on (run protect diff to see the changes)\n',
    );
    expect(github.requests.length).toBe(count);
  });

  describe('explains each error status in one line, exit 2', () => {
    it('401: the token is rejected', async () => {
      const result = await run(['protect', 'diff', '--repo', 'acme/platform'], { GITHUB_TOKEN: `${TOKEN}-wrong` });
      expect(result).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `gitops-init: GitHub rejected the token (401 Bad credentials); set GITHUB_TOKEN or GH_TOKEN to a valid token for ${github.url}\n`,
      });
    });

    it('403: the token has no admin rights on the repository', async () => {
      github.addRepository('acme/readonly', { admin: false });
      const result = await run(['protect', 'diff', '--repo', 'acme/readonly']);
      expect(result).toMatchObject({
        code: 2,
        stderr:
          'gitops-init: the token has no admin rights on acme/readonly: rulesets and branch protection need them; use a token of a repository administrator (fine-grained tokens: Administration read and write)\n',
      });
    });

    it('403: a write is refused', async () => {
      github.addRepository('acme/refused', { branches: ['main'] });
      github.fail({
        method: 'POST',
        path: /^\/repos\/acme\/refused\/rulesets$/,
        status: 403,
        body: { message: 'Resource not accessible by integration' },
      });
      const result = await run(['protect', 'apply', '--repo', 'acme/refused', '--yes']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'gitops-init: creating ruleset "main-protection" of acme/refused was refused (403 Resource not accessible by integration): rulesets and branch protection need admin rights on acme/refused; use a token of a repository administrator (fine-grained tokens: Administration read and write)\n',
      );
    });

    it('a failure part way says what was already applied', async () => {
      github.addRepository('acme/halfway', { branches: ['main'] });
      github.fail({
        method: 'PUT',
        path: /^\/repos\/acme\/halfway\/branches\/main\/protection$/,
        status: 403,
        body: { message: 'Upgrade to GitHub Pro' },
      });
      const result = await run(['protect', 'apply', '--repo', 'acme/halfway', '--yes']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'gitops-init: protecting main in acme/halfway was refused (403 Upgrade to GitHub Pro): rulesets and branch protection need admin rights on acme/halfway; use a token of a repository administrator (fine-grained tokens: Administration read and write) (already applied: created ruleset "main-protection")\n',
      );
    });

    it('200 with a body that is not JSON is an error, not a missing protection', async () => {
      github.addRepository('acme/garbled', { branches: ['main'] });
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/garbled\/branches\/main\/protection$/,
        status: 200,
        raw: '<html>proxy login</html>',
        times: 1,
      });
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/garbled\/rulesets$/,
        status: 200,
        raw: '<html>proxy login</html>',
        times: 1,
      });
      for (const target of ['github-ruleset', 'github-branch-protection']) {
        const result = await run(['protect', 'diff', '--repo', 'acme/garbled', '--target', target]);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toMatch(/^gitops-init: .*answered with something that is not GitHub's JSON.*\n$/);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).not.toContain(TOKEN);
      }
    });

    it('404: the repository does not exist', async () => {
      const result = await run(['protect', 'diff', '--repo', 'acme/missing']);
      expect(result).toMatchObject({
        code: 2,
        stderr:
          "gitops-init: repository acme/missing does not exist, or the token cannot see it (404); check --repo and the token's access\n",
      });
    });

    it('404: the branch does not exist', async () => {
      github.addRepository('acme/empty', { branches: [] });
      const result = await run(['protect', 'diff', '--repo', 'acme/empty']);
      expect(result).toMatchObject({
        code: 2,
        stderr:
          'gitops-init: branch "main" does not exist in acme/empty (404); push it first, or change the branch in protection.branches of gitops.yaml\n',
      });
    });

    it('an answer that quotes the token shows it masked', async () => {
      github.addRepository('acme/echo', { branches: ['main'] });
      github.fail({
        method: 'POST',
        path: /^\/repos\/acme\/echo\/rulesets$/,
        status: 422,
        body: { message: `Validation failed for token ${TOKEN}` },
      });
      const result = await run(['protect', 'apply', '--repo', 'acme/echo', '--yes']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'gitops-init: creating ruleset "main-protection" of acme/echo: GitHub answered 422 (Validation failed for token ***)\n',
      );
    });

    it('no token, a bad --repo or --api-url: usage errors before any request', async () => {
      const count = github.requests.length;
      expect(await run(['protect', 'diff', '--repo', 'acme/platform'], { GITHUB_TOKEN: '' })).toMatchObject({
        code: 2,
        stderr:
          'gitops-init: no GitHub token: set GITHUB_TOKEN or GH_TOKEN to a token with admin rights on the repository\n',
      });
      expect(await run(['protect', 'diff', '--repo', 'platform'])).toMatchObject({
        code: 2,
        stderr: 'gitops-init: --repo "platform": give the GitHub repository as owner/name, e.g. --repo acme/platform\n',
      });
      expect(
        await run(['protect', 'diff', '--repo', 'acme/platform', '--api-url', `http://x:${TOKEN}@127.0.0.1/`]),
      ).toMatchObject({
        code: 2,
        stderr: 'gitops-init: --api-url must not contain credentials; give the token in GITHUB_TOKEN or GH_TOKEN\n',
      });
      expect((await run(['protect', 'diff'])).code).toBe(2);
      expect(github.requests.length).toBe(count);
    });

    it('GH_TOKEN is read when GITHUB_TOKEN is not set', async () => {
      const result = await run(['protect', 'diff', '--repo', 'acme/platform'], { GITHUB_TOKEN: '', GH_TOKEN: TOKEN });
      expect(result).toMatchObject({
        code: 0,
        stdout: 'acme/platform matches the policy in gitops.yaml (2 checked).\n',
      });
    });

    it('an unreachable host (after the retries)', async () => {
      const closed = await FakeGithub.start(TOKEN);
      const url = closed.url;
      await closed.close();
      const error = await diffProtection({
        cwd: root,
        repository: 'acme/platform',
        token: TOKEN,
        apiUrl: url,
        retryDelayMs: 1,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GitopsError);
      expect((error as GitopsError).code).toBe('GITHUB_UNREACHABLE');
      expect((error as GitopsError).message).toMatch(
        new RegExp(
          `^reading acme/platform: cannot reach ${url.replace(/\./g, '\\.')} \\(.+\\); check apiUrl \\(or GITHUB_API_URL\\) and the network$`,
        ),
      );
      // The API names its option; the CLI renders the same error with the flag.
      expect((error as GitopsError).describe(flagName)).toMatch(
        /; check --api-url \(or GITHUB_API_URL\) and the network$/,
      );
      expect((error as GitopsError).message).not.toContain(TOKEN);
    });
  });

  describe('retries and rate limits (octokit retry and throttling, with tiny waits)', () => {
    const options = (): Parameters<typeof diffProtection>[0] => ({
      cwd: root,
      repository: 'acme/platform',
      token: TOKEN,
      apiUrl: github.url,
      retryDelayMs: 1,
    });
    const count = (pathname: string): number => github.requests.filter((request) => request.path === pathname).length;

    it('retries a 5xx answer', async () => {
      const before = count('/repos/acme/platform');
      github.fail({ method: 'GET', path: /^\/repos\/acme\/platform$/, status: 502, times: 2 });
      const diff = await diffProtection(options());
      expect(diff.drift).toBe(false);
      expect(count('/repos/acme/platform') - before).toBe(3);
    });

    it('waits out a rate limit and a secondary rate limit', async () => {
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform$/,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
        body: { message: 'API rate limit exceeded' },
      });
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform\/rulesets$/,
        status: 403,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      });
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform\/rulesets\/\d+$/,
        status: 429,
        body: { message: 'Too many requests' },
      });
      const before = github.requests.length;
      const diff = await diffProtection(options());
      expect(diff.drift).toBe(false);
      expect(diff.notes).toEqual([
        "GitHub's rate limit was reached on GET /repos/{owner}/{repo}; retried after 1 s",
        "GitHub's secondary rate limit was reached on GET /repos/{owner}/{repo}/rulesets; retried after 1 s",
      ]);
      // Each limited request was sent again: repository, rulesets, the ruleset (429), branch, protection;
      // then the access: teams, direct and outside collaborators.
      expect(github.requests.length - before).toBe(5 + 3 + 3);
    });

    it('gives up after the retries, with a bounded number of requests', async () => {
      const before = count('/repos/acme/platform');
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform$/,
        status: 500,
        times: 100,
        body: { message: 'Server Error' },
      });
      const error = await diffProtection(options()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GitopsError);
      expect(error).toMatchObject({
        code: 'GITHUB_REQUEST_FAILED',
        message: 'reading acme/platform: GitHub answered 500 (Server Error)',
      });
      expect(count('/repos/acme/platform') - before).toBe(4);
    });

    it('does not wait an hour for a rate limit: it says when to try again', async () => {
      const reset = Math.floor(Date.now() / 1000) + 3600;
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform$/,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: { message: 'API rate limit exceeded' },
      });
      const error = await diffProtection(options()).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'GITHUB_RATE_LIMITED',
        message: `reading acme/platform: GitHub's API rate limit is exhausted (403) until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC; try again later`,
      });
    });

    it('does not hang on a host that never answers', async () => {
      github.fail({ method: 'GET', path: /^\/repos\/acme\/platform$/, status: 0, times: 10 });
      const error = await diffProtection({ ...options(), timeoutMs: 300 }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'GITHUB_TIMEOUT',
        message: `reading acme/platform: ${github.url} did not answer within 0.3 s; check apiUrl (or GITHUB_API_URL) and the network`,
      });
    });

    // The timeout bounds a whole call, its retries and the waits between them included: with a
    // timeout per try, a host that never answered was given 4 tries and 3 waits (30 s each, 134 s
    // in all, for "did not answer within 30 s"). Each case below took several times its timeout so.
    /** How much later than its timeout a call may end: reading gitops.yaml, starting octokit, a busy machine. */
    const SLACK_MS = 1000;
    const timed = async (timeoutMs: number, retryDelayMs: number): Promise<{ error: unknown; ms: number }> => {
      const started = performance.now();
      const error = await diffProtection({ ...options(), timeoutMs, retryDelayMs }).catch((caught: unknown) => caught);
      return { error, ms: performance.now() - started };
    };

    it('gives a host that never answers its timeout in all, not per try', async () => {
      const before = count('/repos/acme/platform');
      github.fail({ method: 'GET', path: /^\/repos\/acme\/platform$/, status: 0, times: 10 });
      const { error, ms } = await timed(1500, 300);
      expect(error).toMatchObject({
        code: 'GITHUB_TIMEOUT',
        message: `reading acme/platform: ${github.url} did not answer within 1.5 s; check apiUrl (or GITHUB_API_URL) and the network`,
      });
      expect(ms).toBeGreaterThanOrEqual(1500);
      expect(ms).toBeLessThan(1500 + SLACK_MS);
      expect(count('/repos/acme/platform') - before).toBe(1);
    });

    it('retries slow 5xx answers while the time allows, then reports the last answer', async () => {
      const before = count('/repos/acme/platform');
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform$/,
        status: 502,
        delayMs: 150,
        times: 100,
        body: { message: 'Bad Gateway' },
      });
      // Tries at 0 and after a wait of 300 ms; the next wait (1.2 s) would end after the 1.5 s.
      const { error, ms } = await timed(1500, 300);
      expect(error).toMatchObject({
        code: 'GITHUB_REQUEST_FAILED',
        message: 'reading acme/platform: GitHub answered 502 (Bad Gateway)',
      });
      expect(ms).toBeLessThan(1500 + SLACK_MS);
      expect(count('/repos/acme/platform') - before).toBeGreaterThanOrEqual(2);
    });

    it('does not wait out a rate limit that would end after the timeout: it says so at once', async () => {
      github.fail({
        method: 'GET',
        path: /^\/repos\/acme\/platform$/,
        status: 403,
        headers: { 'retry-after': '30' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      });
      // retry-after 30 with 100 ms per second of it: a 3 s wait, beyond the 1.5 s.
      const { error, ms } = await timed(1500, 100);
      expect(error).toMatchObject({
        code: 'GITHUB_RATE_LIMITED',
        message: "reading acme/platform: GitHub's API rate limit is exhausted (403); try again later",
      });
      expect(ms).toBeLessThan(1500);
    });
  });

  // Runs last: the CLI runs above covered drift, apply, 401, 403, 404, usage errors and an answer quoting the token.
  it('never printed the token, in any CLI run of this file', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN);
    expect(outputs.some((output) => output.stderr.includes('***'))).toBe(true);
  });
});
