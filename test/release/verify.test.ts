import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { verifyRelease } from '../../src/api/release.js';
import { cli } from '../helpers/cli.js';
import { kubectlAvailable, scaffoldFixture } from '../helpers/day2.js';
import { git } from '../helpers/git.js';

// `release verify` on real repositories: an application and an infrastructure repository
// scaffolded by gitops-init, each pushed with its version tags to a bare remote.

const hasKubectl = kubectlAvailable('release verify');

let base: string;
let appWork: string;
let appRemote: string;
let infra: string;
let cache: string;
const savedCache = process.env.XDG_CACHE_HOME;

function edit(root: string, file: string, change: (text: string) => string): void {
  const absolute = path.join(root, file);
  writeFileSync(absolute, change(readFileSync(absolute, 'utf8')));
}

/** Commits the application's work tree, tags it v<version> and pushes both to its bare remote. */
function tagApplication(version: string): void {
  git(appWork, 'add', '-A');
  git(appWork, 'commit', '-qm', `checkout ${version}`);
  git(appWork, 'tag', '-a', `v${version}`, '-m', `Release v${version}`);
  git(appWork, 'push', '-q', appRemote, 'main', `v${version}`);
}

function commitOf(root: string, tag: string): string {
  return git(root, 'rev-parse', `${tag}^{commit}`).trim();
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli(argv, { cwd: infra });
}

async function create(app: string, extra: string[] = [], infraVersion = '2.1.0'): Promise<string> {
  const created = await run(
    'release',
    'create',
    '--app',
    app,
    '--infra',
    infraVersion,
    '--environment',
    'staging',
    '--app-team',
    '@acme/checkout',
    // The tests create releases in the order they run, not in version order.
    '--allow-downgrade',
    ...extra,
  );
  expect(created.code, created.stderr).toBe(0);
  return `release-checkout-${app}-${infraVersion}`;
}

function manifest(name: string): Record<string, unknown> {
  return (
    parse(
      readFileSync(
        path.join(infra, 'releases', 'checkout', `${name.replace('release-checkout-', 'release-')}.yaml`),
        'utf8',
      ),
    ) as {
      release: Record<string, unknown>;
    }
  ).release;
}

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-verify-'));
  cache = path.join(base, 'cache');
  // Remote repositories are fetched into $XDG_CACHE_HOME/gitops-init.
  process.env.XDG_CACHE_HOME = cache;
  appRemote = path.join(base, 'checkout.git');
  git(base, 'init', '-q', '--bare', '-b', 'main', appRemote);
  appWork = await scaffoldFixture(path.join(base, 'checkout'), { kind: 'application', tool: 'argocd', host: 'github' });
  git(appWork, 'init', '-q', '-b', 'main');
  tagApplication('1.5.3');
  // 1.6.0 deploys into a namespace the infrastructure does not onboard for its team.
  edit(appWork, 'deploy/base/configmap.yaml', (text) =>
    text.replace(/^metadata:\n/m, 'metadata:\n  namespace: orders\n'),
  );
  tagApplication('1.6.0');
  // 1.7.0 uses a custom resource whose kind nothing in the infrastructure provides.
  edit(appWork, 'deploy/base/configmap.yaml', (text) => text.replace('  namespace: orders\n', ''));
  writeFileSync(
    path.join(appWork, 'deploy/base/widget.yaml'),
    'apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: checkout\nspec:\n  size: 3\n',
  );
  edit(appWork, 'deploy/base/kustomization.yaml', (text) =>
    text.replace('resources:\n', 'resources:\n  - widget.yaml\n'),
  );
  tagApplication('1.7.0');
  // 1.8.0: a kustomization that names a file that is not there.
  rmSync(path.join(appWork, 'deploy/base/widget.yaml'));
  tagApplication('1.8.0');

  infra = await scaffoldFixture(path.join(base, 'platform'), {
    kind: 'infrastructure',
    tool: 'argocd',
    host: 'github',
  });
  // The tenant's repository is the application's remote: a URL, so it is fetched into the cache.
  edit(infra, 'gitops.yaml', (text) =>
    text.replace(
      'repository: "https://github.com/acme/checkout.git"',
      `repository: "${pathToFileURL(appRemote).href}"`,
    ),
  );
  git(infra, 'init', '-q', '-b', 'main');
  git(infra, 'add', '-A');
  git(infra, 'commit', '-qm', 'platform 2.1.0');
  git(infra, 'tag', '-a', 'v2.1.0', '-m', 'Release v2.1.0');
  // 2.2.0 defines the Widget kind, with a schema that wants its size as a string.
  writeFileSync(path.join(infra, 'infrastructure/storage/widgets.yaml'), WIDGET_CRD);
  edit(infra, 'infrastructure/storage/kustomization.yaml', (text) => `${text}  - widgets.yaml\n`);
  git(infra, 'add', '-A');
  git(infra, 'commit', '-qm', 'platform 2.2.0');
  git(infra, 'tag', '-a', 'v2.2.0', '-m', 'Release v2.2.0');
}, 120_000);

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.widgets.example.com
spec:
  group: widgets.example.com
  scope: Namespaced
  names:
    kind: Widget
    plural: widgets
    singular: widget
    listKind: WidgetList
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size:
                  type: string
