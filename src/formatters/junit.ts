import type { Formatter } from '../engine/results.js';
import { ENGINE_RULE_ID, relativePath } from './findings.js';

/**
 * Characters that XML 1.0 cannot carry at all, not even as a character reference
 * (https://www.w3.org/TR/xml/#charsets): C0 controls other than tab, newline and carriage
 * return, unpaired surrogates, U+FFFE and U+FFFF. They are written as a visible `\u` escape with four hex digits.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

function xmlText(value: string): string {
  return (
    value
      .replace(NOT_XML, (character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
      // A parser turns a raw carriage return into a newline.
      .replaceAll('\r', '&#13;')
  );
}

/** Attribute values also lose raw tabs and newlines to attribute-value normalisation. */
function xmlAttribute(value: string): string {
  return xmlText(value).replaceAll('\t', '&#9;').replaceAll('\n', '&#10;');
}

function withoutExtension(file: string): string {
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  return dot > slash + 1 ? file.slice(0, dot) : file;
}

/**
 * JUnit XML after ESLint's junit formatter: a `testsuite` per file named by its path relative to
 * `cwd`, a failing `testcase` per message, and one passing `testcase` for a file without
 * messages. Unlike ESLint's, the counts go in `failures` (the messages are `<failure>`s) and
 * every value is escaped.
 */
const junit: Formatter = (results, context) => {
  let suites = '';
  let tests = 0;
  let failures = 0;
  for (const result of results) {
    const file = relativePath(context.cwd, result.filePath);
    const classname = xmlAttribute(withoutExtension(file));
    const name = xmlAttribute(file);
    const count = result.messages.length;
    tests += Math.max(count, 1);
    failures += count;
    suites += `<testsuite package="gitops-init" time="0" tests="${Math.max(count, 1)}" failures="${count}" errors="0" name="${name}">\n`;
    if (count === 0) {
      suites += `<testcase time="0" name="${name}" classname="${classname}" />\n`;
    }
    for (const message of result.messages) {
      const ruleId = message.ruleId ?? ENGINE_RULE_ID;
      const type = message.severity === 2 ? 'error' : 'warning';
      const detail = `line ${message.line}, col ${message.column}, ${message.severity === 2 ? 'Error' : 'Warning'} - ${message.message} (${ruleId})`;
      suites +=
        `<testcase time="0" name="gitops-init.${xmlAttribute(ruleId)}" classname="${classname}">` +
        `<failure message="${xmlAttribute(message.message)}" type="${type}">${xmlText(detail)}</failure>` +
        '</testcase>\n';
    }
    suites += '</testsuite>\n';
  }
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<testsuites tests="${tests}" failures="${failures}" errors="0">\n` +
    suites +
    '</testsuites>\n'
  );
};

export default junit;
