import type { CheckProducer } from './check-producers.js';
import { isRecord } from '../manifests/plain-data.js';

export const GITLAB_CI_FILE = '.gitlab-ci.yml';

/** Top-level keys of .gitlab-ci.yml that are settings, not jobs (https://docs.gitlab.com/ci/yaml/). */
const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

/**
 * The jobs of a GitLab CI file: top-level keys that are not global keywords and not hidden
 * (a leading dot marks a template for `extends`). A job with `parallel: N` runs as
 * "<name> 1/N" …; with `parallel: matrix` as "<name>: [<values>]".
 */
export function gitlabCheckProducers(file: string, configuration: unknown): CheckProducer[] {
  if (!isRecord(configuration)) return [];
  const producers: CheckProducer[] = [];
  for (const [name, job] of Object.entries(configuration)) {
    if (GLOBAL_KEYWORDS.has(name) || name.startsWith('.') || !isRecord(job)) continue;
    const instances = parallelInstances(job.parallel);
    const isMatrix = isRecord(job.parallel) && job.parallel.matrix !== undefined;
    producers.push({
      file,
      job: name,
      // Which pipelines a job joins depends on rules, only/except and workflow:rules, which
      // are evaluated per pipeline; the job is taken at its word.
      runsOnPullRequests: true,
      produces: (check) =>
        check === name ||
        (instances > 0 && isParallelInstance(check, name, instances)) ||
        (isMatrix && check.startsWith(`${name}: [`)),
    });
  }
  return producers;
}

/** How many copies `parallel: N` makes (GitLab allows 1 to 200); 0 for none or a matrix. */
function parallelInstances(parallel: unknown): number {
  const count = typeof parallel === 'string' && /^\d+$/.test(parallel) ? Number(parallel) : parallel;
  return typeof count === 'number' && Number.isInteger(count) && count >= 1 ? count : 0;
}

/** Whether `check` is one of the "<name> i/N" jobs that `parallel: N` makes. */
function isParallelInstance(check: string, name: string, instances: number): boolean {
  if (!check.startsWith(`${name} `)) return false;
  const match = /^(\d+)\/(\d+)$/.exec(check.slice(name.length + 1));
  if (!match) return false;
  const index = Number(match[1]);
  return Number(match[2]) === instances && index >= 1 && index <= instances && String(index) === match[1];
}

/**
 * The files of this repository that a GitLab CI file includes with `include:` (a path, a
 * list, `local:` entries); other projects, remote URLs and templates are left out. Paths are
 * repository-relative; they may contain the `*` and `**` wildcards GitLab allows.
 */
export function gitlabLocalIncludes(configuration: unknown): string[] {
  if (!isRecord(configuration)) return [];
  const include = configuration.include;
  const entries = Array.isArray(include) ? (include as unknown[]) : include === undefined ? [] : [include];
  const paths: string[] = [];
  for (const entry of entries) {
    const local =
      typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.local === 'string' ? entry.local : undefined;
    if (local === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(local)) continue;
    paths.push(local.replace(/^\/+/, ''));
  }
  return paths;
}
