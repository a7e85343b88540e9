import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagedKinds } from '../../src/manifests/generate-kinds.js';
import { kindModulePath } from '../../src/manifests/kind-packages.js';
import { kindsDirectory, SchemaRegistry, type SchemaProblem } from '../../src/manifests/schemas.js';

// The validators of kubernetes-models and @kubernetes-models/* are bundled at build time (the
// packages are development dependencies). The packages' model classes are the oracle: the
// bundled validators must report what the models report, message for message.

const requireFromTest = createRequire(import.meta.url);

interface ModelError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** What the package's model class says of a value: [] when valid, else its errors as problems. */
function modelProblems(packageName: string, apiVersion: string, kind: string, value: unknown): SchemaProblem[] {
  const file = path.join(
    path.dirname(requireFromTest.resolve(`${packageName}/package.json`)),
    kindModulePath(apiVersion, kind),
  );
  const Model = (requireFromTest(file) as Record<string, new (data: unknown) => { validate(): void }>)[kind];
  if (!Model) throw new Error(`no model ${kind} in ${file}`);
  try {
    new Model(value).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: ModelError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map((item) => ({
      instancePath: item.instancePath,
      keyword: item.keyword,
      params: item.params,
      message: item.message ?? item.keyword,
    }));
  }
}

const noCustomResources = () => [];

const withoutMessage = (problem: SchemaProblem): Omit<SchemaProblem, 'message'> => ({
  instancePath: problem.instancePath,
  keyword: problem.keyword,
  params: problem.params,
});

const cases: { name: string; package: string; value: Record<string, unknown> }[] = [
  {
    name: 'a valid Deployment',
    package: 'kubernetes-models',
    value: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '500m' } } }] },
        },
      },
    },
  },
  {
    name: 'a Deployment with wrong types, a bad quantity and a missing field',
    package: 'kubernetes-models',
    value: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { tier: 3 } },
      spec: {
        replicas: 'two',
        selector: { matchLabels: { app: 'web' } },
        template: {
          spec: {
            containers: [
              { image: 'nginx', resources: { limits: { cpu: 'lots' } }, ports: [{ containerPort: 'http' }] },
            ],
          },
        },
      },
    },
  },
  {
    name: 'a Service missing a port',
    package: 'kubernetes-models',
    value: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http' }], type: 7 } },
  },
  {
    name: 'a NetworkPolicy with a bad port and an IP block without a CIDR',
    package: 'kubernetes-models',
    value: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'n' },
      spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { except: 'x' } }], ports: [{ port: true }] }] },
    },
  },
  {
    name: 'an Argo CD Application with a bad sync policy',
    package: '@kubernetes-models/argo-cd',
    value: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'a' },
      spec: {
        project: 'default',
        destination: { server: 1 },
        source: { repoURL: 'x' },
        syncPolicy: { automated: 'yes' },
      },
    },
  },
  {
    name: 'a Flux Kustomization with an unknown source kind',
    package: '@kubernetes-models/flux-cd',
    value: {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'k' },
      spec: { interval: '10m', prune: 'yes', sourceRef: { kind: 'Bucketz', name: 'r' } },
    },
  },
  {
    name: 'a SealedSecret',
    package: '@kubernetes-models/sealed-secrets',
    value: {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 's' },
      spec: { encryptedData: { a: 1 } },
    },
  },
  {
    name: 'an ExternalSecret',
    package: '@kubernetes-models/external-secrets',
    value: {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'e' },
      spec: { secretStoreRef: { name: 1 }, data: [{ secretKey: 'k' }], refreshInterval: 5 },
    },
  },
];

describe('bundled kind validators', () => {
  it('has a module for every top-level kind of the model packages', () => {
    const kinds = packagedKinds();
    // kubernetes-models 5.1 alone has well over 200 top-level kinds; a package whose model files
    // changed shape would bring this down.
    expect(kinds.length).toBeGreaterThan(300);
    for (const name of [
      'kubernetes-models',
      '@kubernetes-models/argo-cd',
      '@kubernetes-models/flux-cd',
      '@kubernetes-models/sealed-secrets',
      '@kubernetes-models/external-secrets',
    ])
      expect(kinds.some((kind) => kind.package.name === name)).toBe(true);
    const missing = kinds
      .map((kind) => kindModulePath(kind.apiVersion, kind.kind))
      .filter((file) => !existsSync(path.join(kindsDirectory(), file)));
    expect(missing).toEqual([]);
  });

  it.each(cases)('reports what the package model reports for $name', ({ package: packageName, value }) => {
    const apiVersion = String(value.apiVersion);
    const kind = String(value.kind);
    const schema = new SchemaRegistry().lookup(apiVersion, kind, noCustomResources);
    expect(schema?.from).toBe(packageName);
    const expected = modelProblems(packageName, apiVersion, kind, value);
    const problems = schema?.validate(value);
    // Missing fields only are reported without messages (the rule names the field itself).
    if (expected.length > 0 && expected.every((problem) => problem.keyword === 'required'))
      expect(problems?.map(withoutMessage)).toEqual(expected.map(withoutMessage));
    else expect(problems).toEqual(expected);
  });

  it('tells invalid objects from valid ones in every case above', () => {
    const outcomes = cases.map(
      ({ value }) =>
        new SchemaRegistry().lookup(String(value.apiVersion), String(value.kind), noCustomResources)?.validate(value)
          .length,
    );
    expect(outcomes[0]).toBe(0);
    expect(outcomes.slice(1).every((count) => (count ?? 0) > 0)).toBe(true);
  });

  it('knows no kind that the packages do not define', () => {
    const registry = new SchemaRegistry();
    expect(registry.lookup('apps/v1', 'DeploymentSpec', noCustomResources)).toBeUndefined();
    expect(registry.lookup('apps/v9', 'Deployment', noCustomResources)).toBeUndefined();
    expect(registry.lookup('argoproj.io/v1alpha1', 'Nothing', noCustomResources)).toBeUndefined();
  });
});
