import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHOP_PLATFORM_DESCRIPTOR } from '../helpers/descriptors.js';
import { cli } from '../helpers/cli.js';
import { GIT_ENV, git } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();
const savedEnv = { ...process.env };
beforeAll(() => {
  // `release tag` runs git with the process's environment.
  Object.assign(process.env, GIT_ENV);
});
afterAll(() => {
  process.env = savedEnv;
});

/** An infrastructure repository with two tenants, payments and orders. */
const TWO_TENANTS = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: payments',
  '      team: "@acme/payments"',
  '    - name: orders',
  '      team: "@acme/orders"',
  'environments: [staging, production]',
  '',
].join('\n');

function repository(descriptor: string, files: Record<string, string> = {}): string {
  const root = tree({ 'gitops.yaml': descriptor, 'releases/README.md': '# Releases\n', ...files });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return root;
}

const run = (root: string, ...argv: string[]): ReturnType<typeof cli> => cli(argv, { cwd: root });

function manifestAt(root: string, file: string): Record<string, unknown> {
  return (parse(readFileSync(path.join(root, file), 'utf8')) as { release: Record<string, unknown> }).release;
}

/** create, approve by both teams, promote. */
async function release(root: string, app: string, infra: string, tenant: string): Promise<string> {
  const created = await run(root, 'release', 'create', '--app', app, '--infra', infra, '--app-team', `@acme/${tenant}`);
  expect(created.code, created.stderr).toBe(0);
  const name = /wrote \S+: (\S+) /.exec(created.stdout)?.[1] ?? '';
  for (const team of ['@acme/platform', `@acme/${tenant}`]) {
    const approved = await run(root, 'release', 'approve', name, '--team', team, '--by', 'ada');
    expect(approved.code, approved.stderr).toBe(0);
  }
  expect((await run(root, 'release', 'promote', name)).code).toBe(0);
  return name;
}

async function releaseFindings(root: string): Promise<{ ruleId: string | null; message: string; line: number }[]> {
  const report = JSON.parse((await run(root, 'lint', '--format', 'json')).stdout) as {
    filePath: string;
    messages: { ruleId: string | null; message: string; line: number }[];
  }[];
  return report.flatMap((result) => result.messages).filter((message) => message.ruleId?.startsWith('release-'));
}

