import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { workflowCheckProducers } from '../../src/ci/github-actions.js';
import { cli } from '../helpers/cli.js';

// `gitops-init new --audit-org`: the scheduled audit of an organisation, offered to infrastructure
// repositories that run GitHub Actions.

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'gitops-audit-new-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const infrastructure = [
  '--kind',
  'infrastructure',
  '--tool',
  'flux',
  '--name',
  'platform',
  '--org',
  'acme',
  '--platform-team',
  '@acme/platform',
  '--app-team',
  '@acme/checkout',
  '--host',
  'github',
  '--yes',
  '--no-git',
];

interface Workflow {
  on: { schedule: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: {
    'gitops-audit': {
      steps: { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }[];
    };
  };
}

describe('gitops-init new --audit-org', () => {
  test('an infrastructure repository gets a nightly audit that uploads SARIF, and lints clean', async () => {
    const run = await cli(['new', 'platform', ...infrastructure, '--audit-org', 'acme'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const root = path.join(cwd, 'platform');
    const workflow = parse(readFileSync(path.join(root, '.github/workflows/gitops-audit.yml'), 'utf8')) as Workflow;
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = workflow.jobs['gitops-audit'].steps;
    const audit = steps.find((step) => step.run?.includes(' audit '));
    expect(audit?.run).toMatch(
      /^npx --yes gitops-init@\S+ audit --org acme --format sarif --output-file gitops-audit.sarif$/,
    );
    expect(audit?.env?.GITHUB_TOKEN).toBe('${{ secrets.GITOPS_AUDIT_TOKEN }}');
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('gitops-audit.sarif');
    // A scheduled job produces no required check of pull requests.
    expect(workflowCheckProducers('.github/workflows/gitops-audit.yml', workflow)[0]?.runsOnPullRequests).toBe(false);
    // The answer is kept, so that a re-run (and update) renders the same workflow.
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toContain('auditOrg: "acme"');
    const again = await cli(['new', '.', '--yes', '--no-git', '--dry-run'], { cwd: root });
    expect(again.stdout).toMatch(/unchanged\s+\.github\/workflows\/gitops-audit\.yml/);
    const report = await lint({ cwd: root });
    expect(report.diagnostics.map((d) => `${d.file} ${d.ruleId ?? ''} ${d.message}`)).toEqual([]);
  });

  test('a GitLab infrastructure repository gets a scheduled audit job with a code quality report, and lints clean', async () => {
    const gitlab = [...infrastructure.map((arg) => (arg === 'github' ? 'gitlab' : arg)), '--ci', 'gitlab'];
    const run = await cli(['new', 'platform', ...gitlab, '--audit-org', 'acme/platform-teams'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const root = path.join(cwd, 'platform');
    const pipeline = parse(readFileSync(path.join(root, '.gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { rules?: { if: string; when?: string }[]; script?: string[]; variables?: Record<string, string> }
    >;
    const audit = pipeline['gitops-audit'];
    expect(audit?.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
    expect(audit?.script).toEqual([
      expect.stringMatching(
        /^npx --yes gitops-init@\S+ audit --group acme\/platform-teams --format gitlab --output-file gl-code-quality-report.json$/,
      ),
    ]);
    expect(audit?.variables).toEqual({ GITLAB_TOKEN: '$GITOPS_AUDIT_TOKEN' });
    // The lint job stays out of the scheduled pipelines.
    expect(pipeline['gitops-lint']?.rules?.[0]).toEqual({ if: '$CI_PIPELINE_SOURCE == "schedule"', when: 'never' });
    expect(() => readFileSync(path.join(root, '.github/workflows/gitops-audit.yml'))).toThrow();
    const report = await lint({ cwd: root });
    expect(report.diagnostics.map((d) => `${d.file} ${d.ruleId ?? ''} ${d.message}`)).toEqual([]);
  });

  test('without --audit-org there is no audit workflow', async () => {
    const run = await cli(['new', 'platform', ...infrastructure], { cwd });
    expect(run.code).toBe(0);
    expect(() => readFileSync(path.join(cwd, 'platform/.github/workflows/gitops-audit.yml'))).toThrow();
    expect(readFileSync(path.join(cwd, 'platform/gitops.yaml'), 'utf8')).not.toContain('auditOrg');
  });

  test.each([
    [
      'an application repository',
      ['--kind', 'application', '--app-team', '@acme/checkout', '--name', 'checkout'],
      /--kind infrastructure and --ci github or gitlab/,
    ],
    ['no CI', ['--ci', 'none'], /--kind infrastructure and --ci github or gitlab/],
    [
      'a name that is no organisation',
      ['--audit-org', 'acme/evil'],
      /--audit-org "acme\/evil": must be a GitHub organisation name/,
    ],
    [
      'a GitLab group path with a space',
      ['--host', 'gitlab', '--ci', 'gitlab', '--audit-org', 'acme/platform team'],
      /--audit-org "acme\/platform team": must be a GitLab group path/,
    ],
  ])('%s: one line, exit 2', async (_name, extra, message) => {
    const argv = ['new', 'platform', ...infrastructure, '--audit-org', 'acme', ...extra];
    const run = await cli(argv, { cwd });
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });
});
