import type { Diagnostic } from './diagnostic.js';
import { DirectiveSet, parseDirectives } from './directives.js';
import type { RuleFindings } from './linter.js';
import type { Repository } from './repository.js';
import type { Severity } from './rule.js';
import { severityNumber } from './rule-runner.js';

/** The directives stage's input besides the findings. */
export interface DirectiveOptions {
  repository: Repository;
  /** The files this run lints: only their unused directives are reported. */
  targetFiles: readonly string[];
  /** Ids of the rules known to the run: a directive naming another is reported as unknown. */
  ruleIds: ReadonlySet<string>;
  reportUnusedDisableDirectives: Severity;
}

/** The directives stage's output: findings that no inline directive suppressed, and the unused directives. */
export interface DirectedFindings {
  /** In no particular order. */
  diagnostics: Diagnostic[];
  notes: string[];
}

/**
 * The directives stage: drops the findings that inline directives (`# gitops-lint-disable…`)
 * suppress, and reports the directives that suppressed nothing in the files the rules read.
 */
export function applyDirectives(findings: RuleFindings, options: DirectiveOptions): DirectedFindings {
  const { repository } = options;
  const sets = new Map<string, DirectiveSet>();
  const directivesOf = (file: string): DirectiveSet | undefined => {
    if (!sets.has(file)) {
      const text =
        repository.hasFile(file) && repository.hasLoadedDirectives(file) !== false ? repository.text(file) : undefined;
      const directives = text === undefined ? [] : parseDirectives(text);
      sets.set(file, new DirectiveSet(directives));
    }
    const set = sets.get(file);
    return set && set.directives.length > 0 ? set : undefined;
  };
  const kept = findings.diagnostics.filter((diagnostic) => {
    if (diagnostic.ruleId === null) return true;
    const set = directivesOf(diagnostic.file);
    return !set?.isSuppressed(diagnostic.ruleId, diagnostic.line ?? 1);
  });
  const severity = severityNumber(options.reportUnusedDisableDirectives);
  if (severity === 0) return { diagnostics: kept, notes: findings.notes };
  const targetSet = new Set(options.targetFiles);
  for (const file of repository.files) {
    if (!targetSet.has(file) || !findings.readFiles.has(file)) continue;
    const set = directivesOf(file);
    if (!set) continue;
    for (const { directive, ruleId } of set.unused()) {
      const unknown = ruleId !== null && !options.ruleIds.has(ruleId);
      kept.push({
        ruleId: null,
        severity,
        message: unknown
          ? `Unknown rule "${ruleId}" in a gitops-lint-${directive.type} directive; run 'gitops-init rules' for the list`
          : ruleId === null
            ? `Unused gitops-lint-${directive.type} directive (no problems were reported)`
            : `Unused gitops-lint-${directive.type} directive (no problems were reported from "${ruleId}")`,
        file,
        line: directive.line,
        column: directive.column,
      });
    }
  }
  return { diagnostics: kept, notes: findings.notes };
}
