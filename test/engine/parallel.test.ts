import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { scaffold } from '../../src/api/scaffold.js';
import { REPO_ROOT, runBin } from '../helpers/cli.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const { track } = temporaryRepositories();

const APPS = 60;

/**
 * A Flux platform repository as `gitops-init new` writes it, grown with apps/<team>/<app>/
 * (a kustomize base and a patched overlay), a CRD and custom resources, and findings of most
 * kinds: an unpinned image, a secret-looking value, a duplicate key, a schema error, objects of
 * unknown kinds (one run-wide note), an inline directive, an unused one, an override.
 */
async function platformRepository(): Promise<string> {
  const base = track(mkdtempSync(path.join(tmpdir(), 'gitops-init-parallel-')));
  const { root } = await scaffold({
    cwd: base,
    directory: 'platform',
    answers: {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '@acme/checkout',
      envs: 'dev,production',
      host: 'github',
      hooks: 'none',
    },
    yes: true,
    git: false,
    today: '2026-01-15',
  });
  const write = (file: string, content: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  };
  const descriptor = readFileSync(path.join(root, 'gitops.yaml'), 'utf8');
  // Settings of repository rules too, which worker threads do not load.
  write(
    'gitops.yaml',
    `${descriptor}rules:\n  changelog-entry: warn\nplatform:\n  workloads:\n    paths: ["apps/**"]\noverrides:\n  - files: ["apps/team-1/**"]\n    rules:\n      image-tag-pinned: warn\n`,
  );
  write(
    'infrastructure/crds/widgets.yaml',
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.acme.io\nspec:\n  group: acme.io\n  scope: Namespaced\n  names: { kind: Widget, plural: widgets }\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: { type: integer }\n',
  );
  for (let app = 0; app < APPS; app += 1) {
    const team = `team-${app % 4}`;
    const name = `app-${String(app).padStart(3, '0')}`;
    const directory = `apps/${team}/${name}`;
    const tag = app % 7 === 3 ? 'latest' : `1.${app}.0`;
    const directive =
      app === 10
        ? '          # gitops-lint-disable-next-line image-tag-pinned -- pinned by the release pipeline\n'
        : '';
    write(
      `${directory}/base/deployment.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels: { app: ${name} }\nspec:\n  replicas: 2\n  selector:\n    matchLabels: { app: ${name} }\n  template:\n    metadata:\n      labels: { app: ${name} }\n    spec:\n      containers:\n        - name: ${name}\n${directive}          image: registry.acme.example/${name}:${app === 10 ? 'latest' : tag}\n`,
    );
    write(
      `${directory}/base/service.yaml`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { app: ${name} }\n  ports: [{ port: 80, targetPort: ${app === 20 ? '"http"' : 8080} }]\n`,
    );
    write(
      `${directory}/base/configmap.yaml`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  LOG_LEVEL: info\n${app % 11 === 5 ? '  API_TOKEN: "9f8e7d6c5b4a3f2e"\n' : ''}${app === 30 ? '  LOG_LEVEL: debug\n' : ''}`,
    );
    write(
      `${directory}/base/monitor.yaml`,
      `apiVersion: monitoring.coreos.com/v1\nkind: ${app % 2 === 0 ? 'ServiceMonitor' : 'PodMonitor'}\nmetadata:\n  name: ${name}\nspec: {}\n`,
    );
    write(
      `${directory}/base/widget.yaml`,
      `apiVersion: acme.io/v1\nkind: Widget\nmetadata:\n  name: ${name}\nspec:\n  size: ${app === 40 ? 'large' : app}\n`,
    );
    write(
      `${directory}/base/kustomization.yaml`,
      `resources:\n  - deployment.yaml\n  - service.yaml\n  - configmap.yaml\n  - monitor.yaml\n  - widget.yaml\n${app === 50 ? '  - missing.yaml\n' : ''}`,
    );
    write(
      `${directory}/overlays/prod/kustomization.yaml`,
      `resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n`,
    );
    write(
      `${directory}/overlays/prod/replicas.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 3\n`,
    );
  }
  write('apps/unused.yaml', '# gitops-lint-disable-next-line yaml-syntax\nok: 1\n');
  return root;
}