`;

afterAll(() => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
  rmSync(base, { recursive: true, force: true });
});

describe('gitops-init release verify', { timeout: 60_000 }, () => {
  it('verifies a compatible pair at its tags, records it, and lets promote go ahead only then', async () => {
    const name = await create('1.5.3');
    for (const team of ['@acme/platform', '@acme/checkout'])
      expect((await run('release', 'approve', name, '--team', team, '--by', 'ada')).code).toBe(0);
    // Approved, but never tested together: promote refuses, unless an emergency.
    const early = await run('release', 'promote', name);
    expect(early.code).toBe(1);
    expect(early.stderr.trim()).toBe(
      `gitops-init: ${name} is not verified: run gitops-init release verify ${name} (or promote with --emergency --reason)`,
    );

    const verified = await run('release', 'verify', name);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toBe('');
    const appCommit = commitOf(appWork, 'v1.5.3');
    const infraCommit = commitOf(infra, 'v2.1.0');
    expect(verified.stderr).toContain(
      `${name}: application checkout@v1.5.3 (${appCommit.slice(0, 12)}) and infrastructure platform@v2.1.0 (${infraCommit.slice(0, 12)}) are compatible; recorded as verified in the manifest`,
    );
    if (!hasKubectl) expect(verified.stderr).toContain('the build check of');
    expect(manifest(name).verified).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown,
      application_commit: appCommit,
      infrastructure_commit: infraCommit,
    });
    // The remote application repository was fetched into the cache, once per commit.
    const cached = readdirSync(path.join(cache, 'gitops-init', 'repositories'));
    expect(cached).toHaveLength(1);
    expect(existsSync(path.join(cache, 'gitops-init', 'repositories', cached[0] ?? '', appCommit, '.git'))).toBe(true);
    // The manifest with `verified` still lints clean (the schema knows the field).
    expect((await run('lint', 'releases')).code).toBe(0);

    const promoted = await run('release', 'promote', name);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(manifest(name).status).toBe('promoted');
  });

  it('reports a namespace the infrastructure does not onboard for the team, naming repository, version and file', async () => {
    const name = await create('1.6.0');
    const result = await run('release', 'verify', name);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('checkout@v1.6.0/deploy/base/configmap.yaml');
    expect(result.stdout).toMatch(
      /checkout@v1\.6\.0: namespace "orders" is not onboarded for @acme\/checkout in platform@v2\.1\.0 \(its namespaces: checkout\); deploy to one of those, or add "orders" to the tenant's namespaces.*release-verify\/tenant-onboarded/,
    );
    expect(result.stderr).toContain('are not compatible');
    // An incompatible pair is not recorded, and promote still refuses.
    expect(manifest(name).verified).toBeUndefined();
    expect((await run('release', 'promote', name, '--emergency', '--reason', 'hotfix')).code).toBe(0);
  });

  it('reports a custom resource kind that the infrastructure does not provide', async () => {
    const name = await create('1.7.0');
    const result = await run('release', 'verify', name, '--no-record');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /checkout@v1\.7\.0\/deploy\/base\/widget\.yaml\n\s+2:1\s+error\s+checkout@v1\.7\.0: Widget \(widgets\.example\.com\/v1\) is not provided by platform@v2\.1\.0: no CustomResourceDefinition there defines it, and neither its GitOps tool \(argocd\) nor the charts it installs \([^)]*cert-manager[^)]*\) serve widgets\.example\.com; install the operator/,
    );
    // The ExternalSecret of every scaffold is provided: the infrastructure installs external-secrets.
    expect(result.stdout).not.toContain('ExternalSecret');
  });

  it("validates the application's custom resources against the infrastructure's CustomResourceDefinitions", async () => {
    const name = await create('1.7.0', [], '2.2.0');
    const report = await verifyRelease({ cwd: infra, name, record: false });
    expect(report.compatible).toBe(false);
    const found = report.diagnostics
      .filter((diagnostic) => diagnostic.ruleId?.startsWith('release-verify/'))
      .map((diagnostic) => [diagnostic.ruleId, diagnostic.file, diagnostic.line, diagnostic.message]);
    // The kind is provided now; its object does not match the definition.
    expect(found).toEqual([
      [
        'release-verify/custom-resource-valid',
        'checkout@v1.7.0/deploy/base/widget.yaml',
        6,
        'checkout@v1.7.0: Widget "checkout": spec.size must be string, as the CustomResourceDefinition in platform@v2.2.0 (infrastructure/storage/widgets.yaml) says; change the object to match the infrastructure\'s definition',
      ],
    ]);
  });

  it.skipIf(!hasKubectl)('builds every kustomization of both repositories with kubectl', async () => {
    const name = await create('1.8.0');
    const result = await run('release', 'verify', name, '--format', 'json');
    expect(result.code).toBe(1);
    const results = JSON.parse(result.stdout) as {
      filePath: string;
      messages: { ruleId: string; message: string }[];
    }[];
    const builds = results.flatMap((entry) =>
      entry.messages
        .filter((message) => message.ruleId === 'release-verify/kustomize-build')
        .map((message) => [path.relative(infra, entry.filePath), message.message]),
    );
    expect(builds.map(([file]) => file)).toEqual([
      'checkout@v1.8.0/deploy/base/kustomization.yaml',
      'checkout@v1.8.0/deploy/overlays/dev/kustomization.yaml',
      'checkout@v1.8.0/deploy/overlays/production/kustomization.yaml',
      'checkout@v1.8.0/deploy/overlays/staging/kustomization.yaml',
    ]);
    expect(builds[0]?.[1]).toMatch(
      /^checkout@v1\.8\.0: kubectl kustomize deploy\/base fails: .*widget\.yaml.*; fix the kustomization$/,
    );
  });

  it('says the build check was skipped where kubectl is missing', async () => {
    const report = await verifyRelease({
      cwd: infra,
      name: 'release-checkout-1.5.3-2.1.0',
      kubectl: 'kubectl-is-not-installed-here',
      record: false,
    });
    expect(report.compatible).toBe(true);
    expect(report.kustomizeBuilt).toBe(false);
    expect(report.notices).toContainEqual(
      expect.stringMatching(
        /^kubectl is not installed: the build check of \d+ kustomization\(s\) was skipped; install kubectl to run it$/,
      ),
    );
  });

  it('writes every lint format, with files named repository@version/file', { timeout: 120_000 }, async () => {
    const name = 'release-checkout-1.7.0-2.1.0';
    const json = await run('release', 'verify', name, '-f', 'json', '--no-record');
    expect(json.code).toBe(1);
    const results = JSON.parse(json.stdout) as { filePath: string; errorCount: number }[];
    expect(results.map((entry) => path.relative(infra, entry.filePath))).toContain(
      'checkout@v1.7.0/deploy/base/widget.yaml',
    );

    const sarif = await run('release', 'verify', name, '-f', 'sarif', '--no-record');
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const kind = log.runs[0]?.results.find((result) => result.ruleId === 'release-verify/kind-provided');
    expect(kind?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('checkout%40v1.7.0/deploy/base/widget.yaml');

    const junit = await run('release', 'verify', name, '-f', 'junit', '--no-record');
    expect(junit.code).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites /);
    expect(junit.stdout).toContain('name="checkout@v1.7.0/deploy/base/widget.yaml"');
    expect(junit.stdout).toContain('gitops-init.release-verify/kind-provided');

    const stylish = await run('release', 'verify', name, '-f', 'stylish', '--no-record');
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
  });

  it('exits 2 with one line for a tag that does not exist', async () => {
    const name = await create('9.9.9');
    const result = await run('release', 'verify', name);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `gitops-init: the application repository ${pathToFileURL(appRemote).href} has no tag v9.9.9; tag the tested version there (gitops-init version tag) or fix the release's version\n`,
    );
  });

  it('exits 2 with one line for an unreachable repository, a path or a URL', async () => {
    const missing = path.join(base, 'nowhere');
    const byPath = await run('release', 'verify', 'release-checkout-1.5.3-2.1.0', '--app-repo', missing);
    expect(byPath.code).toBe(2);
    expect(byPath.stderr).toBe(
      `gitops-init: the application repository ${missing} is not reachable: no directory ${missing}; pass its path or URL with --app-repo\n`,
    );
    mkdirSync(missing);
    const byUrl = await run(
      'release',
      'verify',
      'release-checkout-1.5.3-2.1.0',
      '--app-repo',
      pathToFileURL(missing).href,
    );
    expect(byUrl.code).toBe(2);
    expect(byUrl.stderr).toMatch(
      /^gitops-init: the application repository file:\/\/\S+ is not reachable \(git ls-remote: [^\n]+\); check its path or URL, and your access\n$/,
    );
  });

  it('takes the application repository from --app-repo as a local path', async () => {
    const report = await verifyRelease({
      cwd: infra,
      name: 'release-checkout-1.6.0-2.1.0',
      appRepo: appWork,
      record: false,
    });
    expect(report.compatible).toBe(false);
    expect(report.application).toMatchObject({
      repository: appWork,
      tag: 'v1.6.0',
      commit: commitOf(appWork, 'v1.6.0'),
    });
    expect(report.diagnostics.map((diagnostic) => diagnostic.ruleId)).toContain('release-verify/tenant-onboarded');
  });

  it('rollback verifies its target pair, records it, and skips it with --no-verify', async () => {
    // The newest release is 9.9.9 (never tagged); 1.7.0 does not verify.
    const refused = await run('release', 'rollback', '--to', 'release-checkout-1.7.0-2.1.0');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('release-verify/kind-provided');
    expect(refused.stderr.trim().split('\n').at(-1)).toMatch(
      /^gitops-init: the pair of release-checkout-1\.7\.0-2\.1\.0 does not verify \(\d+ problems?\); fix them, or roll back with --no-verify$/,
    );
    expect(existsSync(path.join(infra, 'releases', 'checkout', 'release-1.7.0-2.1.0-rollback-1.yaml'))).toBe(false);
    const good = await run('release', 'rollback', '--to', 'release-checkout-1.5.3-2.1.0');
    expect(good.code, good.stderr).toBe(0);
    expect(manifest('release-checkout-1.5.3-2.1.0-rollback-1').verified).toMatchObject({
      application_commit: commitOf(appWork, 'v1.5.3'),
    });
    const unverified = await run('release', 'rollback', '--to', 'release-checkout-1.7.0-2.1.0', '--no-verify');
    expect(unverified.code, unverified.stderr).toBe(0);
    expect(manifest('release-checkout-1.7.0-2.1.0-rollback-1').verified).toBeUndefined();
  });
});