describe('one release line per application', () => {
  it("reproduces the issue: orders releases 1.5.3 beside payments' release-1.5.3-2.1.0, and 1.0.0 is not older than payments 1.5.3", async () => {
    const root = repository(TWO_TENANTS);
    const payments = await run(
      root,
      'release',
      'create',
      '--app',
      '1.5.3',
      '--infra',
      '2.1.0',
      '--app-team',
      '@acme/payments',
    );
    expect(payments.code, payments.stderr).toBe(0);
    expect(payments.stdout).toContain(
      'wrote releases/payments/release-1.5.3-2.1.0.yaml: release-payments-1.5.3-2.1.0 (payments: application 1.5.3',
    );

    const orders = await run(
      root,
      'release',
      'create',
      '--app',
      '1.5.3',
      '--infra',
      '2.1.0',
      '--app-team',
      '@acme/orders',
    );
    expect(orders.code, orders.stderr).toBe(0);
    expect(orders.stdout).toContain('wrote releases/orders/release-1.5.3-2.1.0.yaml: release-orders-1.5.3-2.1.0');
    const older = await run(root, 'release', 'create', '--app', '1.0.0', '--infra', '2.1.0', '--app-name', 'orders');
    // 1.0.0 is older than orders' own 1.5.3: refused within the line, and only there.
    expect(older.code).toBe(1);
    expect(older.stderr).toBe(
      'gitops-init: release-orders-1.0.0-2.1.0 is older than the newest release release-orders-1.5.3-2.1.0 (application 1.0.0 < 1.5.3); use release rollback, or --allow-downgrade if this is deliberate\n',
    );

    const fresh = repository(TWO_TENANTS);
    await run(fresh, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0', '--app-team', '@acme/payments');
    const first = await run(
      fresh,
      'release',
      'create',
      '--app',
      '1.0.0',
      '--infra',
      '2.1.0',
      '--app-team',
      '@acme/orders',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(manifestAt(fresh, 'releases/orders/release-1.0.0-2.1.0.yaml')).toMatchObject({
      name: 'release-orders-1.0.0-2.1.0',
      application: 'orders',
      application_version: '1.0.0',
      application_team: '@acme/orders',
      status: 'candidate',
    });
    const text = readFileSync(path.join(fresh, 'releases/orders/release-1.0.0-2.1.0.yaml'), 'utf8');
    expect(text).toContain(
      'release:\n  name: release-orders-1.0.0-2.1.0\n  application: orders\n  application_version: 1.0.0\n',
    );
    expect(await releaseFindings(fresh)).toEqual([]);
  });

  it('chooses the line by --app-name or --app-team; unknown, ambiguous or missing: one line, exit 2', async () => {
    const shared = TWO_TENANTS.replace(
      '    - name: orders\n      team: "@acme/orders"\n',
      '    - name: orders\n      team: "@acme/orders"\n    - name: invoices\n      team: "@acme/orders"\n',
    );
    const root = repository(shared);
    const cases: [string[], string][] = [
      [
        [],
        'gitops-init: --app-name or --app-team is required: each application has its own release line (payments @acme/payments, orders @acme/orders, invoices @acme/orders)\n',
      ],
      [
        ['--app-team', '@acme/orders'],
        'gitops-init: --app-team "@acme/orders" is the team of several applications (orders, invoices); choose one with --app-name\n',
      ],
      [
        ['--app-team', '@acme/shop'],
        'gitops-init: --app-team "@acme/shop": not the team of an application in gitops.yaml\'s teams.applications (payments @acme/payments, orders @acme/orders, invoices @acme/orders)\n',
      ],
      [
        ['--app-name', 'shop'],
        'gitops-init: --app-name "shop": not an application in gitops.yaml\'s teams.applications (payments @acme/payments, orders @acme/orders, invoices @acme/orders)\n',
      ],
      [
        ['--app-name', 'payments', '--app-team', '@acme/orders'],
        'gitops-init: --app-team "@acme/orders" is not the team of payments (@acme/payments); give one of them\n',
      ],
    ];
    for (const [flags, stderr] of cases) {
      const result = await run(root, 'release', 'create', '--app', '1.0.0', '--infra', '2.0.0', ...flags);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr).toBe(stderr);
    }
    const invoices = await run(
      root,
      'release',
      'create',
      '--app',
      '1.0.0',
      '--infra',
      '2.0.0',
      '--app-name',
      'invoices',
      '--app-team',
      '@acme/orders',
    );
    expect(invoices.code, invoices.stderr).toBe(0);
    expect(invoices.stdout).toContain('releases/invoices/release-1.0.0-2.0.0.yaml');
    expect(existsSync(path.join(root, 'releases/orders'))).toBe(false);
  });

  it('approves, promotes, tags (naming the application), lists, filters and logs per application', async () => {
    const root = repository(TWO_TENANTS);
    await release(root, '1.5.3', '2.1.0', 'payments');
    await release(root, '1.0.0', '2.0.0', 'orders');
    await release(root, '1.5.3', '2.1.0', 'orders');
    const outsider = await run(
      root,
      'release',
      'create',
      '--app',
      '1.6.0',
      '--infra',
      '2.1.0',
      '--app-team',
      '@acme/payments',
    );
    expect(outsider.code).toBe(0);
    const wrongTeam = await run(
      root,
      'release',
      'approve',
      'release-payments-1.6.0-2.1.0',
      '--team',
      '@acme/orders',
      '--by',
      'eve',
    );
    expect(wrongTeam.code).toBe(2);
    expect(wrongTeam.stderr).toContain('needs approvals from @acme/platform and @acme/payments');

    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'Releases');
    const tagged = await run(root, 'release', 'tag', 'release-orders-1.5.3-2.1.0');
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stdout).toContain(
      'as release-orders-1.5.3-2.1.0: Deploy: orders Application v1.5.3 and Infrastructure v2.1.0',
    );
    expect(
      git(root, 'cat-file', '-p', 'release-orders-1.5.3-2.1.0').endsWith(
        '\n\nDeploy: orders Application v1.5.3 and Infrastructure v2.1.0\n',
      ),
    ).toBe(true);
    // The file path names a release too.
    const byFile = await run(root, 'release', 'tag', 'payments/release-1.5.3-2.1.0');
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(git(root, 'tag', '--list').split('\n').filter(Boolean).sort()).toEqual([
      'release-orders-1.5.3-2.1.0',
      'release-payments-1.5.3-2.1.0',
    ]);

    const table = (await run(root, 'release', 'list')).stdout.split('\n');
    expect(table[0]).toMatch(/^TENANT\s+RELEASE\s+APPLICATION\s+INFRASTRUCTURE\s+STATUS/);
    expect(table.filter((line) => line.startsWith('orders '))).toHaveLength(2);
    const only = JSON.parse((await run(root, 'release', 'list', '--app', 'payments', '--json')).stdout) as {
      name: string;
      app: string;
      application: string;
    }[];
    expect(only.map((entry) => [entry.name, entry.app])).toEqual([
      ['release-payments-1.5.3-2.1.0', 'payments'],
      ['release-payments-1.6.0-2.1.0', 'payments'],
    ]);
    const unknown = await run(root, 'release', 'list', '--app', 'shop');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'gitops-init: --app "shop": not an application in gitops.yaml\'s teams.applications (payments, orders)\n',
    );

    expect((await run(root, 'release', 'changelog')).code).toBe(0);
    const log = readFileSync(path.join(root, 'RELEASES.md'), 'utf8');
    const headings = log.split('\n').filter((line) => line.startsWith('##'));
    expect(headings).toEqual([
      '## payments (@acme/payments)',
      '### release-payments-1.6.0-2.1.0',
      '### release-payments-1.5.3-2.1.0',
      '## orders (@acme/orders)',
      '### release-orders-1.5.3-2.1.0',
      '### release-orders-1.0.0-2.0.0',
    ]);
    expect(await releaseFindings(root)).toEqual([]);
  });

  it("rolls back within one application's line, to that application's previous pair", async () => {
    const root = repository(TWO_TENANTS);
    await release(root, '1.5.2', '2.0.0', 'payments');
    await release(root, '1.0.0', '2.0.0', 'orders');
    await release(root, '1.5.3', '2.1.0', 'payments');
    await release(root, '1.1.0', '2.1.0', 'orders');
    const ambiguous = await run(root, 'release', 'rollback');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('--app-name or --app-team is required');

    const rollback = await run(root, 'release', 'rollback', '--app-name', 'payments');
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain(
      'wrote releases/payments/release-1.5.2-2.0.0-rollback-1.yaml: release-payments-1.5.2-2.0.0-rollback-1',
    );
    expect(manifestAt(root, 'releases/payments/release-1.5.2-2.0.0-rollback-1.yaml')).toMatchObject({
      application: 'payments',
      application_version: '1.5.2',
      infrastructure_version: '2.0.0',
      rollback_of: 'release-payments-1.5.3-2.1.0',
      application_team: '@acme/payments',
    });
    const orders = await run(root, 'release', 'rollback', '--app-team', '@acme/orders');
    expect(orders.code, orders.stderr).toBe(0);
    expect(orders.stdout).toContain('rolling back release-orders-1.1.0-2.1.0');
    const across = await run(
      root,
      'release',
      'rollback',
      '--app-name',
      'orders',
      '--to',
      'release-payments-1.5.2-2.0.0',
    );
    expect(across.code).toBe(2);
    expect(across.stderr).toBe(
      'gitops-init: --to "release-payments-1.5.2-2.0.0" is a release of payments, not of orders\n',
    );

    for (const team of ['@acme/platform', '@acme/payments'])
      await run(root, 'release', 'approve', 'release-payments-1.5.2-2.0.0-rollback-1', '--team', team, '--by', 'ada');
    expect((await run(root, 'release', 'promote', 'release-payments-1.5.2-2.0.0-rollback-1')).code).toBe(0);
    expect(manifestAt(root, 'releases/payments/release-1.5.3-2.1.0.yaml').status).toBe('rolled-back');
    expect(manifestAt(root, 'releases/orders/release-1.1.0-2.1.0.yaml').status).toBe('promoted');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'Roll back payments');
    const tagged = await run(root, 'release', 'tag', 'release-payments-1.5.2-2.0.0-rollback-1');
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(git(root, 'cat-file', '-p', 'release-payments-1.5.2-2.0.0-rollback-1')).toContain(
      'Deploy: payments Application v1.5.2 and Infrastructure v2.0.0\n\nRollback of release-payments-1.5.3-2.1.0.\n',
    );
    expect(await releaseFindings(root)).toEqual([]);
  });

  it('keeps a single application on release-<app>-<infra>, unless perApplication: always', async () => {
    const single = repository(SHOP_PLATFORM_DESCRIPTOR);
    const created = await run(single, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0');
    expect(created.stdout).toContain('wrote releases/release-1.5.3-2.1.0.yaml: release-1.5.3-2.1.0 (application 1.5.3');
    expect(manifestAt(single, 'releases/release-1.5.3-2.1.0.yaml').application).toBeUndefined();

    const always = repository(`${SHOP_PLATFORM_DESCRIPTOR}releases:\n  perApplication: always\n`);
    const line = await run(always, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0');
    expect(line.code, line.stderr).toBe(0);
    expect(line.stdout).toContain('wrote releases/shop/release-1.5.3-2.1.0.yaml: release-shop-1.5.3-2.1.0');
    expect(await releaseFindings(always)).toEqual([]);
  });

  it('names releases by releases.tagFormat, and refuses a bad format in one line, exit 2', async () => {
    const root = repository(`${TWO_TENANTS}releases:\n  tagFormat: "{app}@{appVersion}+infra.{infraVersion}"\n`);
    const created = await run(
      root,
      'release',
      'create',
      '--app',
      '1.5.3',
      '--infra',
      '2.1.0',
      '--app-name',
      'payments',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('wrote releases/payments/release-1.5.3-2.1.0.yaml: payments@1.5.3+infra.2.1.0');
    for (const team of ['@acme/platform', '@acme/payments'])
      await run(root, 'release', 'approve', 'payments@1.5.3+infra.2.1.0', '--team', team, '--by', 'ada');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'Release');
    expect((await run(root, 'release', 'tag', 'payments@1.5.3+infra.2.1.0')).code).toBe(0);
    expect(git(root, 'tag', '--list')).toBe('payments@1.5.3+infra.2.1.0\n');
    expect(await releaseFindings(root)).toEqual([]);

    const noApp = repository(`${TWO_TENANTS}releases:\n  tagFormat: "deploy-{appVersion}-{infraVersion}"\n`);
    for (const argv of [
      ['release', 'list'],
      ['release', 'create', '--app', '1.0.0', '--infra', '1.0.0', '--app-name', 'orders'],
    ]) {
      const refused = await run(noApp, ...argv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        'gitops-init: gitops.yaml: releases.tagFormat "deploy-{appVersion}-{infraVersion}" has no {app}, but each application has its own release line (releases.perApplication: auto); add {app}, e.g. release-{app}-{appVersion}-{infraVersion}\n',
      );
    }
    const formats: [string, string][] = [
      [
        'release-{app}-{appVersion}',
        'needs both {appVersion} and {infraVersion}, so that every pair has a name of its own',
      ],
      [
        'release/{app}-{appVersion}-{infraVersion}',
        'has "/"; a release\'s name is its tag and file name: letters, digits, . _ @ + - and the placeholders',
      ],
      [
        'release-{application}-{appVersion}-{infraVersion}',
        'has an unknown placeholder {application}; use {app}, {appVersion} and {infraVersion}',
      ],
      [
        '-{app}-{appVersion}-{infraVersion}',
        'starts with - or . or holds "..", which git refuses in a tag; e.g. release-{app}-{appVersion}-{infraVersion}',
      ],
    ];
    for (const [format, problem] of formats) {
      const bad = repository(`${TWO_TENANTS}releases:\n  tagFormat: "${format}"\n`);
      const refused = await run(bad, 'release', 'list');
      expect(refused.code, format).toBe(2);
      expect(refused.stderr).toBe(`gitops-init: gitops.yaml: releases.tagFormat "${format}" ${problem}\n`);
      // lint says it too, at the setting.
      expect(await releaseFindings(bad)).toEqual([
        expect.objectContaining({
          ruleId: 'release-name-matches',
          message: `releases.tagFormat "${format}" ${problem}`,
          line: 13,
        }),
      ]);
    }
  });

  it('keeps the releases of a repository that had one application when a second tenant arrives', async () => {
    const root = repository(SHOP_PLATFORM_DESCRIPTOR);
    await run(root, 'release', 'create', '--app', '1.5.3', '--infra', '2.1.0');
    writeFileSync(
      path.join(root, 'gitops.yaml'),
      SHOP_PLATFORM_DESCRIPTOR.replace(
        'environments:',
        '    - name: orders\n      team: "@acme/orders"\nenvironments:',
      ),
    );
    const older = await run(root, 'release', 'create', '--app', '1.5.2', '--infra', '2.1.0', '--app-name', 'shop');
    expect(older.code).toBe(1);
    expect(older.stderr).toContain('older than the newest release release-1.5.3-2.1.0');
    const next = await run(root, 'release', 'create', '--app', '1.6.0', '--infra', '2.1.0', '--app-name', 'shop');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('releases/shop/release-1.6.0-2.1.0.yaml: release-shop-1.6.0-2.1.0');
    const listed = JSON.parse((await run(root, 'release', 'list', '--app', 'shop', '--json')).stdout) as {
      name: string;
    }[];
    expect(listed.map((entry) => entry.name)).toEqual(['release-1.5.3-2.1.0', 'release-shop-1.6.0-2.1.0']);
    expect(
      (await run(root, 'release', 'create', '--app', '0.1.0', '--infra', '2.1.0', '--app-name', 'orders')).code,
    ).toBe(0);
    expect(await releaseFindings(root)).toEqual([]);
  });
});
