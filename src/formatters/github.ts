import type { Formatter } from '../engine/results.js';
import { flattenFindings } from './findings.js';

// Escaping as in @actions/core's command.ts (escapeData, escapeProperty): the runner splits a
// command at newlines, the message at `::` and the properties at `,` and `:`.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per message, with
 * the path relative to `cwd` (the workspace root in a workflow), the position and the rule id as
 * the title. Columns are given only for an annotation on one line, as GitHub ignores them on
 * annotations that span lines.
 */
const github: Formatter = (results, context) => {
  let output = '';
  for (const finding of flattenFindings(results, context.cwd)) {
    const { message } = finding;
    const properties: [string, string | number][] = [['file', finding.path]];
    if (message.line >= 1) {
      properties.push(['line', message.line]);
      const isOneLine = message.endLine === undefined || message.endLine === message.line;
      if (isOneLine && message.column >= 1) properties.push(['col', message.column]);
      if (message.endLine !== undefined && message.endLine > message.line)
        properties.push(['endLine', message.endLine]);
      if (isOneLine && message.column >= 1 && message.endColumn !== undefined && message.endColumn > message.column) {
        properties.push(['endColumn', message.endColumn]);
      }
    }
    properties.push(['title', finding.ruleId]);
    const command = message.severity === 2 ? 'error' : 'warning';
    const list = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
    output += `::${command} ${list}::${escapeData(message.message)}\n`;
  }
  return output;
};

export default github;
