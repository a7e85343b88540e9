import { namePattern, type CheckProducer } from './check-producers.js';
import { isRecord } from '../manifests/plain-data.js';

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;
/** Events that run a workflow for a pull request, or for the merge queue in front of it. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

export function isWorkflowFile(file: string): boolean {
  return WORKFLOW_FILE.test(file);
}

/** The events of a workflow's `on:` (a name, a list of names, or a map keyed by name). */
export function workflowEvents(workflow: Record<string, unknown>): Set<string> {
  const on = workflow.on;
  if (typeof on === 'string') return new Set([on]);
  if (Array.isArray(on)) return new Set(on.filter((event): event is string => typeof event === 'string'));
  if (isRecord(on)) return new Set(Object.keys(on));
  return new Set();
}

/** Where `text` has `separator`, every prefix before an occurrence of it. */
function prefixesBefore(text: string, separator: string): string[] {
  const prefixes: string[] = [];
  for (let index = text.indexOf(separator); index > 0; index = text.indexOf(separator, index + 1))
    prefixes.push(text.slice(0, index));
  return prefixes;
}

type MatrixKind = 'none' | 'known' | 'expression';

function matrixKind(job: Record<string, unknown>): MatrixKind {
  const strategy = job.strategy;
  if (typeof strategy === 'string') return 'expression';
  if (!isRecord(strategy) || strategy.matrix === undefined || strategy.matrix === null) return 'none';
  return typeof strategy.matrix === 'string' ? 'expression' : 'known';
}

/**
 * The status checks of a workflow's jobs, named as GitHub names check runs: the job's `name`,
 * else its id. Expressions in a name match any text. A matrix job whose name has no matrix
 * expression reports one check per combination, "<name> (<values>)"; a call of a reusable
 * workflow reports "<name> / <called job>" for each called job. A workflow that only runs
 * when called (`on: workflow_call`) reports nothing under its own names.
 * (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions)
 */
export function workflowCheckProducers(file: string, workflow: unknown): CheckProducer[] {
  if (!isRecord(workflow) || !isRecord(workflow.jobs)) return [];
  const events = workflowEvents(workflow);
  if (events.size > 0 && [...events].every((event) => event === 'workflow_call')) return [];
  const runsOnPullRequests = [...events].some((event) => PULL_REQUEST_EVENTS.has(event));
  const producers: CheckProducer[] = [];
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (!isRecord(job)) continue;
    const name = typeof job.name === 'string' || typeof job.name === 'number' ? String(job.name) : id;
    const matches = namePattern(name);
    const matrix = name.includes('${{') ? 'none' : matrixKind(job);
    const isCall = typeof job.uses === 'string';
    producers.push({
      file,
      job: id,
      runsOnPullRequests,
      produces(check) {
        let candidates = isCall ? prefixesBefore(check, ' / ') : [check];
        if (matrix !== 'none') {
          const withValues = candidates.flatMap((candidate) =>
            candidate.endsWith(')') ? prefixesBefore(candidate, ' (') : [],
          );
          // A matrix given by an expression may turn out empty or a single combination.
          candidates = matrix === 'expression' ? [...candidates, ...withValues] : withValues;
        }
        return candidates.some(matches);
      },
    });
  }
  return producers;
}
