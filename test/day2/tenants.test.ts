import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lint } from '../../src/api/lint.js';
import { scaffold, type RawAnswers } from '../../src/api/scaffold.js';
import { cli } from '../helpers/cli.js';
import {
  directories,
  expectKustomizationsBuild,
  expectLintClean,
  kubectlAvailable,
  scaffoldFixture,
  tree,
} from '../helpers/day2.js';

const hasKubectl = kubectlAvailable('add tenant');

const tools = ['argocd', 'flux', 'helm'] as const;
const hosts = ['github', 'gitlab'] as const;

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-tenant-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function generate(
  directory: string,
  tool: string,
  host: string,
  appTeams: string,
  more: Partial<RawAnswers> = {},
): Promise<string> {
  return scaffoldFixture(path.join(base, directory), { tool, host, ...more, appTeams });
}

describe.each(tools)('%s infrastructure repository', (tool) => {
  describe.each(hosts)('on %s', (host) => {
    const id = `${tool}-${host}`;
    let original: string;
    let expected: string;
    let work: string;
    beforeAll(async () => {
      original = await generate(`${id}-original`, tool, host, '@acme/checkout');
      expected = await generate(`${id}-expected`, tool, host, '@acme/checkout,@acme/web');
      work = path.join(base, `${id}-work`);
      cpSync(original, work, { recursive: true });
    });

    it('add tenant --dry-run prints the plan with the diff of gitops.yaml and writes nothing', async () => {
      const run = await cli(['add', 'tenant', '@acme/web', '--dry-run', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Plan to add tenant web \(@acme\/web\) \(dry run, nothing written\):\n/);
      expect(run.stdout).toContain(
        '  modify  gitops.yaml\n--- a/gitops.yaml\n+++ b/gitops.yaml\n@@ -14,6 +14,11 @@\n' +
          '       namespaces:\n         - "checkout"\n' +
          `       repository: "https://${host}.com/acme/checkout.git"\n` +
          '+    - name: "web"\n+      team: "@acme/web"\n+      namespaces:\n+        - "web"\n' +
          `+      repository: "https://${host}.com/acme/web.git"\n`,
      );
      expect(run.stdout).toContain('namespaces: web; environments: dev, staging, production\n');
      expect(tree(work)).toEqual(tree(original));
    });

    it('add tenant @acme/web writes what new --app-team @acme/checkout,@acme/web writes, byte for byte', async () => {
      const run = await cli(['add', 'tenant', '@acme/web', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Added tenant web \(@acme\/web\): \d+ files? changed\./);
      expect(tree(work)).toEqual(tree(expected));
    });

    it('leaves a repository that lints clean', async () => {
      await expectLintClean(work);
    });

    it.runIf(hasKubectl)('leaves every kustomization building with kubectl kustomize', () => {
      expectKustomizationsBuild(work);
    });

    it('changes nothing the second time, and says so', async () => {
      const before = tree(work);
      const run = await cli(['add', 'tenant', '@acme/web', '-C', work], { cwd: base });
      expect(run).toEqual({
        code: 0,
        stdout: 'Nothing to change: tenant web (@acme/web) is already there with all its files.\n',
        stderr: '',
      });
      expect(tree(work)).toEqual(before);
    });

    it('remove tenant web brings the tree back to the original, byte for byte', async () => {
      const run = await cli(['remove', 'tenant', 'web', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Removed tenant web \(@acme\/web\): \d+ files? changed\./);
      expect(tree(work)).toEqual(tree(original));
      expect(directories(work)).toEqual(directories(original));
      await expectLintClean(work);
      const again = await cli(['remove', 'tenant', 'web', '-C', work], { cwd: base });
      expect(again.code).toBe(2);
      expect(again.stderr).toBe(
        'gitops-init: tenant "web": not a tenant of this repository (checkout (@acme/checkout))\n',
      );
    });
  });
});

describe.each(tools)('a tenant with its own name, namespaces, repository and environments (%s)', (tool) => {
  const flags = [
    '--name',
    'shop',
    '--namespace',
    'shop-a,shop-b',
    '--repository',
    'https://github.com/acme/shop-deploy.git',
    '--envs',
    'dev,production',
  ];
  let work: string;
  let original: string;
  beforeAll(async () => {
    original = await generate(`details-${tool}-original`, tool, 'github', '@acme/checkout');
    work = path.join(base, `details-${tool}-work`);
    cpSync(original, work, { recursive: true });
  });

  it('add tenant writes what new writes for the same answers, and gitops.yaml stores them', async () => {
    // Run from a subdirectory: the repository is found above it.
    const run = await cli(['add', 'tenant', '@acme/web', ...flags], { cwd: path.join(work, 'tenants') });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('namespaces: shop-a, shop-b; environments: dev, production\n');
    const expected = await generate(`details-${tool}-expected`, tool, 'github', '@acme/checkout,@acme/web', {
      tenants: [
        {
          team: '@acme/web',
          name: 'shop',
          namespaces: ['shop-a', 'shop-b'],
          repository: 'https://github.com/acme/shop-deploy.git',
          environments: ['dev', 'production'],
        },
      ],
    });
    expect(tree(work)).toEqual(tree(expected));
    const descriptor = parse(readFileSync(path.join(work, 'gitops.yaml'), 'utf8')) as {
      teams: { applications: unknown[] };
    };
    expect(descriptor.teams.applications[1]).toEqual({
      name: 'shop',
      team: '@acme/web',
      namespaces: ['shop-a', 'shop-b'],
      repository: 'https://github.com/acme/shop-deploy.git',
      environments: ['dev', 'production'],
    });
  });

  it('the tenant is only in its environments, with every namespace', () => {
    const files = tree(work);
    if (tool === 'argocd') {
      expect(Object.keys(files).filter((file) => file.includes('tenant-shop'))).toEqual([
        'clusters/dev/apps/tenant-shop.yaml',
        'clusters/production/apps/tenant-shop.yaml',
      ]);
      expect(files['clusters/staging/apps/kustomization.yaml']).not.toContain('shop');
      const project = files['clusters/dev/apps/tenant-shop.yaml'] ?? '';
      expect(project).toContain(
        '      namespace: "shop-a"\n    - server: https://kubernetes.default.svc\n      namespace: "shop-b"\n',
      );
      expect(files['tenants/shop/namespace.yaml']).toContain('  name: "shop-b"\n');
    } else if (tool === 'flux') {
      expect(files['tenants/dev/kustomization.yaml']).toContain('"../base/shop"');
      expect(files['tenants/staging/kustomization.yaml']).not.toContain('shop');
      expect(files['tenants/base/shop/rbac.yaml']).toContain('  name: "gotk-reconciler-shop"\n  namespace: "shop-b"\n');
      // Several namespaces: the objects name theirs, so no targetNamespace forces them into the first.
      expect(files['tenants/base/shop/sync.yaml']).toContain('  namespace: "shop-a"\n');
      expect(files['tenants/base/shop/sync.yaml']).not.toMatch(/^ +targetNamespace:/m);
    } else {
      expect(files['tenants/values.yaml']).toContain(
        '  - name: "shop"\n    team: "@acme/web"\n    namespace: "shop-a"\n    namespaces:\n      - "shop-a"\n      - "shop-b"\n    environments:\n      - "dev"\n      - "production"\n',
      );
    }
  });

  it('new run again in the directory reports every file unchanged: the answers round-trip', async () => {
    const result = await scaffold({ cwd: work, dryRun: true, git: false });
    expect(result.files.filter((file) => file.status !== 'unchanged')).toEqual([]);
    expect(result.answers.tenants).toEqual([
      {
        team: '@acme/web',
        name: 'shop',
        namespaces: ['shop-a', 'shop-b'],
        repository: 'https://github.com/acme/shop-deploy.git',
        environments: ['dev', 'production'],
      },
    ]);
  });

  it('leaves a repository that lints clean', async () => {
    await expectLintClean(work);
  });

  it.runIf(hasKubectl)('leaves every kustomization building with kubectl kustomize', () => {
    expectKustomizationsBuild(work);
  });

  it('the same command again changes nothing; other details for the same team are refused', async () => {
    const before = tree(work);
    const same = await cli(['add', 'tenant', '@acme/web', ...flags, '-C', work], { cwd: base });
    expect(same.stdout).toBe('Nothing to change: tenant shop (@acme/web) is already there with all its files.\n');
    const renamed = await cli(['add', 'tenant', '@acme/web', '--name', 'web', '-C', work], { cwd: base });
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toMatch(
      /^gitops-init: team "@acme\/web" is already a tenant \(name "shop", .*remove tenant shop first/,
    );
    expect(tree(work)).toEqual(before);
  });

  it('remove tenant @acme/web (by team) brings the tree back to the original', async () => {
    const run = await cli(['remove', 'tenant', '@acme/web', '-C', work], { cwd: base });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(tree(work)).toEqual(tree(original));
    expect(directories(work)).toEqual(directories(original));
  });
});

describe('files changed by hand', () => {
  let root: string;
  beforeAll(async () => {
    root = await generate('changed', 'flux', 'github', '@acme/checkout');
    expect((await cli(['add', 'tenant', '@acme/web', '-C', root], { cwd: base })).code).toBe(0);
  });

  it('remove tenant keeps and lists a file the user changed, and removes the rest', async () => {
    const changed = path.join(root, 'tenants/base/web/namespace.yaml');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('requests.cpu: "8"', 'requests.cpu: "16"'));
    const run = await cli(['remove', 'tenant', 'web', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Kept 1 file changed since gitops-init generated it (delete it by hand if no longer needed; --force deletes such files):\n  tenants/base/web/namespace.yaml\n',
    );
    expect(Object.keys(tree(root)).filter((file) => file.includes('web'))).toEqual(['tenants/base/web/namespace.yaml']);
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).not.toContain('@acme/web');
    expect(readFileSync(path.join(root, 'tenants/dev/kustomization.yaml'), 'utf8')).not.toContain('web');
  });

  it('add tenant refuses, exit 1 and nothing written, where a file it would create holds something else', async () => {
    const before = tree(root);
    const run = await cli(['add', 'tenant', '@acme/web', '-C', root], { cwd: base });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('  tenants/base/web/namespace.yaml');
    expect(tree(root)).toEqual(before);
  });

  it('remove tenant --force deletes a file the user changed', async () => {
    rmSync(path.join(root, 'tenants/base/web'), { recursive: true });
    expect((await cli(['add', 'tenant', '@acme/web', '-C', root], { cwd: base })).code).toBe(0);
    const changed = path.join(root, 'tenants/base/web/sync.yaml');
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}# tuned\n`);
    const run = await cli(['remove', 'tenant', 'web', '--force', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Kept');
    expect(Object.keys(tree(root)).filter((file) => file.includes('web'))).toEqual([]);
  });

  it('keeps comments and layout of gitops.yaml around the tenant it adds and removes', async () => {
    const file = path.join(root, 'gitops.yaml');
    const edited = readFileSync(file, 'utf8')
      .replace('teams:\n', '# who owns what\nteams:   # reviewed yearly\n')
      .replace('      team: "@acme/checkout"\n', "      team: '@acme/checkout'  # since 2025\n");
    writeFileSync(file, edited);
    expect((await cli(['add', 'tenant', '@acme/web', '-C', root], { cwd: base })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      edited.replace(
        '      repository: "https://github.com/acme/checkout.git"\n',
        '      repository: "https://github.com/acme/checkout.git"\n    - name: "web"\n      team: "@acme/web"\n      namespaces:\n        - "web"\n      repository: "https://github.com/acme/web.git"\n',
      ),
    );
    expect((await cli(['remove', 'tenant', 'web', '-C', root], { cwd: base })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });
});

describe('offboarding where the team owns paths', () => {
  it("remove tenant takes it out of gitops.yaml's ownership and CODEOWNERS' generated block", async () => {
    const root = await generate('ownership', 'flux', 'github', '@acme/checkout');
    expect((await cli(['add', 'tenant', '@acme/web', '-C', root], { cwd: base })).code).toBe(0);
    const file = path.join(root, 'gitops.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}ownership:\n  /tenants/base/web/: ["web", "platform"]\n  /tenants/base/checkout/: "@acme/web"\n`,
    );
    // The block at the end, after the generated `*` line, so that its lines decide.
    const codeownersFile = path.join(root, '.github/CODEOWNERS');
    writeFileSync(
      codeownersFile,
      `${readFileSync(codeownersFile, 'utf8')}# BEGIN gitops-init ownership\n# END gitops-init ownership\n`,
    );
    expect((await cli(['codeowners', 'sync', '-C', root], { cwd: base })).code).toBe(0);
    expect(readFileSync(path.join(root, '.github/CODEOWNERS'), 'utf8')).toContain('@acme/web');
    await expectLintClean(root);
    const run = await cli(['remove', 'tenant', 'web', '-C', root], { cwd: base });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const descriptor = parse(readFileSync(file, 'utf8')) as { ownership: Record<string, unknown> };
    expect(descriptor.ownership).toEqual({ '/tenants/base/web/': ['platform'] });
    const codeowners = readFileSync(path.join(root, '.github/CODEOWNERS'), 'utf8');
    expect(codeowners).not.toContain('@acme/web');
    expect(codeowners).toContain('/tenants/base/web/ @acme/platform\n');
    // The pattern of the deleted directory matches nothing now: a warning, no error.
    const report = await lint({ cwd: root });
    expect(report.diagnostics.filter((d) => d.severity === 2)).toEqual([]);
  });
});

describe('remove env and tenants of some environments', () => {
  it('takes the environment out of their lists, and refuses to leave a tenant without one', async () => {
    const root = await generate('env-tenant', 'argocd', 'github', '@acme/checkout');
    const add = ['add', 'tenant', '@acme/shop', '--envs', 'dev,production', '-C', root];
    expect((await cli(add, { cwd: base })).code).toBe(0);
    expect((await cli(['remove', 'env', 'dev', '-C', root], { cwd: base })).code).toBe(0);
    const expected = await generate('env-tenant-expected', 'argocd', 'github', '@acme/checkout,@acme/shop', {
      envs: 'staging,production',
      tenants: [{ team: '@acme/shop', environments: ['production'] }],
    });
    expect(tree(root)).toEqual(tree(expected));
    await expectLintClean(root);
    const before = tree(root);
    const run = await cli(['remove', 'env', 'production', '-C', root], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: environment "production" is the only one of tenant "shop"; remove the tenant first (gitops-init remove tenant shop)\n',
    );
    expect(tree(root)).toEqual(before);
  });

  it('drops the list when the tenant is then in every environment left, as new writes it', async () => {
    const root = await generate('env-tenant-all', 'flux', 'gitlab', '@acme/checkout');
    expect((await cli(['add', 'tenant', '@acme/shop', '--envs', 'dev,staging', '-C', root], { cwd: base })).code).toBe(
      0,
    );
    expect((await cli(['remove', 'env', 'production', '-C', root], { cwd: base })).code).toBe(0);
    const expected = await generate('env-tenant-all-expected', 'flux', 'gitlab', '@acme/checkout,@acme/shop', {
      envs: 'dev,staging',
    });
    expect(tree(root)).toEqual(tree(expected));
  });
});

describe('the first and the last tenant', () => {
  it.each(tools)(
    '%s: add tenant to a repository without tenants writes what new writes, and remove undoes it',
    async (tool) => {
      const original = await generate(`none-${tool}-original`, tool, 'gitlab', '');
      const expected = await generate(`none-${tool}-expected`, tool, 'gitlab', '@acme/web');
      const work = path.join(base, `none-${tool}-work`);
      cpSync(original, work, { recursive: true });
      expect((await cli(['add', 'tenant', '@acme/web', '-C', work], { cwd: base })).code).toBe(0);
      expect(tree(work)).toEqual(tree(expected));
      await expectLintClean(work);
      expect((await cli(['remove', 'tenant', 'web', '-C', work], { cwd: base })).code).toBe(0);
      expect(tree(work)).toEqual(tree(original));
    },
  );
});

describe('bad input: one line, exit 2, nothing written', () => {
  let root: string;
  beforeAll(async () => {
    root = await generate('bad', 'argocd', 'github', '@acme/checkout');
  });

  it.each([
    [['add', 'tenant', 'web'], /^gitops-init: team "web": must be a team as @org\/team-slug$/],
    // Without a terminal nothing can be asked.
    [['add', 'tenant', '--name', 'web'], /^gitops-init: the team is missing: gitops-init add tenant <@org\/team>/],
    [['remove', 'tenant'], /^gitops-init: the tenant name is missing: gitops-init remove tenant <name>/],
    [['add', 'tenant', '@other/web'], /^gitops-init: team "@other\/web": not a team of "acme"/],
    [['add', 'tenant', '@acme/platform'], /^gitops-init: team "@acme\/platform" is the platform team/],
    [
      ['add', 'tenant', '@acme/Web_App'],
      /^gitops-init: team "@acme\/Web_App": its slug "web_app": not a DNS label.*--name/,
    ],
    [['add', 'tenant', '@acme/web', '--name', 'Web'], /^gitops-init: --name "Web": not a DNS label/],
    [
      ['add', 'tenant', '@acme/web', '--name', 'checkout'],
      /^gitops-init: --name "checkout": already the name of @acme\/checkout's tenant/,
    ],
    [
      ['add', 'tenant', '@acme/checkout', '--name', 'shop'],
      /^gitops-init: team "@acme\/checkout" is already a tenant \(name "checkout"/,
    ],
    [
      ['add', 'tenant', '@acme/web', '--namespace', 'checkout'],
      /^gitops-init: --namespace "checkout" is @acme\/checkout's \(tenant "checkout"\)/,
    ],
    [
      ['add', 'tenant', '@acme/web', '--namespace', 'web,monitoring'],
      /^gitops-init: --namespace "monitoring" belongs to the platform/,
    ],
    [
      ['add', 'tenant', '@acme/argocd'],
      /^gitops-init: tenant "argocd": its namespace "argocd" belongs to the platform; choose another with --namespace$/,
    ],
    [
      ['add', 'tenant', '@acme/web', '--namespace', 'web,web'],
      /^gitops-init: --namespace "web,web": a namespace is listed twice$/,
    ],
    [['add', 'tenant', '@acme/web', '--namespace', 'Web'], /^gitops-init: --namespace "Web": not a DNS label/],
    [
      ['add', 'tenant', '@acme/web', '--envs', 'dev,qa'],
      /^gitops-init: --envs "qa": not an environment of this repository \(dev, staging, production\)$/,
    ],
    [['add', 'tenant', '@acme/web', '--envs', ','], /^gitops-init: --envs: give at least one environment$/],
    [['add', 'tenant', '@acme/web', '--repository', ' '], /^gitops-init: --repository: give the clone URL/],
    [
      ['add', 'tenant', '@acme/web', '--name', 'platform'],
      /^gitops-init: tenant "platform": its repository "https:\/\/github.com\/acme\/platform.git" is this infrastructure repository; give the team's own with --repository$/,
    ],
    [
      ['remove', 'tenant', 'web'],
      /^gitops-init: tenant "web": not a tenant of this repository \(checkout \(@acme\/checkout\)\)$/,
    ],
  ])('%j', async (argv, message) => {
    const before = tree(root);
    const run = await cli([...argv, '-C', root], { cwd: base });
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(tree(root)).toEqual(before);
  });

  it('tenant details in gitops.yaml that do not fit: one line naming the file, exit 2', async () => {
    const broken = path.join(base, 'broken');
    cpSync(root, broken, { recursive: true });
    const file = path.join(broken, 'gitops.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '      repository: "https://github.com/acme/checkout.git"\n',
        '      repository: "https://github.com/acme/checkout.git"\n      environments: ["dev", "qa"]\n',
      ),
    );
    const run = await cli(['add', 'tenant', '@acme/web', '-C', broken], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: gitops.yaml: --app-team "@acme/checkout": environment "qa" is not one of --envs "dev,staging,production"\n',
    );
    const again = await cli(['new', '--dry-run', '-C', broken], { cwd: base });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--app-team "@acme/checkout": environment "qa" is not one of --envs');
  });

  it('add tenant in an application repository', async () => {
    const application = await generate('application', 'flux', 'github', '@acme/checkout', {
      kind: 'application',
      name: 'checkout',
    });
    const before = tree(application);
    const run = await cli(['add', 'tenant', '@acme/web', '-C', application], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: add tenant: gitops.yaml is an application repository; tenants are onboarded in the infrastructure repository\n',
    );
    expect(tree(application)).toEqual(before);
  });
});
