import type { CodeownersMatcher } from './matcher.js';
import type { CodeownersRule } from './parse.js';

/** What a CODEOWNERS file does to a list of files: one pass, every matching line of every file. */
export interface Coverage {
  /** Files nobody owns, in the order given. */
  unowned: string[];
  /** Files each line's pattern matches. */
  matched: Map<CodeownersRule, number>;
  /** Files each line decides (GitHub: as the last match; GitLab: as the last match of its section, or as a matching exclusion). */
  decided: Map<CodeownersRule, number>;
  /** For each line: the lines that decide the files it matches but does not decide, with counts. */
  deciders: Map<CodeownersRule, Map<CodeownersRule, number>>;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The lines that decide a path, from all its matching lines in matching order. */
export function decidingRules(matching: readonly CodeownersRule[], dialect: 'github' | 'gitlab'): CodeownersRule[] {
  if (dialect === 'github') {
    const last = matching.at(-1);
    return last ? [last] : [];
  }
  const bySection = new Map<number, CodeownersRule>();
  const excluded = new Map<number, CodeownersRule>();
  for (const rule of matching) {
    if (rule.exclusion) {
      if (!excluded.has(rule.section)) excluded.set(rule.section, rule);
    } else {
      bySection.set(rule.section, rule);
    }
  }
  const deciding: CodeownersRule[] = [...excluded.values()];
  for (const [section, rule] of bySection) if (!excluded.has(section)) deciding.push(rule);
  return deciding;
}

export function computeCoverage(matcher: CodeownersMatcher, files: readonly string[]): Coverage {
  const coverage: Coverage = { unowned: [], matched: new Map(), decided: new Map(), deciders: new Map() };
  const dialect = matcher.file.dialect;
  for (const file of files) {
    const matching = matcher.matchingRules(file);
    const deciding = decidingRules(matching, dialect);
    if (!deciding.some((rule) => !rule.exclusion && rule.owners.length > 0)) coverage.unowned.push(file);
    for (const rule of matching) {
      increment(coverage.matched, rule);
      if (deciding.includes(rule)) {
        increment(coverage.decided, rule);
        continue;
      }
      // Which line took this file from `rule`: the decider of its section (GitLab), or the last match.
      const decider = dialect === 'github' ? deciding[0] : deciding.find((other) => other.section === rule.section);
      if (!decider) continue;
      let counts = coverage.deciders.get(rule);
      if (!counts) coverage.deciders.set(rule, (counts = new Map<CodeownersRule, number>()));
      increment(counts, decider);
    }
  }
  return coverage;
}
