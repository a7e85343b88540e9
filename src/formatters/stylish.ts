import { createColors } from 'picocolors';
import type { Formatter } from '../engine/results.js';
import { relativePath } from './findings.js';

function pluralize(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

/**
 * Control characters other than tab and newline, and the C1 range that some terminals read as
 * CSI: a message quotes values from the repository, which must not move the cursor or change
 * colours. Shown as `\u001B` and so on instead.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function printable(text: string): string {
  return text.replace(
    TERMINAL_CONTROL,
    (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** ESLint strips one trailing period unless a space stands before it. */
function withoutTrailingPeriod(message: string): string {
  return message.length > 1 && message.endsWith('.') && message.at(-2) !== ' ' ? message.slice(0, -1) : message;
}

/**
 * The default formatter, after ESLint's stylish: per file a header with the path relative to
 * `cwd`, one aligned row `line:column  severity  message  rule` per message, then a summary.
 * Returns the empty string when there are no problems. Colours only when `context.color`.
 */
const stylish: Formatter = (results, context) => {
  const colors = createColors(context.color);
  let output = '\n';
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  let hasError = false;

  for (const result of results) {
    if (result.messages.length === 0) continue;
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    fixableErrorCount += result.fixableErrorCount;
    fixableWarningCount += result.fixableWarningCount;

    const rows = result.messages.map((message) => {
      if (message.severity === 2) hasError = true;
      return {
        line: String(message.line || 0),
        column: String(message.column || 0),
        severity: message.severity === 2 ? 'error' : 'warning',
        text: printable(withoutTrailingPeriod(message.message)),
        ruleId: message.ruleId ?? '',
      };
    });
    // Padding is computed on the plain text, so colour codes never upset the alignment.
    const width = (key: 'line' | 'column' | 'severity' | 'text'): number =>
      rows.reduce((extreme, row) => Math.max(extreme, row[key].length), -Infinity);
    const lineWidth = width('line');
    const columnWidth = width('column');
    const severityWidth = width('severity');
    const textWidth = width('text');

    output += `${colors.underline(printable(relativePath(context.cwd, result.filePath)))}\n`;
    for (const row of rows) {
      const position = `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`;
      const severity = row.severity === 'error' ? colors.red(row.severity) : colors.yellow(row.severity);
      const cells = [
        colors.dim(position),
        severity + ' '.repeat(severityWidth - row.severity.length),
        row.ruleId === '' ? row.text : row.text.padEnd(textWidth),
        row.ruleId === '' ? '' : colors.dim(row.ruleId),
      ];
      output += `  ${cells.join('  ').trimEnd()}\n`;
    }
    output += '\n';
  }

  const total = errorCount + warningCount;
  if (total === 0) return '';
  const summaryColor = hasError || errorCount > 0 ? colors.red : colors.yellow;
  const summary = (text: string): string => summaryColor(colors.bold(text));
  output += `${summary(
    `\u2716 ${total} ${pluralize('problem', total)} (${errorCount} ${pluralize('error', errorCount)}, ${warningCount} ${pluralize('warning', warningCount)})`,
  )}\n`;
  if (fixableErrorCount > 0 || fixableWarningCount > 0) {
    output += `${summary(
      `  ${fixableErrorCount} ${pluralize('error', fixableErrorCount)} and ${fixableWarningCount} ${pluralize('warning', fixableWarningCount)} potentially fixable with the \`--fix\` option.`,
    )}\n`;
  }
  return output;
};

export default stylish;
