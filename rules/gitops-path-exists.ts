import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import {
  FLUX_NAMESPACE,
  isArgoKind,
  isFluxKustomization,
  isHelmRelease,
  isSameRepository,
} from '../src/manifests/gitops.js';
import {
  describeObject,
  fieldNode,
  isRecord,
  objectsIn,
  repositoryObjectsOfKind,
  stringAt,
  type KubernetesObject,
  type RepositoryObjectSource,
} from '../src/manifests/objects.js';

/** A path that a template engine or Flux's substitution fills in is not a path yet. */
function isTemplated(value: string): boolean {
  return /\{\{|\$\{/.test(value);
}

/** A GitOps path (`./apps/staging`, `apps/staging/`, `.`) as a repository-relative directory, or undefined if it leaves the repository. */
function toDirectory(value: string): string | undefined {
  const normalized = path.posix.normalize(value.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) return undefined;
  return normalized === '.' ? '' : normalized;
}

/**
 * `namespace/name` of this repository's GitRepository objects: those whose URL is gitops.yaml's
 * repositoryUrl, or without one, the `flux-system` GitRepository that Flux bootstrap writes.
 */
function ownGitRepositories(source: RepositoryObjectSource, repositoryUrl: string | undefined): ReadonlySet<string> {
  const ownSources = new Set<string>();
  for (const object of repositoryObjectsOfKind(source, 'source.toolkit.fluxcd.io', 'GitRepository')) {
    const url = stringAt(object.value, 'spec', 'url');
    const namespace = object.namespace ?? FLUX_NAMESPACE;
    const isOwn =
      repositoryUrl !== undefined && url !== undefined
        ? isSameRepository(url, repositoryUrl)
        : repositoryUrl === undefined && namespace === FLUX_NAMESPACE && object.name === FLUX_NAMESPACE;
    if (isOwn) ownSources.add(`${namespace}/${object.name ?? ''}`);
  }
  return ownSources;
}

export default defineRule({
  id: 'gitops-path-exists',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Every path that a Flux Kustomization, HelmRelease or Argo CD Application takes from this repository exists in it',
      category: 'references',
      recommended: 'error',
    },
    // Findings are about the objects of the files being linted; this repository's GitRepository
    // sources are found in the whole repository, once per run.
    scope: 'file',
    schema: [],
    messages: {
      missing: '{{object}}: {{field}} "{{value}}" does not exist in this repository',
      outside: '{{object}}: {{field}} "{{value}}" points outside the repository',
      notAChart: '{{object}}: {{field}} "{{value}}" is not a Helm chart: it has no Chart.yaml',
    },
  },
  defaultOptions: [],
  check(context) {
    const repositoryUrl = context.descriptor?.repositoryUrl;
    // This repository's GitRepository objects: the URL in gitops.yaml, or else the one Flux
    // bootstrap writes next to its components (flux-system/flux-system), which points here.
    // Found only when an object refers to a GitRepository: finding them reads every YAML file.
    const ownSources = (): ReadonlySet<string> =>
      context.shared('gitops-path-exists:own-sources', () => ownGitRepositories(context, repositoryUrl));
    const isOwnSource = (object: KubernetesObject, reference: unknown): boolean => {
      if (!isRecord(reference) || reference.kind !== 'GitRepository' || typeof reference.name !== 'string')
        return false;
      const namespace = typeof reference.namespace === 'string' ? reference.namespace : (object.namespace ?? 'default');
      return ownSources().has(`${namespace}/${reference.name}`);
    };
    const check = (
      object: KubernetesObject,
      keys: readonly (string | number)[],
      field: string,
      chart: boolean,
    ): void => {
      const value = stringAt(object.value, ...keys);
      if (value === undefined || value === '' || isTemplated(value)) return;
      const node = fieldNode(object.root, keys);
      const data = { object: describeObject(object), field, value };
      const directory = toDirectory(value);
      if (directory === undefined) {
        context.report({ file: object.file, node, messageId: 'outside', data });
      } else if (!context.hasDirectory(directory)) {
        context.report({ file: object.file, node, messageId: 'missing', data });
      } else if (chart && !context.hasFile(directory === '' ? 'Chart.yaml' : `${directory}/Chart.yaml`)) {
        context.report({ file: object.file, node, messageId: 'notAChart', data });
      }
    };
    for (const object of objectsIn(context, context.targetFiles)) {
      const spec = isRecord(object.value.spec) ? object.value.spec : {};
      if (isFluxKustomization(object) && isOwnSource(object, spec.sourceRef)) {
        check(object, ['spec', 'path'], 'spec.path', false);
      } else if (isHelmRelease(object)) {
        const chartSpec = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : undefined;
        if (chartSpec && isOwnSource(object, chartSpec.sourceRef))
          check(object, ['spec', 'chart', 'spec', 'chart'], 'spec.chart.spec.chart', true);
      } else if (isArgoKind(object, 'Application') && repositoryUrl !== undefined) {
        const source = isRecord(spec.source) ? spec.source : undefined;
        if (
          source &&
          typeof source.repoURL === 'string' &&
          isSameRepository(source.repoURL, repositoryUrl) &&
          source.chart === undefined
        ) {
          check(object, ['spec', 'source', 'path'], 'spec.source.path', false);
        }
        const sources = Array.isArray(spec.sources) ? spec.sources : [];
        sources.forEach((entry, index) => {
          if (
            isRecord(entry) &&
            typeof entry.repoURL === 'string' &&
            isSameRepository(entry.repoURL, repositoryUrl) &&
            entry.chart === undefined
          ) {
            check(object, ['spec', 'sources', index, 'path'], `spec.sources[${index}].path`, false);
          }
        });
      }
    }
  },
});
