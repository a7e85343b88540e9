import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pendingAnswers, scaffold, scaffoldPrompts, type RawAnswers } from '../../src/api/scaffold.js';
import { flagName } from '../../src/cli/flags.js';
import { ConfigError, RefusedError, UsageError } from '../../src/errors.js';
import { git } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const { track } = temporaryRepositories();

const SHOP: RawAnswers = {
  kind: 'application',
  tool: 'flux',
  name: 'shop',
  org: 'acme',
  platformTeam: '@acme/platform',
  appTeams: '@acme/shop',
  envs: 'dev,production',
  host: 'github',
};

function base(): string {
  return track(mkdtempSync(path.join(tmpdir(), 'gitops-init-api-scaffold-')));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe('scaffold()', () => {
  it('writes the repository, initialises git on the default branch and returns the plan', async () => {
    const cwd = base();
    const result = await scaffold({ cwd, directory: 'shop', answers: SHOP, today: '2026-01-15' });
    expect(result.root).toBe(path.join(cwd, 'shop'));
    expect(result).toMatchObject({ dryRun: false, gitInitialized: true, committed: false });
    expect(result.answers).toMatchObject({
      kind: 'application',
      appTeams: ['@acme/shop'],
      envs: ['dev', 'production'],
    });
    expect(result.answers).toMatchObject({
      ci: 'github',
      hooks: 'husky',
      defaultBranch: 'main',
      created: '2026-01-15',
    });
    expect(result.files.every((file) => file.status === 'create')).toBe(true);
    expect(result.written).toEqual(result.files.map((file) => file.path));
    expect(result.written).toEqual(expect.arrayContaining(['gitops.yaml', '.github/CODEOWNERS', 'VERSION']) as unknown);
    const descriptor = parse(readFileSync(path.join(result.root, 'gitops.yaml'), 'utf8')) as Record<string, unknown>;
    expect(descriptor).toMatchObject({
      kind: 'application',
      tool: 'flux',
      name: 'shop',
      environments: ['dev', 'production'],
    });
    expect(git(result.root, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
  });

  it('plans without writing with dryRun', async () => {
    const cwd = base();
    const result = await scaffold({ cwd, directory: 'shop', answers: SHOP, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.written).toEqual([]);
    expect(result.files.length).toBeGreaterThan(10);
    expect(() => readFileSync(path.join(cwd, 'shop/gitops.yaml'))).toThrow();
  });

  it('runs again from the answers stored in gitops.yaml, changing nothing', async () => {
    const cwd = base();
    const first = await scaffold({ cwd, directory: 'shop', answers: SHOP, today: '2026-01-15' });
    const again = await scaffold({ cwd, directory: 'shop' });
    expect(again.written).toEqual([]);
    expect(again.files.map((file) => file.status)).toEqual(first.files.map(() => 'unchanged'));
    expect(again.answers).toEqual(first.answers);
    expect(again.gitInitialized).toBe(false);
  });

  it('refuses to overwrite a changed file unless force, writing nothing', async () => {
    const cwd = base();
    const { root } = await scaffold({ cwd, directory: 'shop', answers: SHOP });
    writeFileSync(path.join(root, 'VERSION'), '9.9.9\n');
    writeFileSync(path.join(root, 'README.md'), 'mine\n');
    const error = await rejection(scaffold({ cwd, directory: 'shop' }));
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).code).toBe('CONFLICT');
    expect(error.message).toBe(
      'refusing to overwrite 2 files whose content differs (nothing was written; use force to overwrite, dryRun to see the plan):\n  README.md\n  VERSION',
    );
    expect((error as RefusedError).describe(flagName)).toContain('use --force to overwrite, --dry-run to see the plan');
    expect(readFileSync(path.join(root, 'VERSION'), 'utf8')).toBe('9.9.9\n');

    const forced = await scaffold({ cwd, directory: 'shop', force: true });
    expect(forced.files.filter((file) => file.status === 'overwrite').map((file) => file.path)).toEqual([
      'README.md',
      'VERSION',
    ]);
    expect(forced.written).toEqual(['README.md', 'VERSION']);
    expect(readFileSync(path.join(root, 'VERSION'), 'utf8')).not.toBe('9.9.9\n');
  });

  it('names the missing answers by their option keys; the CLI names their flags', async () => {
    const error = await rejection(scaffold({ cwd: base(), answers: { kind: 'infrastructure', name: 'platform' } }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'missing answers: answers.tool, answers.org, answers.platformTeam, answers.envs, answers.host; give them as answers, in answersFile <file.yaml>, or use yes for defaults',
    );
    expect((error as UsageError).describe(flagName)).toBe(
      'missing answers: --tool, --org, --platform-team, --envs, --host; give them as flags, in --answers <file.yaml>, or use --yes for defaults',
    );
  });

  it('reports every invalid answer at once, by option key', async () => {
    const error = await rejection(
      scaffold({
        cwd: base(),
        answers: { ...SHOP, org: 'acme', appTeams: '@other/shop', envs: 'dev,dev', defaultBranch: 'bad..branch' },
      }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message.split('\n')).toEqual([
      'answers.appTeams "@other/shop": the team must belong to answers.org "acme"',
      'answers.envs "dev,dev": an environment is listed twice',
      'answers.defaultBranch "bad..branch": not a valid git branch name',
    ]);
    expect((error as UsageError).describe(flagName).split('\n')[0]).toBe(
      '--app-team "@other/shop": the team must belong to --org "acme"',
    );
  });

  it('fills the rest with defaults with yes', async () => {
    const result = await scaffold({
      cwd: base(),
      directory: 'edge',
      answers: { kind: 'infrastructure' },
      yes: true,
      dryRun: true,
    });
    expect(result.answers).toMatchObject({
      kind: 'infrastructure',
      tool: 'flux',
      name: 'edge',
      org: 'my-org',
      platformTeam: '@my-org/platform',
      appTeams: [],
      envs: ['dev', 'staging', 'production'],
    });
  });

  it('reads an answers file keyed in kebab case, the given answers winning', async () => {
    const cwd = base();
    writeFileSync(
      path.join(cwd, 'answers.yaml'),
      'kind: application\ntool: argocd\nname: shop\norg: acme\nplatform-team: "@acme/platform"\napp-team: ["@acme/shop"]\nenvs: [dev, production]\nhost: gitlab\n',
    );
    const result = await scaffold({ cwd, answersFile: 'answers.yaml', answers: { tool: 'helm' }, dryRun: true });
    expect(result.answers).toMatchObject({ tool: 'helm', host: 'gitlab', ci: 'gitlab', appTeams: ['@acme/shop'] });

    writeFileSync(path.join(cwd, 'bad.yaml'), 'kind: application\nplatformTeam: "@acme/platform"\n');
    const error = await rejection(scaffold({ cwd, answersFile: 'bad.yaml' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      'bad.yaml: unknown answer "platformTeam"; allowed: kind, tool, name, org, platform-team, app-team, envs, host, ci, hooks, default-branch, audit-org',
    );
    const unreadable = await rejection(scaffold({ cwd, answersFile: 'missing.yaml' }));
    expect(unreadable.message).toBe('answersFile "missing.yaml": cannot read the file (ENOENT)');
    expect((unreadable as UsageError).describe(flagName)).toBe(
      '--answers "missing.yaml": cannot read the file (ENOENT)',
    );
  });
});

describe('pendingAnswers()', () => {
  it('says which required answers are missing, without asking', () => {
    const cwd = base();
    expect(pendingAnswers({ cwd, answers: { kind: 'application', name: 'shop' } }).missingRequired).toEqual([
      'tool',
      'org',
      'platformTeam',
      'appTeams',
      'envs',
      'host',
    ]);
    // An infrastructure repository may have no tenants yet: appTeams has a default.
    const infrastructure = pendingAnswers({ cwd, answers: { ...SHOP, kind: 'infrastructure', appTeams: undefined } });
    expect(infrastructure.missingRequired).toEqual([]);
    expect(infrastructure.missing).toEqual(['appTeams', 'ci', 'hooks', 'defaultBranch', 'auditOrg']);
    expect(pendingAnswers({ cwd, answers: { kind: 'application' }, yes: true }).missingRequired).toEqual([]);
  });
});

describe('scaffoldPrompts()', () => {
  it("asks the missing answers with the generators' prompts, validating as scaffold() does", async () => {
    const cwd = base();
    const pending = pendingAnswers({ cwd, answers: { kind: 'application', org: 'acme' } });
    const plop = await scaffoldPrompts(pending, { missing: ['platformTeam', 'envs'], given: pending.given });
    expect(plop.getGeneratorList().map((generator) => generator.name)).toEqual([
      'gitops-init',
      'infrastructure',
      'application',
    ]);
    const prompts = plop.getGenerator('application').prompts as {
      name: string;
      validate?: (input: unknown, answers?: RawAnswers) => string | true;
    }[];
    expect(prompts.map((prompt) => prompt.name)).toEqual(['platformTeam', 'envs']);
    const platformTeam = prompts[0]?.validate;
    expect(platformTeam?.('@acme/platform')).toBe(true);
    // The question names the answer; the other options it mentions are named by nameOption.
    expect(platformTeam?.('@other/platform')).toBe('"@other/platform": the team must belong to answers.org "acme"');
    const cli = await scaffoldPrompts(pending, {
      missing: ['platformTeam'],
      given: pending.given,
      nameOption: flagName,
    });
    const validate = (cli.getGenerator('application').prompts as typeof prompts)[0]?.validate;
    expect(validate?.('@other/platform')).toBe('"@other/platform": the team must belong to --org "acme"');
  });
});
