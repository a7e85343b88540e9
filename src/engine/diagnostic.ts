import { compareStrings } from './file-source.js';
import type { Fix } from './rule.js';

/** One finding, with a repository-relative POSIX path and 1-based positions. */
export interface Diagnostic {
  ruleId: string | null;
  messageId?: string;
  severity: 1 | 2;
  message: string;
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
}

/** The order of findings in a report: by file, line, column, then rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.ruleId ?? '', b.ruleId ?? '')
  );
}