describe('gitops-init release verify on a Flux pair', { timeout: 60_000 }, () => {
  let fluxApp: string;
  let fluxInfra: string;

  beforeAll(async () => {
    fluxApp = await scaffoldFixture(path.join(base, 'flux-checkout'), {
      kind: 'application',
      tool: 'flux',
      host: 'github',
    });
    git(fluxApp, 'init', '-q', '-b', 'main');
    git(fluxApp, 'add', '-A');
    git(fluxApp, 'commit', '-qm', 'checkout 1.0.0');
    git(fluxApp, 'tag', '-a', 'v1.0.0', '-m', 'Release v1.0.0');
    // 1.1.0 reconciles a staging path that is not in the repository.
    edit(fluxApp, 'deploy/flux/staging/sync.yaml', (text) =>
      text.replace('path: "./deploy/overlays/staging"', 'path: "./deploy/overlays/stage"'),
    );
    git(fluxApp, 'commit', '-qam', 'checkout 1.1.0');
    git(fluxApp, 'tag', '-a', 'v1.1.0', '-m', 'Release v1.1.0');
    fluxInfra = await scaffoldFixture(path.join(base, 'flux-platform'), {
      kind: 'infrastructure',
      tool: 'flux',
      host: 'github',
    });
    git(fluxInfra, 'init', '-q', '-b', 'main');
    git(fluxInfra, 'add', '-A');
    git(fluxInfra, 'commit', '-qm', 'platform 3.0.0');
    git(fluxInfra, 'tag', '-a', 'v3.0.0', '-m', 'Release v3.0.0');
    for (const app of ['1.0.0', '1.1.0']) {
      const created = await cli(
        [
          'release',
          'create',
          '--app',
          app,
          '--infra',
          '3.0.0',
          '--environment',
          'staging',
          '--app-team',
          '@acme/checkout',
        ],
        { cwd: fluxInfra },
      );
      expect(created.code, created.stderr).toBe(0);
    }
  }, 120_000);

  it("follows the tenant's GitRepository in the infrastructure to the application's paths", async () => {
    const good = await verifyRelease({
      cwd: fluxInfra,
      name: 'release-checkout-1.0.0-3.0.0',
      appRepo: fluxApp,
      record: false,
    });
    expect(good.diagnostics).toEqual([]);
    expect(good.compatible).toBe(true);

    const bad = await verifyRelease({
      cwd: fluxInfra,
      name: 'release-checkout-1.1.0-3.0.0',
      appRepo: fluxApp,
      record: false,
    });
    expect(bad.compatible).toBe(false);
    expect(
      bad.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'release-verify/source-exists')
        .map((diagnostic) => [diagnostic.file, diagnostic.message]),
    ).toEqual([
      [
        'checkout@v1.1.0/deploy/flux/staging/sync.yaml',
        'checkout@v1.1.0: Kustomization "checkout-staging" deploys path "./deploy/overlays/stage" of checkout@v1.1.0, which does not exist at that tag; fix the path, or add it to the application',
      ],
    ]);
  });
});
