/** A CI job, and the status check names it reports to the code host. */
export interface CheckProducer {
  /** Repository-relative path of the CI file that defines the job. */
  file: string;
  /** The job's id (GitHub Actions) or name (GitLab CI) in that file. */
  job: string;
  /** Whether the job runs for pull or merge requests, so that a required check gets a result there. */
  runsOnPullRequests: boolean;
  /** Whether the job reports a status check with this name. */
  produces(check: string): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for a name that may contain GitHub expressions (`${{ matrix.os }}`): each
 * expression stands for any text, since its value is only known when the workflow runs.
 */
export function namePattern(name: string): (check: string) => boolean {
  if (!name.includes('${{')) return (check) => check === name;
  const parts = name.split(/\$\{\{.*?\}\}/s).map(escapeRegExp);
  const pattern = new RegExp(`^${parts.join('.*')}$`, 's');
  return (check) => pattern.test(check);
}
