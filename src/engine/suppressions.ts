import type { DirectedFindings } from './apply-directives.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import { compareStrings } from './file-source.js';
import { ConfigError, quote } from '../errors.js';

/**
 * Bulk suppressions, as ESLint's (https://eslint.org/docs/latest/use/suppressions): a file
 * counts, per file and rule, the errors the repository has accepted. While a file and rule has
 * no more errors than its count, they are set aside; with more, all of them are reported. A
 * count above the errors a run finds is unused. Only errors are counted and set aside
 * (warnings never fail a run), and only findings of a rule (not the engine's own messages).
 */

/** Accepted errors: repository-relative file → rule id → how many. */
export type SuppressionCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface SuppressionOptions {
  counts: SuppressionCounts;
  /**
   * Whether this run judged the rule over the file: only those entries can be unused. A run
   * over some files (paths, `--staged`) does not judge a per-file rule over the others.
   */
  isJudged: (file: string, ruleId: string) => boolean;
}

/** The suppressions stage's output. */
export interface SuppressionOutcome {
  /** The findings that remain, sorted by file, line, column and rule. */
  diagnostics: Diagnostic[];
  notes: string[];
  /** The findings set aside, in the same order. */
  suppressed: Diagnostic[];
  /** Counts above the errors found now, by how much (ESLint's unused suppressions). */
  unused: SuppressionCounts;
}

const counted = (diagnostic: Diagnostic): diagnostic is Diagnostic & { ruleId: string } =>
  diagnostic.severity === 2 && diagnostic.ruleId !== null;

/** The errors of each rule in each file. */
export function countErrors(diagnostics: readonly Diagnostic[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const diagnostic of diagnostics) {
    if (!counted(diagnostic)) continue;
    let rules = counts.get(diagnostic.file);
    if (!rules) counts.set(diagnostic.file, (rules = new Map<string, number>()));
    rules.set(diagnostic.ruleId, (rules.get(diagnostic.ruleId) ?? 0) + 1);
  }
  return counts;
}

function setCount(counts: Map<string, Map<string, number>>, file: string, ruleId: string, count: number): void {
  let rules = counts.get(file);
  if (!rules) counts.set(file, (rules = new Map<string, number>()));
  rules.set(ruleId, count);
}

/**
 * The suppressions stage: sets aside the errors that the counts accept and works out which
 * counts are unused. Without counts it passes everything through, sorted.
 */
