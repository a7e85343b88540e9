import path from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import type { AnyRule } from './rule.js';

/** ESLint's LintMessage shape, so that anything reading ESLint JSON can read ours. */
export interface LintMessage {
  ruleId: string | null;
  messageId?: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** ESLint's fix: one replacement in this file. */
  fix?: { range: [number, number]; text: string };
  /**
   * On a message in `suppressedMessages`: what set it aside, as ESLint writes it. `file` is the
   * bulk suppressions file; the justification names it.
   */
  suppressions?: { kind: 'directive' | 'file'; justification: string }[];
}

/** ESLint's LintResult shape. `filePath` is absolute, as in ESLint. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  /** Errors that the bulk suppressions file accepts: not in `messages`, nor in the counts. */
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Set when --fix changed the file: its new content. */
  output?: string;
}

/** Everything a formatter gets besides the results. */
export interface FormatterContext {
  /** Absolute repository root; results' paths are shown relative to it. */
  cwd: string;
  /** Rule metadata by id, as ESLint passes `rulesMeta`. */
  rulesMeta: Record<string, AnyRule['meta']>;
  /** gitops-init's version. */
  version: string;
  /** Whether to use ANSI colours (stylish only). */
  color: boolean;
}

export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;

/** The findings set aside by bulk suppressions, and the file that accepts them. */
export interface SuppressedFindings {
  diagnostics: readonly Diagnostic[];
  /** Repository-relative path of the suppressions file. */
  file: string;
}

type MessageFix = { range: [number, number]; text: string };

/**
 * Groups diagnostics by file into ESLint-shaped results, sorted by path. Suppressed findings go
 * in `suppressedMessages`, marked as ESLint marks them, and count nowhere.
 */
export function toLintResults(
  root: string,
  diagnostics: readonly Diagnostic[],
  fixes: ReadonlyMap<Diagnostic, MessageFix> = new Map(),
  lintedFiles: readonly string[] = [],
  suppressed?: SuppressedFindings,
): LintResult[] {
  const byFile = new Map<string, LintResult>();
  // Repository-relative paths are normalized: on POSIX, joining is concatenating (10,000 joins cost 10 ms).
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  const absolute = (file: string): string =>
    path.sep === '/' ? `${prefix}${file}` : path.join(root, ...file.split('/'));
  const resultFor = (file: string): LintResult => {
    let result = byFile.get(file);
    if (!result) {
      result = {
        filePath: absolute(file),
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      };
      byFile.set(file, result);
    }
    return result;
  };
  for (const file of lintedFiles) resultFor(file);
  for (const diagnostic of diagnostics) {
    const result = resultFor(diagnostic.file);
    result.messages.push(toMessage(diagnostic, fixes.get(diagnostic)));
    if (diagnostic.severity === 2) {
      result.errorCount += 1;
      if (diagnostic.fix) result.fixableErrorCount += 1;
    } else {
      result.warningCount += 1;
      if (diagnostic.fix) result.fixableWarningCount += 1;
    }
  }
  const justification = `accepted in ${suppressed?.file ?? ''} (bulk suppressions)`;
  for (const diagnostic of suppressed?.diagnostics ?? []) {
    resultFor(diagnostic.file).suppressedMessages.push({
      ...toMessage(diagnostic, fixes.get(diagnostic)),
      suppressions: [{ kind: 'file', justification }],
    });
  }
  return [...byFile.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

function toMessage(diagnostic: Diagnostic, fix: MessageFix | undefined): LintMessage {
  return {
    ruleId: diagnostic.ruleId,
    ...(diagnostic.messageId === undefined ? {} : { messageId: diagnostic.messageId }),
    severity: diagnostic.severity,
    message: diagnostic.message,
    line: diagnostic.line ?? 1,
    column: diagnostic.column ?? 1,
    ...(diagnostic.endLine === undefined ? {} : { endLine: diagnostic.endLine }),
    ...(diagnostic.endColumn === undefined ? {} : { endColumn: diagnostic.endColumn }),
    ...(fix ? { fix } : {}),
  };
}
