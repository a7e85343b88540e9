import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { cli } from '../helpers/cli.js';
import {
  directories,
  expectKustomizationsBuild,
  expectLintClean,
  kubectlAvailable,
  scaffoldFixture,
  tree,
} from '../helpers/day2.js';

const hasKubectl = kubectlAvailable('add component');

const tools = ['argocd', 'flux', 'helm'] as const;
const hosts = ['github', 'gitlab'] as const;
const KYVERNO = [
  'kyverno',
  '--category',
  'security',
  '--chart',
  'kyverno',
  '--chart-repo',
  'https://kyverno.github.io/kyverno/',
  '--chart-version',
  '3.3.4',
];

/** Files added, removed or changed between two trees. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((file) => before[file] !== after[file])
    .sort();
}

function objects(content: string): Record<string, unknown>[] {
  return parseAllDocuments(content).map((document) => document.toJS() as Record<string, unknown>);
}

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-component-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function generate(directory: string, tool: string, host: string, kind = 'infrastructure'): Promise<string> {
  return scaffoldFixture(path.join(base, directory), { kind, tool, host });
}

describe.each(tools)('%s infrastructure repository', (tool) => {
  describe.each(hosts)('on %s', (host) => {
    const id = `${tool}-${host}`;
    let original: string;
    let work: string;
    beforeAll(async () => {
      original = await generate(`${id}-original`, tool, host);
      work = path.join(base, `${id}-work`);
      cpSync(original, work, { recursive: true });
    });

    it('--dry-run prints the plan with the diff of the wiring and writes nothing', async () => {
      const run = await cli(['add', 'component', ...KYVERNO, '--dry-run', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(
        /^Plan to add component kyverno \(security\): chart kyverno 3\.3\.4.* \(dry run, nothing written\):\n/,
      );
      if (tool === 'helm') {
        expect(run.stdout).toContain(
          '  modify  infrastructure/security/Chart.yaml\n--- a/infrastructure/security/Chart.yaml\n+++ b/infrastructure/security/Chart.yaml\n@@ -',
        );
        expect(run.stdout).toContain('+  - name: "kyverno"\n+    version: "3.3.4"\n');
      } else {
        expect(run.stdout).toContain('  create  infrastructure/security/kyverno.yaml\n');
        expect(run.stdout).toContain(
          '  modify  infrastructure/security/kustomization.yaml\n--- a/infrastructure/security/kustomization.yaml\n',
        );
        expect(run.stdout).toMatch(/^\+ {2}- kyverno\.yaml$/m);
      }
      expect(tree(work)).toEqual(tree(original));
    });

    it('add component kyverno writes the component, pinned and wired into its category', async () => {
      const run = await cli(['add', 'component', ...KYVERNO, '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      // Argo CD: each environment's platform project also allows the chart repository.
      expect(run.stdout).toMatch(
        new RegExp(
          `^Added component kyverno \\(security\\): chart kyverno 3\\.3\\.4.*: ${tool === 'argocd' ? 5 : 2} files changed\\.`,
        ),
      );
      const after = tree(work);
      if (tool === 'helm') {
        expect(changed(tree(original), after)).toEqual([
          'infrastructure/security/Chart.yaml',
          'infrastructure/security/values.yaml',
        ]);
        const chart = parse(after['infrastructure/security/Chart.yaml'] ?? '') as { dependencies: unknown[] };
        expect(chart.dependencies.at(-1)).toEqual({
          name: 'kyverno',
          version: '3.3.4',
          repository: 'https://kyverno.github.io/kyverno/',
        });
        expect(after['infrastructure/security/values.yaml']).toMatch(/\nkyverno:\n {2}fullnameOverride: "kyverno"\n$/);
        return;
      }
      expect(changed(tree(original), after)).toEqual([
        ...(tool === 'argocd'
          ? ['dev', 'production', 'staging'].map((env) => `clusters/${env}/apps/platform-project.yaml`)
          : []),
        'infrastructure/security/kustomization.yaml',
        'infrastructure/security/kyverno.yaml',
      ]);
      if (tool === 'argocd') {
        for (const env of ['dev', 'staging', 'production']) {
          const project = parse(after[`clusters/${env}/apps/platform-project.yaml`] ?? '') as {
            spec: { sourceRepos: string[] };
          };
          expect(project.spec.sourceRepos.at(-1)).toBe('https://kyverno.github.io/kyverno/');
        }
      }
      expect(after['infrastructure/security/kustomization.yaml']).toBe(
        `${tree(original)['infrastructure/security/kustomization.yaml'] ?? ''}  - kyverno.yaml\n`,
      );
      const documents = objects(after['infrastructure/security/kyverno.yaml'] ?? '');
      if (tool === 'argocd') {
        expect(documents).toHaveLength(1);
        expect(documents[0]).toMatchObject({
          kind: 'Application',
          metadata: { name: 'kyverno', namespace: 'argocd' },
          spec: {
            project: 'platform',
            source: { repoURL: 'https://kyverno.github.io/kyverno/', chart: 'kyverno', targetRevision: '3.3.4' },
            destination: { namespace: 'security' },
          },
        });
      } else {
        expect(documents.map((object) => object.kind)).toEqual(['HelmRepository', 'HelmRelease']);
        expect(documents[0]).toMatchObject({
          metadata: { name: 'kyverno', namespace: 'security' },
          spec: { url: 'https://kyverno.github.io/kyverno/' },
        });
        expect(documents[1]).toMatchObject({
          metadata: { name: 'kyverno', namespace: 'security' },
          spec: { chart: { spec: { chart: 'kyverno', version: '3.3.4', sourceRef: { name: 'kyverno' } } } },
        });
      }
    });

    it('leaves a repository that lints clean', async () => {
      await expectLintClean(work);
    });

    it.runIf(hasKubectl)('leaves every kustomization building with kubectl kustomize', () => {
      expectKustomizationsBuild(work);
    });

    it('changes nothing the second time, and says so', async () => {
      const before = tree(work);
      const run = await cli(['add', 'component', ...KYVERNO, '-C', work], { cwd: base });
      expect(run).toEqual({
        code: 0,
        stdout: 'Nothing to change: component kyverno is already there with all its files.\n',
        stderr: '',
      });
      expect(tree(work)).toEqual(before);
    });

    it('another --chart-version changes the pinned version, and only that', async () => {
      const before = tree(work);
      const run = await cli(['add', 'component', ...KYVERNO.slice(0, -1), '3.3.5', '-C', work], { cwd: base });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const file = tool === 'helm' ? 'infrastructure/security/Chart.yaml' : 'infrastructure/security/kyverno.yaml';
      expect(changed(before, tree(work))).toEqual([file]);
      expect(readFileSync(path.join(work, file), 'utf8')).toBe((before[file] ?? '').replace('"3.3.4"', '"3.3.5"'));
      expect(run.stdout).toMatch(/^-.*"3\.3\.4"\n\+.*"3\.3\.5"$/m);
      await expectLintClean(work);
    });

    it('refuses, exit 2, the same name with another chart repository, naming it', async () => {
      const before = tree(work);
      const argv = [...KYVERNO];
      argv[6] = 'https://charts.example.com/';
      const run = await cli(['add', 'component', ...argv, '-C', work], { cwd: base });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^gitops-init: component "kyverno" is already there with --chart-repo "https:\/\/kyverno.github.io\/kyverno\/"; remove it first/,
      );
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(tree(work)).toEqual(before);
    });

    it('remove component kyverno, from a subdirectory, brings the tree back byte for byte', async () => {
      const run = await cli(['remove', 'component', 'kyverno'], { cwd: path.join(work, 'infrastructure', 'network') });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Removed component kyverno \(security\): chart kyverno 3\.3\.5/);
      expect(tree(work)).toEqual(tree(original));
      expect(directories(work)).toEqual(directories(original));
      const again = await cli(['remove', 'component', 'kyverno', '-C', work], { cwd: base });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^gitops-init: component "kyverno": not a component of this repository/);
    });

    it('add component from a subdirectory works', async () => {
      const run = await cli(['add', 'component', ...KYVERNO], { cwd: path.join(work, 'clusters', 'dev') });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(changed(tree(original), tree(work))).toHaveLength(tool === 'argocd' ? 5 : 2);
      expect((await cli(['remove', 'component', 'kyverno', '-C', work], { cwd: base })).code).toBe(0);
      expect(tree(work)).toEqual(tree(original));
    });

    if (tool === 'helm') {
      it('--namespace is refused, exit 2: a Helm umbrella installs subcharts in its own namespace', async () => {
        const run = await cli(['add', 'component', ...KYVERNO, '--namespace', 'kyverno', '-C', work], { cwd: base });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^gitops-init: --namespace: a Helm umbrella chart installs its subcharts/);
        expect(tree(work)).toEqual(tree(original));
      });
    } else {
      it('--namespace adds a Namespace beside it, wired first; remove takes it away', async () => {
        const run = await cli(['add', 'component', ...KYVERNO, '--namespace', 'kyverno', '-C', work], { cwd: base });
        expect(run).toMatchObject({ code: 0, stderr: '' });
        const after = tree(work);
        expect(changed(tree(original), after)).toEqual([
          ...(tool === 'argocd'
            ? ['dev', 'production', 'staging'].map((env) => `clusters/${env}/apps/platform-project.yaml`)
            : []),
          'infrastructure/security/kustomization.yaml',
          'infrastructure/security/kyverno-namespace.yaml',
          'infrastructure/security/kyverno.yaml',
        ]);
        expect(objects(after['infrastructure/security/kyverno-namespace.yaml'] ?? '')).toEqual([
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: 'kyverno', labels: { 'app.kubernetes.io/part-of': 'infrastructure' } },
          },
        ]);
        expect(after['infrastructure/security/kustomization.yaml']).toMatch(
          /\n {2}- kyverno-namespace\.yaml\n {2}- kyverno\.yaml\n$/,
        );
        expect(after['infrastructure/security/kyverno.yaml']).toContain('namespace: "kyverno"');
        await expectLintClean(work);
        if (hasKubectl) expectKustomizationsBuild(work);
        expect((await cli(['remove', 'component', 'kyverno', '-C', work], { cwd: base })).code).toBe(0);
        expect(tree(work)).toEqual(tree(original));
      });

      it('in storage, which has no namespace, the component gets one of its own name', async () => {
        const argv = [...KYVERNO];
        argv[2] = 'storage';
        const run = await cli(['add', 'component', ...argv, '-C', work], { cwd: base });
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(Object.keys(tree(work)).filter((file) => file.includes('kyverno'))).toEqual([
          'infrastructure/storage/kyverno-namespace.yaml',
          'infrastructure/storage/kyverno.yaml',
        ]);
        await expectLintClean(work);
        if (hasKubectl) expectKustomizationsBuild(work);
        expect((await cli(['remove', 'component', 'kyverno', '-C', work], { cwd: base })).code).toBe(0);
        expect(tree(work)).toEqual(tree(original));
      });
    }
  });
});

describe.each(tools)('files changed by hand (%s)', (tool) => {
  let root: string;
  const file = tool === 'helm' ? 'infrastructure/security/values.yaml' : 'infrastructure/security/kyverno.yaml';
  beforeAll(async () => {
    root = await generate(`changed-${tool}`, tool, 'github');
  });

  it('remove component keeps and lists a component file the user changed', async () => {
    expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
    const edited =
      tool === 'helm'
        ? `${readFileSync(path.join(root, file), 'utf8')}  replicaCount: 3\n`
        : `${readFileSync(path.join(root, file), 'utf8')}# tuned\n`;
    writeFileSync(path.join(root, file), edited);
    const run = await cli(['remove', 'component', 'kyverno', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Kept 1 file changed since gitops-init generated it (delete it by hand if no longer needed; --force deletes such files):\n  ${file}\n`,
    );
    expect(readFileSync(path.join(root, file), 'utf8')).toBe(edited);
    const wiring =
      tool === 'helm' ? 'infrastructure/security/Chart.yaml' : 'infrastructure/security/kustomization.yaml';
    expect(readFileSync(path.join(root, wiring), 'utf8')).not.toContain('kyverno');
  });

  it('remove component --force deletes it', async () => {
    if (tool !== 'helm') {
      // Kept and unwired: add wires it again, keeping the user's file.
      expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
      expect(readFileSync(path.join(root, file), 'utf8')).toContain('# tuned');
    } else {
      expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
    }
    const run = await cli(['remove', 'component', 'kyverno', '--force', '-C', root], { cwd: base });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Kept');
    expect(Object.entries(tree(root)).filter(([, content]) => content.includes('kyverno'))).toEqual([]);
    await expectLintClean(root);
  });
});

describe('bad input: one line, exit 2, nothing written', () => {
  let root: string;
  beforeAll(async () => {
    root = await generate('bad', 'flux', 'github');
  });
  const repo = ['--chart-repo', 'https://kyverno.github.io/kyverno/'];
  const version = ['--chart-version', '3.3.4'];

  it.each([
    [
      ['add', 'component', 'Kyverno', '--category', 'security', ...repo, ...version],
      /component "Kyverno": not a DNS label/,
    ],
    [['add', 'component', 'kyverno', ...repo, ...version], /--category is required: one of network, security/],
    [
      ['add', 'component', 'kyverno', '--category', 'policy', ...repo, ...version],
      /--category "policy": not a category \(network, security, storage, monitoring, logging\)/,
    ],
    [['add', 'component', 'kyverno', '--category', 'security', ...version], /--chart-repo is required/],
    [
      [
        'add',
        'component',
        'kyverno',
        '--category',
        'security',
        '--chart-repo',
        'http://kyverno.github.io/',
        ...version,
      ],
      /--chart-repo "http:\/\/kyverno.github.io\/": not an https:\/\/ or oci:\/\/ URL/,
    ],
    [['add', 'component', 'kyverno', '--category', 'security', ...repo], /--chart-version is required/],
    // Without a terminal nothing can be asked.
    [
      ['add', 'component', '--category', 'security', ...repo, ...version],
      /the component name is missing: gitops-init add component <name>/,
    ],
    [['remove', 'component'], /the component name is missing: gitops-init remove component <name>/],
    ...['latest', '^3.3.4', '3.3', '>=3.0.0', '3.3.x'].map((bad) => [
      ['add', 'component', 'kyverno', '--category', 'security', ...repo, '--chart-version', bad],
      new RegExp(`--chart-version "${bad.replace(/[.^>=]/g, '\\$&')}": not an exact version`),
    ]),
    [
      ['add', 'component', 'kyverno', '--category', 'security', '--chart', 'Kyverno!', ...repo, ...version],
      /--chart "Kyverno!": not a chart name/,
    ],
    [
      ['add', 'component', 'kyverno', '--category', 'security', '--namespace', 'Bad_NS', ...repo, ...version],
      /--namespace "Bad_NS": not a namespace name/,
    ],
    [
      ['add', 'component', 'cert-manager', '--category', 'security', ...repo, ...version],
      /component "cert-manager" is one gitops-init new generates \(infrastructure\/security\/cert-manager.yaml\)/,
    ],
    [
      ['add', 'component', 'ingress-nginx', '--category', 'security', ...repo, ...version],
      /component "ingress-nginx" clashes with the HelmRelease "ingress-nginx" in infrastructure\/network\/release.yaml/,
    ],
    [
      ['add', 'component', 'jetstack', '--category', 'network', ...repo, ...version],
      /component "jetstack" clashes with the HelmRepository "jetstack" in infrastructure\/security\/repository.yaml/,
    ],
    [
      ['add', 'component', 'release', '--category', 'network', ...repo, ...version],
      /component "release" is one gitops-init new generates \(infrastructure\/network\/release.yaml\)/,
    ],
    [['remove', 'component', 'kyverno'], /component "kyverno": not a component of this repository/],
    [['remove', 'component', 'cert-manager'], /component "cert-manager" is one gitops-init new generates/],
  ])('%j', async (argv, message) => {
    const before = tree(root);
    const run = await cli([...(argv as string[]), '-C', root], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^gitops-init: ${(message as RegExp).source}`));
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(tree(root)).toEqual(before);
  });

  it('a file of the same name that is not a component', async () => {
    writeFileSync(path.join(root, 'infrastructure/security/kyverno.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    const before = tree(root);
    const run = await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^gitops-init: component "kyverno": infrastructure\/security\/kyverno.yaml is there and is not a component gitops-init added/,
    );
    expect(tree(root)).toEqual(before);
    rmSync(path.join(root, 'infrastructure/security/kyverno.yaml'));
  });

  it('in another category than the one it is in', async () => {
    expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
    const before = tree(root);
    const argv = [...KYVERNO];
    argv[2] = 'network';
    const run = await cli(['add', 'component', ...argv, '-C', root], { cwd: base });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gitops-init: component "kyverno" is already in security/);
    expect(tree(root)).toEqual(before);
  });

  it.each(tools)('an application repository (%s)', async (tool) => {
    const application = await generate(`application-${tool}`, tool, 'github', 'application');
    const before = tree(application);
    for (const argv of [
      ['add', 'component', ...KYVERNO],
      ['remove', 'component', 'kyverno'],
    ]) {
      const run = await cli([...argv, '-C', application], { cwd: base });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/component: this is an application repository; platform components belong/);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(tree(application)).toEqual(before);
  });
});

describe.each(tools)('an oci:// chart repository (%s)', (tool) => {
  it('is written as the tool reads it, and lints clean', async () => {
    const root = await generate(`oci-${tool}`, tool, 'gitlab');
    const argv = ['podinfo', '--category', 'monitoring', '--chart-repo', 'oci://ghcr.io/stefanprodan/charts'];
    const run = await cli(['add', 'component', ...argv, '--chart-version', '6.7.1', '-C', root], { cwd: base });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    if (tool === 'helm') {
      const chart = parse(readFileSync(path.join(root, 'infrastructure/monitoring/Chart.yaml'), 'utf8')) as {
        dependencies: unknown[];
      };
      expect(chart.dependencies.at(-1)).toEqual({
        name: 'podinfo',
        version: '6.7.1',
        repository: 'oci://ghcr.io/stefanprodan/charts',
      });
    } else {
      const documents = objects(readFileSync(path.join(root, 'infrastructure/monitoring/podinfo.yaml'), 'utf8'));
      if (tool === 'argocd') {
        // Argo CD names a Helm OCI registry without its scheme.
        expect(documents[0]).toMatchObject({ spec: { source: { repoURL: 'ghcr.io/stefanprodan/charts' } } });
      } else {
        expect(documents[0]).toMatchObject({ spec: { type: 'oci', url: 'oci://ghcr.io/stefanprodan/charts' } });
      }
    }
    await expectLintClean(root);
    // Read back as the same repository: the same command changes nothing.
    const again = await cli(['add', 'component', ...argv, '--chart-version', '6.7.1', '-C', root], { cwd: base });
    expect(again.stdout).toBe('Nothing to change: component podinfo is already there with all its files.\n');
  });
});

describe('a component file the user changed', () => {
  it('gets a new --chart-version merged into the user’s edits', async () => {
    const root = await generate('merge', 'argocd', 'github');
    expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
    const file = path.join(root, 'infrastructure/security/kyverno.yaml');
    // Lines apart from the version's: git merge-file takes both changes.
    const edited = readFileSync(file, 'utf8')
      .replace('# The kyverno chart, added with gitops-init add component.\n', '# Policy engine: admission control.\n')
      .replace('      selfHeal: true\n', '      selfHeal: false\n');
    writeFileSync(file, edited);
    const run = await cli(['add', 'component', ...KYVERNO.slice(0, -1), '3.3.5', '-C', root], { cwd: base });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(edited.replace('"3.3.4"', '"3.3.5"'));
    await expectLintClean(root);
  });
  it('refuses, exit 1 and nothing written, where the user changed the version line itself', async () => {
    const root = path.join(base, 'merge');
    const file = path.join(root, 'infrastructure/security/kyverno.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"3.3.5"\n', '"3.3.5" # tested on staging\n'));
    const before = tree(root);
    const run = await cli(['add', 'component', ...KYVERNO.slice(0, -1), '3.3.6', '-C', root], { cwd: base });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('  infrastructure/security/kyverno.yaml');
    expect(tree(root)).toEqual(before);
  });
});

describe('links out of the repository', () => {
  it('add component refuses to write through one, exit 1, and writes nothing', async () => {
    const root = await generate('linked', 'flux', 'github');
    const outside = mkdtempSync(path.join(base, 'outside-'));
    symlinkSync(path.join(outside, 'kyverno.yaml'), path.join(root, 'infrastructure/security/kyverno.yaml'));
    const before = tree(root);
    const run = await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^gitops-init: infrastructure\/security\/kyverno.yaml is a symbolic link that leads outside the repository/,
    );
    expect(tree(root)).toEqual(before);
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe("Argo CD's platform project", () => {
  it('allows a chart repository while any component uses it, and no longer once none does', async () => {
    const root = await generate('argocd-shared-repository', 'argocd', 'github');
    const original = tree(root);
    const allowed = (): boolean[] =>
      ['dev', 'staging', 'production'].map((env) =>
        (
          parse(tree(root)[`clusters/${env}/apps/platform-project.yaml`] ?? '') as { spec: { sourceRepos: string[] } }
        ).spec.sourceRepos.includes('https://kyverno.github.io/kyverno/'),
      );
    expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
    const policies = ['add', 'component', 'kyverno-policies', '--category', 'security', '--chart-repo'];
    const second = await cli(
      [...policies, 'https://kyverno.github.io/kyverno/', '--chart-version', '3.3.2', '-C', root],
      {
        cwd: base,
      },
    );
    // The repository is allowed already: the second component changes only its own files.
    expect(second.stdout).toMatch(/: 2 files changed\./);
    expect((await cli(['remove', 'component', 'kyverno', '-C', root], { cwd: base })).code).toBe(0);
    expect(allowed()).toEqual([true, true, true]);
    expect((await cli(['remove', 'component', 'kyverno-policies', '-C', root], { cwd: base })).code).toBe(0);
    expect(allowed()).toEqual([false, false, false]);
    expect(tree(root)).toEqual(original);
  });

  it("an environment added later allows the components' repositories too, and is removed cleanly", async () => {
    const root = await generate('argocd-env-after-component', 'argocd', 'github');
    const original = tree(root);
    expect((await cli(['add', 'component', ...KYVERNO, '-C', root], { cwd: base })).code).toBe(0);
    const added = await cli(['add', 'env', 'qa', '--after', 'dev', '-C', root], { cwd: base });
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const project = parse(tree(root)['clusters/qa/apps/platform-project.yaml'] ?? '') as {
      spec: { sourceRepos: string[] };
    };
    expect(project.spec.sourceRepos.at(-1)).toBe('https://kyverno.github.io/kyverno/');
    await expectLintClean(root);
    const removed = await cli(['remove', 'env', 'qa', '-C', root], { cwd: base });
    expect(removed).toMatchObject({ code: 0, stderr: '' });
    // Nothing kept as "changed by hand": the project is what add env wrote.
    expect(removed.stdout).not.toContain('Kept');
    expect((await cli(['remove', 'component', 'kyverno', '-C', root], { cwd: base })).code).toBe(0);
    expect(tree(root)).toEqual(original);
  });
});
