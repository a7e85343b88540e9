import { queryKey, type QueryKey, type QueryKind } from './queries.js';

/**
 * Records the questions rules ask of the repository while a recording runs (`record`), each as
 * a query key. Without a run store (no `--cache`) only the contents read are recorded (`contents`
 * and `search`): the linter needs them to report unused directives. With one, every question
 * is, for a stored run's dependencies. Recordings nest: an inner one's questions are also the
 * outer one's.
 */
export class QueryRecorder {
  readonly recordsDependencies: boolean;
  #current: Set<QueryKey> | undefined;

  constructor({ dependencies }: { dependencies: boolean }) {
    this.recordsDependencies = dependencies;
  }

  /** Runs `fn` and returns, with its result, the query keys of everything it asked. */
  record<T>(fn: () => T): { result: T; queries: Set<QueryKey> } {
    const outer = this.#current;
    const queries = new Set<QueryKey>();
    this.#current = queries;
    try {
      return { result: fn(), queries };
    } finally {
      this.#current = outer;
      if (outer) for (const query of queries) outer.add(query);
    }
  }

  /** Notes a question, when a recording runs and wants it. */
  note(kind: QueryKind, argument: string): void {
    if (this.#current && (this.recordsDependencies || kind === 'contents' || kind === 'search'))
      this.#current.add(queryKey(kind, argument));
  }

  /** Adds questions asked earlier (by a shared computation) to the running recording. */
  replay(queries: Iterable<QueryKey>): void {
    if (this.#current) for (const query of queries) this.#current.add(query);
  }
}