/** The CLI's report and notes, with the paths made relative. */
async function report(root: string, ...flags: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  const run = await runBin(['lint', '--format', 'json', ...flags], { cwd: root, timeoutMs: 60_000 });
  const json = JSON.parse(run.stdout.split(root).join('<root>')) as unknown;
  return { code: run.code, json, stderr: run.stderr };
}

describe('worker threads', () => {
  it('lint a realistic repository to the same findings, notes and exit code as one thread', async () => {
    const root = await platformRepository();
    const single = await report(root, '--concurrency', 'off');
    const parallel = await report(root, '--concurrency', '2');
    expect(single.code).toBe(1);
    expect(parallel).toEqual(single);
    // The findings of every kind are there, and the directives did their work.
    const messages = (single.json as { messages: { ruleId: string | null; line: number }[] }[]).flatMap(
      (result) => result.messages,
    );
    for (const rule of [
      'image-tag-pinned',
      'no-plaintext-secrets',
      'yaml-syntax',
      'manifest-schema',
      'kustomization-resources-exist',
    ]) {
      expect(
        messages.some((message) => message.ruleId === rule),
        rule,
      ).toBe(true);
    }
    expect(messages.some((message) => message.ruleId === null)).toBe(true);
    // One note for the objects of unknown kinds, counted over every chunk and thread.
    expect(single.stderr).toContain(
      `manifest-schema: ${APPS} object(s) of 2 kind(s) have no known schema and were not validated: monitoring.coreos.com/v1 PodMonitor, monitoring.coreos.com/v1 ServiceMonitor`,
    );
    expect(single.stderr.match(/manifest-schema:/g)).toHaveLength(1);

    // With the cache: a cold run in threads stores what a run in one thread reuses.
    const cold = await report(root, '--cache', '--concurrency', '2');
    const warm = await report(root, '--cache', '--concurrency', 'off');
    expect(cold).toEqual(single);
    expect(warm).toEqual(single);
  }, 120_000);

  it('are used when asked for and there are several chunks of files', async () => {
    const root = await platformRepository();
    // The compiled API, as the bin runs it: worker threads load compiled modules.
    const built = (await import(pathToFileURL(path.join(REPO_ROOT, 'dist/src/index.js')).href)) as {
      lint: typeof lint;
    };
    expect((await built.lint({ cwd: root, concurrency: 2 })).threads).toBe(2);
    expect((await built.lint({ cwd: root, concurrency: 1 })).threads).toBe(1);
    // Running from sources (as here), there is no compiled worker: one thread does it all.
    expect((await lint({ cwd: root, concurrency: 2 })).threads).toBe(1);
  }, 120_000);
});

describe('repository facts shared by a run', () => {
  it('are dependencies of cached results: changing a CRD re-checks the custom resources of unchanged files', async () => {
    const root = await platformRepository();
    const cacheLocation = path.join(root, '..', 'cache.json');
    const sizes = async (): Promise<string[]> =>
      (await lint({ cwd: root, cache: true, cacheLocation })).diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'manifest-schema')
        .map((diagnostic) => `${diagnostic.file}:${diagnostic.line ?? 0}`);
    expect(await sizes()).toEqual(['apps/team-0/app-040/base/widget.yaml:6']);
    expect(await sizes()).toEqual(['apps/team-0/app-040/base/widget.yaml:6']);
    const crd = path.join(root, 'infrastructure/crds/widgets.yaml');
    writeFileSync(crd, readFileSync(crd, 'utf8').replace('size: { type: integer }', 'size: { type: string }'));
    // Now every Widget but the one whose size is a string is wrong, though none of their files changed.
    expect(await sizes()).toHaveLength(APPS - 1);
  }, 120_000);
});
