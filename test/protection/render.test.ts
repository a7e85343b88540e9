import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lint } from '../../src/api/lint.js';
import { renderProtection } from '../../src/api/protection.js';
import { renderProtectionFiles } from '../../src/protection/files.js';
import { defaultPolicy, type ProtectionPolicy } from '../../src/protection/policy.js';
import { scaffold } from '../../src/api/scaffold.js';
import { cli } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/github-server.js';

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-render-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

async function newRepository(
  name: string,
  host: 'github' | 'gitlab' = 'github',
  kind: 'infrastructure' | 'application' = 'infrastructure',
): Promise<string> {
  const root = path.join(base, name);
  await scaffold({
    cwd: base,
    directory: root,
    answers: {
      kind,
      tool: 'argocd',
      name,
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: kind === 'application' ? '@acme/shop' : '',
      envs: 'dev',
      host,
    },
    git: false,
    today: '2026-01-15',
  });
  return root;
}

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');
const setPolicy = (root: string, lines: string[]): void => {
  const text = read(root, 'gitops.yaml').replace(
    /protection:\n[\s\S]*?(?=# Answers)/,
    `${['protection:', ...lines].join('\n')}\n`,
  );
  writeFileSync(path.join(root, 'gitops.yaml'), text);
};

describe('gitops-init protect render', () => {
  it('finds a new repository in sync: every file unchanged, nothing written', async () => {
    for (const host of ['github', 'gitlab'] as const) {
      const root = await newRepository(`fresh-${host}`, host);
      const files =
        host === 'github'
          ? ['.github/rulesets/main-protection.json', '.github/settings.yml']
          : ['.gitlab/protected-branches.json', '.gitlab/approval-rules.json'];
      const mtimes = files.map((file) => statSync(path.join(root, file)).mtimeMs);
      const run = await cli(['protect', 'render'], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(
        host === 'github'
          ? '  unchanged  .github/rulesets/main-protection.json\n  unchanged  .github/settings.yml\n0 files written, 2 unchanged.\n'
          : '  unchanged  .gitlab/protected-branches.json\n  unchanged  .gitlab/approval-rules.json\n  unchanged  .gitlab/merge-request-settings.json\n  unchanged  .gitlab/access.json\n0 files written, 4 unchanged.\n',
      );
      expect(files.map((file) => statSync(path.join(root, file)).mtimeMs)).toEqual(mtimes);
    }
  });

  it('writes the classic protection body under .github/branch-protection/, valid for PUT …/branches/{branch}/protection', async () => {
    const root = await newRepository('classic');
    const run = await cli(['protect', 'render', '--target', 'github-branch-protection'], { cwd: root });
    expect(run).toMatchObject({
      code: 0,
      stdout: '  create  .github/branch-protection/main.json\n1 file written, 0 unchanged.\n',
    });
    const body = JSON.parse(read(root, '.github/branch-protection/main.json')) as unknown;
    const validate = schemaValidator('/repos/{owner}/{repo}/branches/{branch}/protection', 'put', 'request');
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body).toMatchObject({
      enforce_admins: true,
      allow_force_pushes: false,
      required_pull_request_reviews: { required_approving_review_count: 2 },
    });
    // The API returns the same plan as data.
    expect(await renderProtection({ cwd: root, target: 'github-branch-protection' })).toMatchObject({
      root,
      files: [{ path: '.github/branch-protection/main.json', target: 'github-branch-protection', status: 'unchanged' }],
      written: [],
      dryRun: false,
      notes: [],
    });
  });

  it('never overwrites a file that says something else without --force; with it, keeps the rest of settings.yml', async () => {
    const root = await newRepository('changed');
    setPolicy(root, ['  branches:', '    main:', '      requiredApprovals: 3', '      requireSignedCommits: true']);
    const ruleset = read(root, '.github/rulesets/main-protection.json');
    const settings = read(root, '.github/settings.yml');

    const dry = await cli(['protect', 'render', '--dry-run'], { cwd: root });
    expect(dry).toMatchObject({
      code: 1,
      stdout:
        '  conflict  .github/rulesets/main-protection.json\n  conflict  .github/settings.yml\nDry run: 0 to create, 0 unchanged, 0 to overwrite, 2 in conflict. Nothing was written.\n',
    });
    const refused = await cli(['protect', 'render'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'gitops-init: refusing to overwrite 2 files whose content differs from the policy in gitops.yaml (nothing was written; use --force to overwrite, or lint --fix):\n  .github/rulesets/main-protection.json\n  .github/settings.yml\n',
    );
    expect(read(root, '.github/rulesets/main-protection.json')).toBe(ruleset);
    expect(read(root, '.github/settings.yml')).toBe(settings);

    const forced = await cli(['protect', 'render', '--force'], { cwd: root });
    expect(forced).toMatchObject({
      code: 0,
      stdout:
        '  overwrite  .github/rulesets/main-protection.json\n  overwrite  .github/settings.yml\n2 files written, 0 unchanged.\n',
    });
    const rules = (
      JSON.parse(read(root, '.github/rulesets/main-protection.json')) as {
        rules: { type: string; parameters?: Record<string, unknown> }[];
      }
    ).rules;
    expect(rules.find((rule) => rule.type === 'pull_request')?.parameters?.required_approving_review_count).toBe(3);
    expect(rules.map((rule) => rule.type)).toContain('required_signatures');
    const written = read(root, '.github/settings.yml');
    expect(written.startsWith(settings.split('branches:')[0] ?? '')).toBe(true);
    const value = parse(written) as {
      repository: { name: string };
      rulesets: unknown[];
      branches: { protection: { required_pull_request_reviews: { required_approving_review_count: number } } }[];
    };
    expect(value.repository.name).toBe('changed');
    expect(value.branches[0]?.protection.required_pull_request_reviews.required_approving_review_count).toBe(3);
    // The files now say what the policy says: lint finds nothing out of sync.
    const report = await lint({ cwd: root });
    expect(report.diagnostics.filter((diagnostic) => diagnostic.ruleId?.startsWith('protection-'))).toEqual([]);
  });

  it('refuses an infrastructure policy below the floor, naming each field and its line (exit 2)', async () => {
    const root = await newRepository('lowered');
    setPolicy(root, ['  branches:', '    main:', '      requiredApprovals: 1', '      blockForcePushes: false']);
    const line = (text: string): number =>
      read(root, 'gitops.yaml')
        .split('\n')
        .findIndex((entry) => entry.includes(text)) + 1;
    const run = await cli(['protect', 'render', '--force'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'gitops-init: gitops.yaml: the protection policy is below the floor of an infrastructure repository, which cannot be lowered; raise it:',
        `  gitops.yaml:${line('requiredApprovals: 1')}: branch "main": requiredApprovals is 1; infrastructure repositories require at least 2`,
        `  gitops.yaml:${line('blockForcePushes: false')}: branch "main": blockForcePushes is false; infrastructure repositories require true`,
        '',
      ].join('\n'),
    );
    const report = await lint({ cwd: root });
    expect(
      report.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'protection-policy-minimum')
        .map((diagnostic) => diagnostic.severity),
    ).toEqual([2, 2]);
  });

  it('needs a gitops.yaml, and rejects an unknown target', async () => {
    const empty = mkdtempSync(path.join(base, 'empty-'));
    const run = await cli(['protect', 'render'], { cwd: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^gitops-init: no gitops\.yaml in .+: the branch protection policy is kept there; create one with 'gitops-init new'\n$/,
    );
    expect((await cli(['protect', 'render', '--target', 'bitbucket'], { cwd: empty })).code).toBe(2);
  });

  it('says which patterns a target cannot express', async () => {
    const root = await newRepository('patterns', 'github', 'application');
    setPolicy(root, [
      '  targets: [github-ruleset, github-branch-protection]',
      '  branches:',
      '    main: {}',
      "    'release/*': {}",
    ]);
    const run = await cli(['protect', 'render', '--force'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      'gitops-init: note: github-branch-protection: "release/*" is a pattern, which the classic branch protection API cannot express; its ruleset protects it\n',
    );
    expect(run.stdout).toBe(
      [
        '  unchanged  .github/rulesets/main-protection.json',
        '  create     .github/rulesets/release-any-protection.json',
        '  create     .github/branch-protection/main.json',
        '2 files written, 1 unchanged.',
        '',
      ].join('\n'),
    );
  });
});

describe('the protection section of gitops.yaml', () => {
  it('is checked against the descriptor schema: every problem with its line (exit 2)', async () => {
    const root = await newRepository('invalid');
    setPolicy(root, [
      '  targets: [github-ruleset, bitbucket]',
      '  branches:',
      '    main:',
      '      requiredApprovals: 7',
      '      bypassActors:',
      '        - { team: 1, app: 2 }',
    ]);
    const run = await cli(['protect', 'render'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('gitops-init: gitops.yaml does not match the descriptor schema:');
    for (const text of ['bitbucket', 'requiredApprovals: 7', '- { team: 1, app: 2 }']) {
      const line =
        read(root, 'gitops.yaml')
          .split('\n')
          .findIndex((entry) => entry.includes(text)) + 1;
      expect(run.stderr).toContain(`  gitops.yaml:${line}:`);
    }
  });

  it('creates .github/settings.yml with its branches, rulesets, teams and collaborators when there is none', async () => {
    const root = await newRepository('no-settings');
    rmSync(path.join(root, '.github/settings.yml'));
    const run = await cli(['protect', 'render', '--target', 'settings'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '  create  .github/settings.yml\n1 file written, 0 unchanged.\n' });
    const value = parse(read(root, '.github/settings.yml')) as Record<string, unknown[]>;
    expect(Object.keys(value)).toEqual(['branches', 'rulesets', 'teams', 'collaborators']);
    // The access policy: the kind's defaults for the teams of gitops.yaml.
    expect(value.teams).toEqual([{ name: 'platform', permission: 'maintain' }]);
    expect(value.collaborators).toEqual([]);
    expect(value.rulesets?.[0]).toEqual(JSON.parse(read(root, '.github/rulesets/main-protection.json')));
  });

  it('scaffolds without CI keep the lint check required, declared as reported elsewhere, and lint clean', async () => {
    for (const kind of ['infrastructure', 'application'] as const) {
      const root = path.join(base, `no-ci-${kind}`);
      await scaffold({
        cwd: base,
        directory: root,
        answers: {
          kind,
          tool: 'flux',
          name: `no-ci-${kind}`,
          org: 'acme',
          platformTeam: '@acme/platform',
          appTeams: kind === 'application' ? '@acme/shop' : '',
          envs: 'dev',
          host: 'github',
          ci: 'none',
          hooks: 'none',
        },
        git: false,
        today: '2026-01-15',
      });
      const report = await lint({ cwd: root });
      expect(
        report.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.ruleId ?? ''} ${diagnostic.message}`),
      ).toEqual([]);
      expect(read(root, '.github/rulesets/main-protection.json')).toContain('"context": "gitops-lint"');
    }
  });
});

describe("rendered bodies validate against GitHub's request schemas", () => {
  const variants: ProtectionPolicy[] = [
    defaultPolicy('infrastructure', 'main'),
    defaultPolicy('application', 'main'),
    {
      ...defaultPolicy('application', 'release/**'),
      requiredApprovals: 0,
      requiredStatusChecks: [],
      requireSignedCommits: true,
      bypassActors: [
        { team: 7, mode: 'pull-request' },
        { app: 15368 },
        { organizationAdmin: true },
        { deployKeys: true, mode: 'pull-request' },
        { role: 'write' },
      ],
    },
    {
      ...defaultPolicy('infrastructure', 'v1.x'),
      requiredApprovals: 6,
      requireConversationResolution: false,
      dismissStaleReviews: false,
    },
  ];
  const { files } = renderProtectionFiles(variants, ['github-ruleset', 'github-branch-protection', 'settings']);
  const validateRuleset = schemaValidator('/repos/{owner}/{repo}/rulesets', 'post', 'request');
  const validateProtection = schemaValidator('/repos/{owner}/{repo}/branches/{branch}/protection', 'put', 'request');

  it.each(files.map((file) => [file.path, file] as const))('%s', (_path, file) => {
    const value = JSON.parse(JSON.stringify(file.expected)) as unknown;
    if (file.target === 'github-ruleset') {
      expect(validateRuleset(value), JSON.stringify(validateRuleset.errors)).toBe(true);
    } else if (file.target === 'github-branch-protection') {
      expect(validateProtection(value), JSON.stringify(validateProtection.errors)).toBe(true);
    } else {
      const sections = value as { branches: { protection: unknown }[]; rulesets: unknown[] };
      expect(sections.rulesets).toHaveLength(variants.length);
      expect(sections.branches).toHaveLength(variants.length - 1);
      for (const ruleset of sections.rulesets)
        expect(validateRuleset(ruleset), JSON.stringify(validateRuleset.errors)).toBe(true);
      for (const branch of sections.branches)
        expect(validateProtection(branch.protection), JSON.stringify(validateProtection.errors)).toBe(true);
    }
  });
});
