import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESCRIPTOR_SCHEMA_URL, parseDescriptor, type Descriptor } from '../../src/config/descriptor.js';
import { init, planInit } from '../../src/index.js';
import type { LintResult } from '../../src/engine/results.js';
import { cli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';
import { adoptionCopies, fileHashes } from './helpers.js';

const copy = adoptionCopies();
const tree = temporaryTrees();

/** `file rule` for every finding of `gitops-init lint -f json`, sorted. */
async function lintFindings(root: string): Promise<string[]> {
  const run = await cli(['lint', '-f', 'json'], { cwd: root });
  const results = JSON.parse(run.stdout) as LintResult[];
  return results
    .flatMap((result) =>
      result.messages.map((message) => `${path.relative(root, result.filePath)} ${message.ruleId ?? ''}`),
    )
    .sort();
}

function descriptorOf(root: string): Descriptor {
  return parseDescriptor('gitops.yaml', readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).descriptor;
}

const MISSING_STANDARD_FILES = ['CHANGELOG.md required-paths', 'VERSION required-paths'];

describe('init, then lint, on repositories of each tool and kind', () => {
  const cases: { fixture: string; remote?: string; kind: string; tool: string; findings: string[] }[] = [
    { fixture: 'flux-monorepo', kind: 'infrastructure', tool: 'flux', findings: MISSING_STANDARD_FILES },
    { fixture: 'flux-multi-tenancy', kind: 'infrastructure', tool: 'flux', findings: MISSING_STANDARD_FILES },
    {
      fixture: 'argocd-monorepo',
      remote: 'git@github.com:acme/fleet.git',
      kind: 'infrastructure',
      tool: 'argocd',
      findings: MISSING_STANDARD_FILES,
    },
    { fixture: 'argocd-app-of-apps', kind: 'infrastructure', tool: 'argocd', findings: MISSING_STANDARD_FILES },
    {
      fixture: 'helm-platform',
      remote: 'https://gitlab.example.com/acme/platform-charts.git',
      kind: 'infrastructure',
      tool: 'helm',
      findings: MISSING_STANDARD_FILES,
    },
    {
      fixture: 'flux-app',
      remote: 'https://github.com/acme/payments.git',
      kind: 'application',
      tool: 'flux',
      // Ownership not adopted yet: CODEOWNERS itself is the application team's alone.
      findings: ['CHANGELOG.md required-paths', 'CODEOWNERS codeowners-critical-paths', 'VERSION required-paths'],
    },
    { fixture: 'helm-chart-app', kind: 'application', tool: 'helm', findings: MISSING_STANDARD_FILES },
    // It has CHANGELOG.md and VERSION already: nothing left to adopt.
    { fixture: 'app-argocd', kind: 'application', tool: 'flux', findings: [] },
  ];
  for (const { fixture, remote, kind, tool, findings } of cases) {
    it(`${fixture}: writes only gitops.yaml, valid and with the schema line, and lint reports only what is not adopted`, async () => {
      const root = copy(fixture, remote === undefined ? {} : { remote });
      const before = fileHashes(root);
      const run = await cli(['init', '--yes'], { cwd: root });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Wrote gitops.yaml: an ${kind} repository deployed with ${tool}`);

      const after = fileHashes(root);
      expect(after.get('gitops.yaml')).toBeDefined();
      after.delete('gitops.yaml');
      expect(after).toEqual(before);
      expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('?? gitops.yaml\n');

      const text = readFileSync(path.join(root, 'gitops.yaml'), 'utf8');
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${DESCRIPTOR_SCHEMA_URL}`);
      // The project's own validator (precompiled from gitops.schema.json) accepts it.
      const descriptor = descriptorOf(root);
      expect([descriptor.kind, descriptor.tool]).toEqual([kind, tool]);

      expect(await lintFindings(root)).toEqual(findings);
    });
  }

  it('shows each inferred answer with the file that decided it, and the next steps', async () => {
    const root = copy('argocd-monorepo', { remote: 'git@github.com:acme/fleet.git' });
    const run = await cli(['init', '--yes'], { cwd: root });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const line = (label: string): string => lines.find((entry) => entry.startsWith(`  ${label} `)) ?? '';
    expect(line('tool')).toMatch(/argocd +clusters\/production\/apps\/checkout\.yaml: Application \(argoproj\.io\)/);
    expect(line('kind')).toMatch(/infrastructure +clusters\/production\/apps\/checkout\.yaml: a cluster's entry point/);
    expect(line('name')).toMatch(/fleet +git remote origin: origin is https:\/\/github\.com\/acme\/fleet\.git/);
    expect(line('platform team')).toMatch(/@acme\/platform +\.github\/CODEOWNERS:2: owns everything/);
    expect(line('tenant teams')).toMatch(
      /@acme\/checkout, @acme\/search +\.github\/CODEOWNERS:3, \.github\/CODEOWNERS:4/,
    );
    expect(run.stdout).toMatch(
      /Next:\n {2}npx gitops-init new --dry-run +# .*\n {2}npx gitops-init codeowners sync +# .*\n {2}npx gitops-init protect render +# .*\n {2}npx gitops-init lint --suppress-all +# .*\n$/,
    );
  });
});

describe('answers from flags, and without a terminal', () => {
  it('without a terminal and without --yes, asks for the answers gitops.yaml needs, naming the inferred ones, and writes nothing', async () => {
    const root = copy('flux-monorepo');
    const run = await cli(['init'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: missing answers: --kind (inferred: infrastructure), --tool (inferred: flux), --name (inferred: fleet); give them as flags, or use --yes to take the inferred answers\n',
    );
    expect(existsSync(path.join(root, 'gitops.yaml'))).toBe(false);
  });

  it('takes --kind, --tool and --name as given without a terminal, and the inferred answers for the rest', async () => {
    const root = copy('flux-monorepo');
    const run = await cli(['init', '--kind', 'infrastructure', '--tool', 'flux', '--name', 'clusters'], { cwd: root });
    expect(run.code).toBe(0);
    const descriptor = descriptorOf(root);
    expect(descriptor.name).toBe('clusters');
    expect(descriptor.environments).toEqual(['staging', 'production']);
    expect(descriptor.repositoryUrl).toBe('https://github.com/example-org/fleet.git');
  });

  it('flags named as new names them override the inferred answers; the layout follows the kind and tool', async () => {
    const root = copy('argocd-monorepo', { remote: 'git@github.com:acme/fleet.git' });
    const run = await cli(
      [
        'init',
        '--yes',
        '--kind',
        'application',
        '--tool',
        'helm',
        '--name',
        'shop',
        '--org',
        'shopco',
        '--host',
        'gitlab',
        '--envs',
        'qa,prod',
        '--platform-team',
        '@shopco/core',
        '--app-team',
        '@shopco/shop',
      ],
      { cwd: root },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const descriptor = descriptorOf(root);
    expect(descriptor).toMatchObject({
      kind: 'application',
      tool: 'helm',
      name: 'shop',
      host: 'gitlab',
      environments: ['qa', 'prod'],
      teams: { platform: '@shopco/core', application: '@shopco/shop' },
      scaffold: { org: 'shopco' },
    });
    expect(descriptor.platform).toBeUndefined();
    expect(descriptor.rules?.['required-paths']).toEqual([
      'error',
      // An application's layout: no chart/ nor deploy/ here, so the standard files alone.
      { paths: ['gitops.yaml', 'README.md', 'CHANGELOG.md', 'VERSION'] },
    ]);
  });

  it('an empty or "none" answer leaves an inferred answer out', async () => {
    const root = copy('argocd-monorepo', { remote: 'git@github.com:acme/fleet.git' });
    const run = await cli(['init', '--yes', '--envs', '', '--app-team', 'none'], { cwd: root });
    expect(run.code).toBe(0);
    const descriptor = descriptorOf(root);
    expect(descriptor.environments).toBeUndefined();
    expect(descriptor.teams).toEqual({ platform: '@acme/platform' });
  });

  it('refuses answers gitops.yaml cannot hold, naming the flag, and writes nothing', async () => {
    const root = copy('flux-monorepo');
    const run = await cli(['init', '--yes', '--name', 'Bad Name', '--envs', 'dev,dev'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: --name "Bad Name": the repository name must be a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters)\n--envs "dev,dev": an environment is listed twice\n',
    );
    expect(existsSync(path.join(root, 'gitops.yaml'))).toBe(false);
  });

  it('--dry-run prints the gitops.yaml it would write, and writes nothing', async () => {
    const root = copy('helm-chart-app');
    const run = await cli(['init', '--yes', '--dry-run'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`# yaml-language-server: $schema=${DESCRIPTOR_SCHEMA_URL}\n`);
    expect(run.stdout).toContain('kind: "application"\ntool: "helm"\nname: "helm-chart-app"\n');
    expect(run.stdout).toContain('Dry run for .: gitops.yaml was not written.\n');
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('adopts the directory given as an argument', async () => {
    const root = copy('helm-chart-app');
    const run = await cli(['init', '--yes', path.basename(root)], { cwd: path.dirname(root) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${path.basename(root)}/gitops.yaml`);
    expect(run.stdout).toContain(`Next:\n  cd ${path.basename(root)}\n`);
    expect(descriptorOf(root).name).toBe('helm-chart-app');
  });
});

describe('the API', () => {
  it('planInit() infers without writing; init() with its plan writes gitops.yaml and returns what it wrote', async () => {
    const root = copy('flux-app', { remote: 'https://github.com/acme/payments.git' });
    const plan = await planInit({ cwd: root });
    expect(existsSync(path.join(root, 'gitops.yaml'))).toBe(false);
    expect(plan.answers.appTeams?.value).toEqual(['@acme/payments']);
    const result = await init({ cwd: root, yes: true, plan, answers: { envs: 'dev,production' } });
    expect(result).toMatchObject({ root, file: 'gitops.yaml', written: true, overwritten: false, defaulted: [] });
    expect(result.answers).toEqual({
      kind: 'application',
      tool: 'flux',
      name: 'payments',
      org: 'acme',
      host: 'github',
      envs: ['dev', 'production'],
      platformTeam: '@acme/platform',
      appTeams: ['@acme/payments'],
    });
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toBe(result.text);
    expect(descriptorOf(root)).toEqual(result.descriptor);
  });

  it('names what no file decided and took the default', async () => {
    const root = copy('app-argocd');
    const result = await init({ cwd: root, yes: true, dryRun: true });
    expect(result.defaulted).toEqual(['tool']);
    expect(result.answers.tool).toBe('flux');
    expect(result.written).toBe(false);
  });
});

describe('what init refuses', () => {
  it('an existing gitops.yaml: exit 1, one line, the file unchanged; --force replaces it', async () => {
    const root = copy('flux-monorepo');
    writeFileSync(path.join(root, 'gitops.yaml'), 'kind: infrastructure\ntool: flux\nname: mine\n');
    const refused = await cli(['init', '--yes'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'gitops-init: gitops.yaml exists already: this repository has been adopted; init replaces it only with --force\n',
    );
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toBe('kind: infrastructure\ntool: flux\nname: mine\n');

    const forced = await cli(['init', '--yes', '--force'], { cwd: root });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Replaced gitops.yaml');
    expect(descriptorOf(root).name).toBe('fleet');
  });

  it('a gitops.yml counts as the descriptor too', async () => {
    const root = copy('flux-monorepo');
    writeFileSync(path.join(root, 'gitops.yml'), 'kind: infrastructure\ntool: flux\nname: mine\n');
    const run = await cli(['init', '--yes'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gitops-init: gitops.yml exists already: this repository has been adopted; init replaces it only with --force\n',
    );
  });

  it('a gitops.yaml that is a link out of the repository: never written through, even with --force', async () => {
    const outside = tree({ 'elsewhere.yaml': 'not yours\n' });
    const root = copy('flux-monorepo');
    symlinkSync(path.join(outside, 'elsewhere.yaml'), path.join(root, 'gitops.yaml'));
    const refused = await cli(['init', '--yes'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('gitops.yaml exists already');
    const forced = await cli(['init', '--yes', '--force'], { cwd: root });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toBe(
      `gitops-init: gitops.yaml is a symbolic link that leads outside the repository (to ${path.join(outside, 'elsewhere.yaml')}); gitops-init does not write through it: replace the link with a regular file or directory\n`,
    );
    expect(readFileSync(path.join(outside, 'elsewhere.yaml'), 'utf8')).toBe('not yours\n');
    expect(lstatSync(path.join(root, 'gitops.yaml')).isSymbolicLink()).toBe(true);
  });

  it('a directory with nothing GitOps-like: exit 2, one line naming what it looked for', async () => {
    const root = tree({
      'README.md': '# tools\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n',
      'config/settings.yaml': 'retries: 3\n',
    });
    const run = await cli(['init', '--yes'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: found nothing GitOps-like in . (3 files): looked for Flux and Argo CD objects, Helm charts (Chart.yaml), kustomizations and Kubernetes manifests; to start a new repository, run gitops-init new\n',
    );
    expect(existsSync(path.join(root, 'gitops.yaml'))).toBe(false);
  });

  it('a directory that does not exist, or a file: exit 2, one line', async () => {
    const root = tree({ 'README.md': '# x\n' });
    const missing = await cli(['init', '--yes', 'nowhere'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'gitops-init: directory "nowhere" does not exist; give the directory of the repository to adopt\n',
    );
    const file = await cli(['init', '--yes', 'README.md'], { cwd: root });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe(
      'gitops-init: "README.md" is not a directory; give the directory of the repository to adopt\n',
    );
  });
});
