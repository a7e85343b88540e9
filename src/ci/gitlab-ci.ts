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
    const parallel = job.parallel !== undefined && job.parallel !== null;
    producers.push({
      file,
      job: name,
      // Which pipelines a job joins depends on rules, only/except and workflow:rules, which
      // are evaluated per pipeline; the job is taken at its word.
      runsOnPullRequests: true,
      produces: (check) =>
        check === name || (parallel && (check.startsWith(`${name} `) || check.startsWith(`${name}: [`))),
    });
  }
  return producers;
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
