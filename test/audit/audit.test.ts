import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { audit } from '../../src/api/audit.js';
import { cli } from '../helpers/cli.js';
import { FakeGithub } from '../helpers/github-server.js';
import { addAccessRoutes, type AccessRoutes } from '../helpers/github-access-routes.js';
import { addOrganisation, type Organisation } from '../helpers/github-org-routes.js';
import { applyPolicy, scaffoldedFiles, serveTeams } from './fixtures.js';

const TOKEN = 'ghp_auditT0ken';

let application: Record<string, string>;
let infrastructure: Record<string, string>;
let fake: FakeGithub;
let org: Organisation;
let access: AccessRoutes;
let cwd: string;

beforeAll(async () => {
  application = await scaffoldedFiles('application');
  infrastructure = await scaffoldedFiles('infrastructure');
});

beforeEach(async () => {
  fake = await FakeGithub.start(TOKEN);
  org = addOrganisation(fake, 'acme');
  access = addAccessRoutes(fake);
  serveTeams(fake);
  cwd = mkdtempSync(path.join(tmpdir(), 'gitops-audit-cwd-'));
});

afterEach(async () => {
  expect(fake.schemaErrors).toEqual([]);
  await fake.close();
  rmSync(cwd, { recursive: true, force: true });
});

/** An organisation with a compliant, a drifted and a bare repository, an unreadable one and an archived one. */
async function mixedOrganisation(): Promise<void> {
  org.add({ name: 'checkout', files: application });
  await applyPolicy(fake, 'acme/checkout', application, TOKEN);
  org.add({ name: 'platform', files: infrastructure });
  await applyPolicy(fake, 'acme/platform', infrastructure, TOKEN);
  // Someone lowered the approvals of the live ruleset by hand, and unprotected the branch.
  const platform = fake.repositories.get('acme/platform');
  for (const ruleset of platform?.rulesets.values() ?? []) {
    const rules = ruleset.rules as { type: string; parameters?: Record<string, unknown> }[];
    const pullRequest = rules.find((rule) => rule.type === 'pull_request');
    if (pullRequest?.parameters) pullRequest.parameters.required_approving_review_count = 1;
  }
  platform?.protection.clear();
  // And gave someone write access the policy does not grant.
  access.of('acme/platform').collaborators.set('mallory', { role: 'push', outside: true });
  org.add({ name: 'bare', files: { 'README.md': '# A repository nobody set up\n' } });
  org.add({ name: 'broken', files: application, failWith: 500 });
  org.add({ name: 'old', files: { 'README.md': '# archived\n' }, archived: true });
}

const env = { GITHUB_TOKEN: TOKEN };

