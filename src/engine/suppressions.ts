import type { DirectedFindings } from './apply-directives.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';

/**
 * The suppressions stage: where findings that the repository has chosen to live with are
 * set aside before the results are made. Today nothing is suppressed here (inline directives
 * are the directives stage); ESLint-style bulk suppressions (a file counting the accepted
 * findings per file and rule) come in at this seam, taking the findings after directives and
 * giving back those that remain, in report order.
 */
export interface SuppressionOutcome {
  /** The findings that remain, sorted by file, line, column and rule. */
  diagnostics: Diagnostic[];
  notes: string[];
  /** The findings set aside (none until bulk suppressions exist). */
  suppressed: Diagnostic[];
}

export function applySuppressions(findings: DirectedFindings): SuppressionOutcome {
  return { diagnostics: [...findings.diagnostics].sort(compareDiagnostics), notes: findings.notes, suppressed: [] };
}
