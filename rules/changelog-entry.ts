import { defineRule } from '../src/engine/rule.js';
import { hasHeadingFor, isIsoDate, parseChangelog } from '../src/versioning/changelog.js';
import { isStrictSemver, readVersion, sourceSpecsFor } from '../src/versioning/sources.js';

interface Options {
  /** The changelog file. */
  file?: string;
}

const defaults: Options = {};

export default defineRule({
  id: 'changelog-entry',
  meta: {
    type: 'problem',
    docs: {
      description: 'CHANGELOG.md has a section for the current version, with well-formed versions and dates',
      category: 'versioning',
      recommended: 'error',
    },
    scope: 'repository',
    // A repository without a kind has not adopted gitops-init's versioning: its VERSION file and
    // its changelog's format are its own business.
    kinds: ['infrastructure', 'application'],
    schema: [{ type: 'object', additionalProperties: false, properties: { file: { type: 'string', minLength: 1 } } }],
    messages: {
      missingSection:
        '{{file}} has no "## [{{version}}] - YYYY-MM-DD" section for the current version {{version}}; gitops-init version bump writes it from the Unreleased section',
      badVersion: 'Section "{{title}}" is not a semantic version (or Unreleased)',
      badDate: 'Section {{title}} has the date "{{date}}"; write it as YYYY-MM-DD',
      missingDate: 'Section {{title}} has no release date; write "## [{{title}}] - YYYY-MM-DD"',
      duplicate: 'Section {{title}} appears more than once',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const file = options.file ?? 'CHANGELOG.md';
    const text = context.hasFile(file) ? context.text(file) : undefined;
    if (text === undefined) return;
    const sections = parseChangelog(text);
    const seen = new Set<string>();
    for (const section of sections) {
      if (seen.has(section.title))
        context.report({ file, range: section.range, messageId: 'duplicate', data: { title: section.title } });
      seen.add(section.title);
      if (section.title.toLowerCase() === 'unreleased') continue;
      if (!isStrictSemver(section.title)) {
        context.report({ file, range: section.range, messageId: 'badVersion', data: { title: section.title } });
      } else if (section.date === undefined) {
        context.report({ file, range: section.range, messageId: 'missingDate', data: { title: section.title } });
      } else if (!isIsoDate(section.date)) {
        context.report({
          file,
          range: section.range,
          messageId: 'badDate',
          data: { title: section.title, date: section.date },
        });
      }
    }
    const specs = sourceSpecsFor(context.descriptor?.versioning?.sources, context.kind, context.tool);
    const first = specs[0];
    const current = first
      ? readVersion(first, context.hasFile(first.file) ? context.text(first.file) : undefined).raw
      : undefined;
    if (current !== undefined && isStrictSemver(current) && !hasHeadingFor(text, current)) {
      context.report({ file, line: 1, messageId: 'missingSection', data: { file, version: current } });
    }
  },
});