describe('gitops-init audit --org', () => {
  test('a compliant, a drifted, a bare and an unreadable repository: each finding, the summary, exit 1', async () => {
    await mixedOrganisation();
    const before = fake.requests.length;
    const report = await audit({ org: 'acme', token: TOKEN, apiUrl: fake.url, retryDelayMs: 1 });
    const status = Object.fromEntries(report.repositories.map((entry) => [entry.repository, entry.status]));
    expect(status).toEqual({
      'acme/bare': 'drifted',
      'acme/broken': 'unreadable',
      'acme/checkout': 'compliant',
      'acme/platform': 'drifted',
    });
    expect(report.summary).toEqual({ checked: 4, compliant: 1, drifted: 2, unreadable: 1 });
    expect(report.skipped).toEqual({ archived: 1, filtered: 0 });

    const byFile = Object.fromEntries(
      report.results.map((result) => [result.filePath, result.messages.map((message) => message.ruleId)]),
    );
    expect(byFile['acme/bare/gitops.yaml']).toEqual(['audit-descriptor-exists']);
    expect(byFile['acme/bare/.github/CODEOWNERS']).toEqual(['audit-codeowners-exists']);
    expect(byFile['acme/broken']).toEqual(['audit-unreadable']);
    const platform = report.results.find((result) => result.filePath === 'acme/platform/gitops.yaml');
    const messages = platform?.messages.map((message) => message.message) ?? [];
    expect(messages).toContainEqual(
      expect.stringContaining(
        'ruleset "main-protection" (main): rules[pull_request].parameters.required_approving_review_count: live 1, policy 2',
      ),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('the classic protection of branch main is not on the live repository'),
    );
    expect(messages).toContainEqual(
      expect.stringContaining('outside collaborator @mallory: live push, policy none; take it away'),
    );
    expect(report.results.find((result) => result.filePath.startsWith('acme/checkout'))).toBeUndefined();
    expect(report.results.find((result) => result.filePath.startsWith('acme/old'))).toBeUndefined();
    // Nothing was written without --fix.
    expect(fake.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([]);

    const run = await cli(['audit', '--org', 'acme', '--api-url', fake.url], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('acme/platform/gitops.yaml');
    expect(run.stdout).toContain('audit-protection-drift');
    expect(run.stderr).toMatch(/repositories checked\s+4\n\s+compliant\s+1\n\s+drifted\s+2\n\s+unreadable\s+1\n/);
    expect(run.stderr).toContain('skipped: 1 archived');
    // No progress line without a terminal.
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toContain(TOKEN);
  });

  test('an organisation in order exits 0; --repos and --include-archived choose the repositories', async () => {
    org.add({ name: 'checkout', files: application });
    await applyPolicy(fake, 'acme/checkout', application, TOKEN);
    org.add({ name: 'bare', files: { 'README.md': '# bare\n' } });
    org.add({ name: 'old', files: { 'README.md': '# archived\n' }, archived: true });
    const clean = await cli(['audit', '--org', 'acme', '--api-url', fake.url, '--repos', 'check*'], { cwd, env });
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toContain('skipped: 1 archived, 1 not matching --repos');
    expect(clean.code).toBe(0);
    const archived = await audit({
      org: 'acme',
      token: TOKEN,
      apiUrl: fake.url,
      repos: 'acme/{old,checkout}',
      includeArchived: true,
    });
    expect(archived.repositories.map((entry) => `${entry.repository} ${entry.status}`)).toEqual([
      'acme/checkout compliant',
      'acme/old drifted',
    ]);
  });

  test('a progress line on a terminal only', async () => {
    org.add({ name: 'bare', files: { 'README.md': '# bare\n' } });
    const run = await cli(['audit', '--org', 'acme', '--api-url', fake.url], { cwd, env, isTTY: true });
    expect(run.stderr).toContain('\rgitops-init: audited 1 of 1 repositories\n');
    expect(run.code).toBe(1);
  });

  test.each([
    ['a token GitHub rejects (401)', ['--org', 'acme'], { GITHUB_TOKEN: 'wrong' }, /GitHub rejected the token \(401/],
    ['no token', ['--org', 'acme'], {}, /no GitHub token: set GITHUB_TOKEN or GH_TOKEN/],
    ['an organisation GitHub does not know (404)', ['--org', 'nobody'], env, /organisation "nobody" does not exist/],
    ['neither --org nor --group', [], env, /give a GitHub organisation with --org/],
    ['a bad --concurrency', ['--org', 'acme', '--concurrency', '0'], env, /--concurrency 0: give a whole number/],
    ['--fix without --yes and without a terminal', ['--org', 'acme', '--fix'], env, /pass --yes to apply/],
  ])('%s: one line, exit 2', async (_name, argv, runEnv, message) => {
    org.add({ name: 'bare', files: { 'README.md': '# bare\n' } });
    const run = await cli(['audit', ...argv, '--api-url', fake.url], { cwd, env: runEnv });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('wrong');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  test('--fix --yes applies each drifted policy; the next audit finds the organisation in order', async () => {
    org.add({ name: 'checkout', files: application });
    org.add({ name: 'platform', files: infrastructure });
    await applyPolicy(fake, 'acme/platform', infrastructure, TOKEN);
    const platform = fake.repositories.get('acme/platform');
    for (const ruleset of platform?.rulesets.values() ?? []) ruleset.enforcement = 'evaluate';
    access.of('acme/platform').teams.delete('platform');
    const fixed = await cli(['audit', '--org', 'acme', '--api-url', fake.url, '--fix', '--yes'], { cwd, env });
    expect(fixed.stderr).toContain('gitops-init: acme/checkout: created ruleset "main-protection"');
    expect(fixed.stderr).toContain('gitops-init: acme/platform: updated ruleset "main-protection"');
    expect(fixed.stderr).toContain('gitops-init: acme/platform: granted maintain to team @acme/platform');
    expect(fixed.code).toBe(0);
    const again = await cli(['audit', '--org', 'acme', '--api-url', fake.url], { cwd, env });
    expect(again.stderr).toMatch(/compliant\s+2\n/);
    expect(again.code).toBe(0);
  });

  test('GitHub rate limits, primary and secondary, are waited out and retried', async () => {
    org.add({ name: 'checkout', files: application });
    await applyPolicy(fake, 'acme/checkout', application, TOKEN);
    fake.fail({
      method: 'GET',
      path: /\/git\/trees\//,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    });
    fake.fail({
      method: 'GET',
      path: /\/contents\//,
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const report = await audit({ org: 'acme', token: TOKEN, apiUrl: fake.url, retryDelayMs: 5 });
    expect(report.summary).toEqual({ checked: 1, compliant: 1, drifted: 0, unreadable: 0 });
    expect(report.notes.filter((note) => note.includes('rate limit was reached'))).toHaveLength(2);
  });

  test('400 repositories behind secondary rate limits finish well under two minutes', async () => {
    // A stand-in of its own: the organisation's routes answer for one organisation.
    const big = await FakeGithub.start(TOKEN);
    const limited = addOrganisation(big, 'acme', { secondaryLimitEvery: 9 });
    const bigAccess = addAccessRoutes(big);
    serveTeams(big);
    const first = 'acme/repo-000';
    limited.add({ name: 'repo-000', files: application });
    await applyPolicy(big, first, application, TOKEN);
    const live = big.repositories.get(first);
    for (let index = 1; index < 400; index += 1) {
      const name = `repo-${String(index).padStart(3, '0')}`;
      limited.add({ name, files: application });
      const repository = big.repositories.get(`acme/${name}`);
      if (!repository || !live) continue;
      for (const [id, ruleset] of live.rulesets) repository.rulesets.set(id, structuredClone(ruleset));
      for (const [branch, protection] of live.protection)
        repository.protection.set(branch, structuredClone(protection));
      for (const [team, grant] of bigAccess.of(first).teams) bigAccess.of(`acme/${name}`).teams.set(team, grant);
    }
    const started = performance.now();
    const report = await audit({ org: 'acme', token: TOKEN, apiUrl: big.url, retryDelayMs: 20 });
    const seconds = (performance.now() - started) / 1000;
    expect(big.schemaErrors).toEqual([]);
    await big.close();
    expect(report.summary).toEqual({ checked: 400, compliant: 400, drifted: 0, unreadable: 0 });
    expect(limited.limited).toBeGreaterThan(100);
    // Measured at 38-41 s on a 2-core machine with a load average of 21.
    expect(seconds).toBeLessThan(90);
  }, 120_000);
});

describe('every format', () => {
  beforeEach(async () => {
    await mixedOrganisation();
  });

  const run = async (format: string): Promise<string> => {
    const result = await cli(['audit', '--org', 'acme', '--api-url', fake.url, '--format', format, '-o', 'report'], {
      cwd,
      env,
    });
    expect(result.code).toBe(1);
    return readFileSync(path.join(cwd, 'report'), 'utf8');
  };

  test('json: ESLint results with <owner>/<repo>/<path>', async () => {
    const results = JSON.parse(await run('json')) as { filePath: string; errorCount: number }[];
    expect(results.map((result) => result.filePath)).toContain('acme/platform/gitops.yaml');
    expect(results.every((result) => result.errorCount > 0)).toBe(true);
  });

  test('sarif: one result per finding, located in its repository', async () => {
    const sarif = JSON.parse(await run('sarif')) as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const uris = sarif.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('acme/bare/gitops.yaml');
    expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toContain('audit-protection-drift');
  });

  test('junit, github and gitlab', async () => {
    expect(await run('junit')).toMatch(/<testsuite [^>]*name="acme\/bare\/gitops.yaml">/);
    expect(await run('github')).toContain('::error file=acme/bare/gitops.yaml,line=1');
    const gitlab = JSON.parse(await run('gitlab')) as { location: { path: string } }[];
    expect(gitlab.map((issue) => issue.location.path)).toContain('acme/broken');
  });

  test('stylish', async () => {
    const text = await run('stylish');
    expect(text).toContain('acme/bare/.github/CODEOWNERS');
    expect(text).toMatch(/problems?/);
  });
});
