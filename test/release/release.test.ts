import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeFileTree, type FileTree } from '../../src/testing/index.js';
import { cli } from '../helpers/cli.js';
import { SHOP_PLATFORM_DESCRIPTOR } from '../helpers/descriptors.js';

const identity = {
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};
const savedEnv = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, identity);
});
afterAll(() => {
  process.env = savedEnv;
});
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: { ...process.env, ...identity }, encoding: 'utf8' });
}

const descriptor = (extra = ''): string => `${SHOP_PLATFORM_DESCRIPTOR}${extra}`;

function repository(files: FileTree = {}, extra = ''): string {
  const root = writeFileTree({ 'gitops.yaml': descriptor(extra), 'releases/README.md': '# Releases\n', ...files });
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return root;
}

function manifest(root: string, name: string): Record<string, unknown> {
  return (
    parse(readFileSync(path.join(root, 'releases', `${name}.yaml`), 'utf8')) as { release: Record<string, unknown> }
  ).release;
}

async function run(root: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cli(argv, { cwd: root });
}

describe('gitops-init release', () => {
  it('refuses a manifest whose version is beyond what semver handles as a configuration error, not a crash', async () => {
    const root = repository({
      'releases/release-99999999999999999999999.0.0-2.1.0.yaml':
        'release:\n  application_version: 99999999999999999999999.0.0\n  infrastructure_version: 2.1.0\n',
    });
    const listed = await run(root, 'release', 'list');
    expect(listed.code).toBe(2);
    expect(listed.stderr).not.toContain('internal error');
    expect(listed.stderr).toContain('has a number above 9007199254740991');
    expect(listed.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('lists release manifests beside Kubernetes objects and a kustomization in releases/, and refuses a manifest of two documents', async () => {
    const root = repository({
      'releases/podinfo.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: podinfo }\nspec:\n  interval: 10m\n  chart:\n    spec: { chart: podinfo, sourceRef: { kind: HelmRepository, name: podinfo } }\n',
      'releases/kustomization.yaml': 'resources:\n  - podinfo.yaml\n',
      'releases/release-1.5.3-2.1.0.yaml': 'release:\n  application_version: 1.5.3\n  infrastructure_version: 2.1.0\n',
    });
    const listed = await run(root, 'release', 'list');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('release-1.5.3-2.1.0');
    expect(listed.stdout).not.toContain('podinfo');

    const twice = repository({
      'releases/release-1.5.3-2.1.0.yaml':
        'release:\n  application_version: 1.5.3\n  infrastructure_version: 2.1.0\n---\nrelease: {}\n',
    });
    const refused = await run(twice, 'release', 'list');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('releases/release-1.5.3-2.1.0.yaml holds 2 YAML documents');
  });

  it('creates, approves, promotes, tags, logs and lists a release', async () => {
    const root = repository();
    const created = await run(
      root,
      'release',
      'create',
      '--app',
      '1.5.3',
      '--infra',
      '2.1.0',
      '--environment',
      'production',
      '--component',
      'search=0.4.0',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('wrote releases/release-1.5.3-2.1.0.yaml');
    const text = readFileSync(path.join(root, 'releases/release-1.5.3-2.1.0.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*release\.schema\.json$/);
    expect(text).toContain(
      'release:\n  name: release-1.5.3-2.1.0\n  application_version: 1.5.3\n  infrastructure_version: 2.1.0\n',
    );
    expect(manifest(root, 'release-1.5.3-2.1.0')).toMatchObject({
      status: 'candidate',
      environment: 'production',
      application_team: '@acme/shop',
      components: { search: '0.4.0' },
    });

    const early = await run(root, 'release', 'tag', 'release-1.5.3-2.1.0');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('not approved (missing: @acme/platform, @acme/shop)');

    expect(
      (await run(root, 'release', 'approve', 'release-1.5.3-2.1.0', '--team', '@acme/platform', '--by', 'alice')).code,
    ).toBe(0);
    const promoteEarly = await run(root, 'release', 'promote', 'release-1.5.3-2.1.0');
    expect(promoteEarly.code).toBe(1);
    expect(promoteEarly.stderr).toContain('is not approved by @acme/shop');
    const twice = await run(
      root,
      'release',
      'approve',
      'release-1.5.3-2.1.0',
      '--team',
      '@acme/platform',
      '--by',
      'bob',
    );
    expect(twice.code).toBe(1);
    const stranger = await run(
      root,
      'release',
      'approve',
      'release-1.5.3-2.1.0',
      '--team',
      '@acme/other',
      '--by',
      'eve',
    );
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('needs approvals from @acme/platform and @acme/shop');
    expect(
      (await run(root, 'release', 'approve', 'release-1.5.3-2.1.0', '--team', '@acme/shop', '--by', 'bob')).stdout,
    ).toContain('status: approved');
    const promoted = await run(root, 'release', 'promote', 'release-1.5.3-2.1.0');
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(manifest(root, 'release-1.5.3-2.1.0')).toMatchObject({
      status: 'promoted',
      approvals: [
        { team: '@acme/platform', approver: 'alice' },
        { team: '@acme/shop', approver: 'bob' },
      ],
    });

    const uncommitted = await run(root, 'release', 'tag', 'release-1.5.3-2.1.0');
    expect(uncommitted.code).toBe(1);
    expect(uncommitted.stderr).toContain('has uncommitted changes; commit the manifest');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'Release 1.5.3 + 2.1.0');
    const tagged = await run(root, 'release', 'tag', 'release-1.5.3-2.1.0');
    expect(tagged.code, tagged.stderr).toBe(0);
    const tag = git(root, 'cat-file', '-p', 'release-1.5.3-2.1.0');
    expect(tag).toMatch(
      /^object [0-9a-f]{40}\ntype commit\ntag release-1\.5\.3-2\.1\.0\ntagger Ada <ada@example\.com> /,
    );
    expect(tag.endsWith('\n\nDeploy: Application v1.5.3 and Infrastructure v2.1.0\n')).toBe(true);
    const again = await run(root, 'release', 'tag', 'release-1.5.3-2.1.0');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('tag release-1.5.3-2.1.0 already exists');

    expect((await run(root, 'release', 'changelog')).stdout).toContain('wrote RELEASES.md (1 release)');
    expect((await run(root, 'release', 'changelog')).stdout).toContain('unchanged: RELEASES.md');
    const log = readFileSync(path.join(root, 'RELEASES.md'), 'utf8');
    expect(log).toContain(
      '## release-1.5.3-2.1.0\n\n- Status: promoted\n- Application: 1.5.3\n- Infrastructure: 2.1.0\n- search: 0.4.0\n- Environment: production\n',
    );
    expect(log).toContain('- Approvals: @acme/platform (alice, ');

    const listed = JSON.parse((await run(root, 'release', 'list', '--json')).stdout) as {
      name: string;
      status: string;
    }[];
    expect(listed.map((release) => [release.name, release.status])).toEqual([['release-1.5.3-2.1.0', 'promoted']]);
    expect((await run(root, 'lint', '--format', 'json')).stdout).not.toContain('"ruleId":"release-');
  });

  it('refuses duplicates, downgrades (unless allowed), bad versions and unknown environments', async () => {
    const root = repository();
    expect((await run(root, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0')).code).toBe(0);
    const duplicate = await run(root, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('release release-1.5.3-2.1.0 already exists');
    const older = await run(root, 'release', 'create', '--app', '1.5.2', '--infra', '2.2.0');
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('older than the newest release release-1.5.3-2.1.0 (application 1.5.2 < 1.5.3)');
    expect((await run(root, 'release', 'create', '--app', '1.5.2', '--infra', '2.2.0', '--allow-downgrade')).code).toBe(
      0,
    );
    expect(manifest(root, 'release-1.5.2-2.2.0').downgrade).toBe(true);
    const bad = await run(root, 'release', 'create', '--app', 'v1.6.0', '--infra', '2.1.0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gitops-init: --app "v1.6.0": not a semantic version (major.minor.patch, no leading v)\n');
    const env = await run(root, 'release', 'create', '--app', '1.6.0', '--infra', '2.1.0', '--environment', 'qa');
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('--environment "qa": not in gitops.yaml\'s environments (staging, production)');
    expect(
      (await run(root, 'release', 'approve', 'release-9.9.9-9.9.9', '--team', '@acme/platform', '--by', 'a')).code,
    ).toBe(2);
  });

  it('checks that the component versions are tagged in their repositories', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'gitops-init-components-'));
    dirs.push(base);
    const app = path.join(base, 'shop.git');
    execFileSync('git', ['init', '-q', '--bare', app]);
    const work = writeFileTree({ VERSION: '1.5.3\n' });
    dirs.push(work);
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'app');
    git(work, 'tag', '-a', 'v1.5.3', '-m', 'Release v1.5.3');
    git(work, 'push', '-q', app, 'main', '--tags');
    const root = repository({}, `releases:\n  repositories:\n    application: ${app}\n    infrastructure: .\n`);
    git(root, 'tag', '-a', 'v2.1.0', '-m', 'Release v2.1.0');
    expect((await run(root, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0')).code).toBe(0);
    const missing = await run(root, 'release', 'create', '--app', '1.5.4', '--infra', '2.2.0');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `gitops-init: missing tags: v1.5.4 in the application repository ${app}; v2.2.0 in the infrastructure repository .; tag the tested versions first (gitops-init version tag)\n`,
    );
    expect(existsSync(path.join(root, 'releases/release-1.5.4-2.2.0.yaml'))).toBe(false);
  });

  it('promotes only inside release windows, unless an emergency with a reason', async () => {
    // Windows that never include now: every day but today.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const notToday = days.filter((_, index) => index !== new Date().getUTCDay());
    const root = repository(
      {},
      `releases:\n  windows:\n    - days: [${notToday.join(', ')}]\n      hours: "00:00-24:00"\n`,
    );
    await run(root, 'release', 'create', '--app', '1.0.0', '--infra', '1.0.0');
    await run(root, 'release', 'approve', 'release-1.0.0-1.0.0', '--team', '@acme/platform', '--by', 'alice');
    await run(root, 'release', 'approve', 'release-1.0.0-1.0.0', '--team', '@acme/shop', '--by', 'bob');
    const outside = await run(root, 'release', 'promote', 'release-1.0.0-1.0.0');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('is outside the release windows');
    const noReason = await run(root, 'release', 'promote', 'release-1.0.0-1.0.0', '--emergency');
    expect(noReason.code).toBe(2);
    const emergency = await run(
      root,
      'release',
      'promote',
      'release-1.0.0-1.0.0',
      '--emergency',
      '--reason',
      'CVE-2026-0001 in the ingress controller',
    );
    expect(emergency.code, emergency.stderr).toBe(0);
    expect(manifest(root, 'release-1.0.0-1.0.0')).toMatchObject({
      status: 'promoted',
      emergency: { reason: 'CVE-2026-0001 in the ingress controller' },
    });
  });

  it('rolls back by rolling forward to the previous pair, never rewriting history', async () => {
    const root = repository();
    for (const [app, infra] of [
      ['1.5.2', '2.0.0'],
      ['1.5.3', '2.1.0'],
    ] as const) {
      const name = `release-${app}-${infra}`;
      await run(root, 'release', 'create', '--app', app, '--infra', infra);
      await run(root, 'release', 'approve', name, '--team', '@acme/platform', '--by', 'alice');
      await run(root, 'release', 'approve', name, '--team', '@acme/shop', '--by', 'bob');
      await run(root, 'release', 'promote', name);
    }
    const before = readFileSync(path.join(root, 'releases/release-1.5.2-2.0.0.yaml'), 'utf8');
    const rollback = await run(root, 'release', 'rollback');
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('wrote releases/release-1.5.2-2.0.0-rollback-1.yaml');
    expect(manifest(root, 'release-1.5.2-2.0.0-rollback-1')).toMatchObject({
      name: 'release-1.5.2-2.0.0-rollback-1',
      application_version: '1.5.2',
      infrastructure_version: '2.0.0',
      status: 'candidate',
      rollback_of: 'release-1.5.3-2.1.0',
    });
    expect(readFileSync(path.join(root, 'releases/release-1.5.2-2.0.0.yaml'), 'utf8')).toBe(before);
    await run(
      root,
      'release',
      'approve',
      'release-1.5.2-2.0.0-rollback-1',
      '--team',
      '@acme/platform',
      '--by',
      'alice',
    );
    await run(root, 'release', 'approve', 'release-1.5.2-2.0.0-rollback-1', '--team', '@acme/shop', '--by', 'bob');
    expect((await run(root, 'release', 'promote', 'release-1.5.2-2.0.0-rollback-1')).code).toBe(0);
    expect(manifest(root, 'release-1.5.3-2.1.0').status).toBe('rolled-back');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'Roll back');
    expect((await run(root, 'release', 'tag', 'release-1.5.2-2.0.0-rollback-1')).code).toBe(0);
    expect(git(root, 'cat-file', '-p', 'release-1.5.2-2.0.0-rollback-1')).toContain(
      'Deploy: Application v1.5.2 and Infrastructure v2.0.0\n\nRollback of release-1.5.3-2.1.0.\n',
    );
    const report = JSON.parse((await run(root, 'lint', '--format', 'json')).stdout) as {
      messages: { ruleId: string | null; message: string }[];
    }[];
    expect(
      report.flatMap((result) => result.messages).filter((message) => message.ruleId?.startsWith('release-')),
    ).toEqual([]);
    const table = (await run(root, 'release', 'list')).stdout;
    expect(table.split('\n')[0]).toMatch(/^RELEASE\s+APPLICATION\s+INFRASTRUCTURE\s+STATUS/);
    expect(table).toMatch(/release-1\.5\.3-2\.1\.0\s+1\.5\.3\s+2\.1\.0\s+rolled-back/);
    const first = await run(root, 'release', 'rollback', '--to', 'release-9.0.0-9.0.0');
    expect(first.code).toBe(2);
  });

  it('needs a descriptor', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-nodesc-'));
    dirs.push(root);
    const result = await run(root, 'release', 'list');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no gitops.yaml in');
  });
});
