import type { Diagnostic } from './diagnostic.js';
import type { RunKey } from './queries.js';
import type { Tallies } from './tallies.js';

/**
 * How the engine reuses results of earlier runs, without knowing where they are kept: the
 * lint cache (src/cache) implements these interfaces, and a run without `--cache` has none of
 * them, so nothing is recorded beyond what the run itself needs.
 */

/** A rule run's findings with what the run asked of the repository (see Fingerprints). */
export interface StoredRun {
  /** Query key (a QueryKey) to fingerprint, at the time of the run. */
  dependencies: Record<string, string>;
  /** Findings before inline directives are applied. */
  diagnostics: Diagnostic[];
  /** The run's notes (`context.note`), when it made any. */
  notes?: string[];
  /** The run's tallies (`context.tally`), when it made any. */
  tallies?: Tallies;
}

/**
 * Results of earlier runs, by what they cover. A stored run is reused when every dependency's
 * fingerprint is unchanged; the store itself is keyed on the tool version and the
 * configuration. Given to the engine, it also makes the repository record every question the
 * rules ask (not only the contents they read), which is what a stored run depends on.
 */
export interface RunStore {
  get(key: RunKey): StoredRun | undefined;
  set(key: RunKey, run: StoredRun): void;
}