export function applySuppressions(findings: DirectedFindings, options?: SuppressionOptions): SuppressionOutcome {
  const sorted = [...findings.diagnostics].sort(compareDiagnostics);
  const unused = new Map<string, Map<string, number>>();
  if (!options || options.counts.size === 0) {
    return { diagnostics: sorted, notes: findings.notes, suppressed: [], unused };
  }
  const { counts } = options;
  const found = countErrors(sorted);
  const accepted = (file: string, ruleId: string): boolean => {
    const count = counts.get(file)?.get(ruleId);
    return count !== undefined && (found.get(file)?.get(ruleId) ?? 0) <= count;
  };
  for (const [file, rules] of counts) {
    for (const [ruleId, count] of rules) {
      const errors = found.get(file)?.get(ruleId) ?? 0;
      // A file and rule with more errors than accepted reports them all, and uses its count.
      if (errors > count || (errors === 0 && !options.isJudged(file, ruleId))) continue;
      if (errors < count) setCount(unused, file, ruleId, count - errors);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const diagnostic of sorted) {
    (counted(diagnostic) && accepted(diagnostic.file, diagnostic.ruleId) ? suppressed : diagnostics).push(diagnostic);
  }
  return { diagnostics, notes: findings.notes, suppressed, unused };
}

/**
 * `--suppress-all` and `--suppress-rule`: the counts with each file and rule that has errors now
 * (of the given rules, when given) set to how many it has, as ESLint does. Other entries stay.
 */
export function countsWithCurrent(
  counts: SuppressionCounts,
  diagnostics: readonly Diagnostic[],
  rules?: ReadonlySet<string>,
): Map<string, Map<string, number>> {
  const next = copy(counts);
  for (const [file, found] of countErrors(diagnostics)) {
    for (const [ruleId, errors] of found) if (!rules || rules.has(ruleId)) setCount(next, file, ruleId, errors);
  }
  return next;
}

/**
 * `--prune-suppressions`: each unused count lowered by how much it is unused (gone at zero), and
 * the entries this run did not judge whose file no longer exists.
 */
export function prunedCounts(
  counts: SuppressionCounts,
  unused: SuppressionCounts,
  { isJudged, exists }: { isJudged: (file: string, ruleId: string) => boolean; exists: (file: string) => boolean },
): Map<string, Map<string, number>> {
  const next = new Map<string, Map<string, number>>();
  for (const [file, rules] of counts) {
    for (const [ruleId, count] of rules) {
      const left = count - (unused.get(file)?.get(ruleId) ?? 0);
      if (left <= 0 || (!isJudged(file, ruleId) && !exists(file))) continue;
      setCount(next, file, ruleId, left);
    }
  }
  return next;
}

function copy(counts: SuppressionCounts): Map<string, Map<string, number>> {
  return new Map([...counts].map(([file, rules]) => [file, new Map(rules)]));
}

/** How many errors the counts accept, and in how many files. */
export function tally(counts: SuppressionCounts): { errors: number; files: number } {
  let errors = 0;
  for (const rules of counts.values()) for (const count of rules.values()) errors += count;
  return { errors, files: counts.size };
}

/** The counts as ESLint's JSON (`{ "<file>": { "<rule>": { "count": n } } }`). */
export function toRecord(counts: SuppressionCounts): Record<string, Record<string, { count: number }>> {
  const record: Record<string, Record<string, { count: number }>> = {};
  for (const file of [...counts.keys()].sort(compareStrings)) {
    const rules = counts.get(file) ?? new Map<string, number>();
    const entry: Record<string, { count: number }> = {};
    for (const ruleId of [...rules.keys()].sort(compareStrings)) entry[ruleId] = { count: rules.get(ruleId) ?? 0 };
    Object.defineProperty(record, file, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/**
 * The suppressions file's text: ESLint's shape, files and rules sorted, two-space indentation,
 * a final newline. Written out by hand so that the order is the sorted one whatever the keys
 * (an object puts keys such as "10" first).
 */
export function serializeSuppressions(counts: SuppressionCounts): string {
  const files = [...counts.keys()].filter((file) => (counts.get(file)?.size ?? 0) > 0).sort(compareStrings);
  if (files.length === 0) return '{}\n';
  const fileBlocks = files.map((file) => {
    const rules = counts.get(file) ?? new Map<string, number>();
    const ruleBlocks = [...rules.keys()]
      .sort(compareStrings)
      .map((ruleId) => `    ${JSON.stringify(ruleId)}: {\n      "count": ${rules.get(ruleId) ?? 0}\n    }`);
    return `  ${JSON.stringify(file)}: {\n${ruleBlocks.join(',\n')}\n  }`;
  });
  return `{\n${fileBlocks.join(',\n')}\n}\n`;
}

const SHAPE = '{ "<file>": { "<rule-id>": { "count": <n> } } }';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a JSON.parse error is, as " at line L, column C", when its message gives the position. */
function position(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input/.test(message)) return ' (it ends too early)';
  const at = /position (\d+)/.exec(message)?.[1];
  if (at === undefined) return '';
  const before = text.slice(0, Number(at)).split('\n');
  return ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/**
 * Reads a suppressions file's text (`shown` names it in messages); throws a one-line
 * ConfigError (exit 2) when it is not JSON or not in ESLint's shape.
 */
export function parseSuppressions(text: string, shown: string): Map<string, Map<string, number>> {
  const fix = `fix it, or delete it and run again with {{option:suppressAll}}`;
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new ConfigError(`${shown} is not valid JSON${position(text, error)}; ${fix}`, [], { cause: error });
  }
  const wrong = (where: string, what: string): ConfigError =>
    new ConfigError(`${shown}: ${where}${what}; expected ${SHAPE}, as {{option:suppressAll}} writes it: ${fix}`);
  if (!isObject(value)) throw wrong('', 'the file holds no JSON object');
  const counts = new Map<string, Map<string, number>>();
  for (const [file, rules] of Object.entries(value)) {
    if (!isObject(rules)) throw wrong(`${quote(file)} `, 'is not an object of rule ids');
    const byRule = new Map<string, number>();
    for (const [ruleId, entry] of Object.entries(rules)) {
      const where = `${quote(file)} ${quote(ruleId)} `;
      if (!isObject(entry) || !Object.hasOwn(entry, 'count')) throw wrong(where, 'has no "count"');
      const count = entry.count;
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
        throw wrong(where, `has "count": ${JSON.stringify(count) ?? String(count)}, not a whole number from 1`);
      }
      byRule.set(ruleId, count);
    }
    if (byRule.size > 0) counts.set(file, byRule);
  }
  return counts;
}
