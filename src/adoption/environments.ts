import path from 'node:path';

/** An environment and the path that named it (a directory, with a trailing slash, or a values file). */
export interface FoundEnvironment {
  name: string;
  source: string;
}

/** Directories whose sub-directories are environments: `clusters/<env>/`, `overlays/<env>/`, … */
const ENVIRONMENT_PARENTS = new Set(['clusters', 'overlays', 'envs', 'env', 'environments']);

/** Sub-directory names of those that are layers or roles, not environments. */
const NOT_ENVIRONMENTS = new Set([
  'addons',
  'all',
  'apps',
  'argocd',
  'base',
  'bases',
  'cluster',
  'clusters',
  'common',
  'component',
  'components',
  'default',
  'defaults',
  'flux-system',
  'global',
  'infrastructure',
  'kube-system',
  'shared',
  'template',
  'templates',
]);

/**
 * Promotion rank of the environment names teams use, synonyms together: dev, test, qa,
 * staging, production. Names not here come after these, alphabetically.
 */
const PROMOTION_RANK: Readonly<Record<string, number>> = {
  local: 0,
  dev: 1,
  develop: 1,
  development: 1,
  test: 2,
  testing: 2,
  int: 2,
  integration: 2,
  sit: 2,
  qa: 3,
  uat: 3.5,
  staging: 4,
  stage: 4,
  stg: 4,
  preprod: 4.5,
  'pre-prod': 4.5,
  preproduction: 4.5,
  'pre-production': 4.5,
  production: 5,
  prod: 5,
  prd: 5,
  live: 5,
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `values-<env>.yaml` or `values.<env>.yaml`, as Helm users name per-environment values. */
const VALUES_FILE = /^values[-.]([a-z0-9-]+)\.ya?ml$/;

/**
 * The environments a repository's layout names, in promotion order, each with the first path
 * that named it: sub-directories of `clusters/`, `overlays/`, `envs/`, `environments/` (at any
 * depth), and `values-<env>.yaml` files whose `<env>` is a known environment name (a values file
 * can name anything else: `values-nomaria.yaml`).
 */
export function findEnvironments(files: readonly string[]): FoundEnvironment[] {
  const found = new Map<string, string>();
  const add = (name: string, source: string): void => {
    if (!found.has(name) && name.length <= 63 && DNS_LABEL.test(name) && !NOT_ENVIRONMENTS.has(name))
      found.set(name, source);
  };
  for (const file of files) {
    const segments = file.split('/');
    // The last segment is the file's name: an environment is a directory with files below it.
    for (let index = 0; index < segments.length - 2; index += 1) {
      if (ENVIRONMENT_PARENTS.has(segments[index] ?? '')) {
        add(segments[index + 1] ?? '', `${segments.slice(0, index + 2).join('/')}/`);
      }
    }
    const values = VALUES_FILE.exec(path.posix.basename(file));
    if (values?.[1] !== undefined && PROMOTION_RANK[values[1]] !== undefined) add(values[1], file);
  }
  return [...found].map(([name, source]) => ({ name, source })).sort(comparePromotion);
}

function comparePromotion(a: FoundEnvironment, b: FoundEnvironment): number {
  const rankA = PROMOTION_RANK[a.name] ?? Number.POSITIVE_INFINITY;
  const rankB = PROMOTION_RANK[b.name] ?? Number.POSITIVE_INFINITY;
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A namespace without the environment names in it, so that `checkout-dev` and
 * `checkout-production` are one application's namespaces: `checkout`.
 */
export function namespaceStem(namespace: string): string {
  const parts = namespace.split('-').filter((part) => PROMOTION_RANK[part] === undefined);
  return parts.length === 0 ? namespace : parts.join('-');
}
