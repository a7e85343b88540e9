import { defineRule } from '../src/engine/rule.js';
import { isStrictSemver, readVersion, sourceSpecsFor } from '../src/versioning/sources.js';

interface Options {
  /** Sources that must agree, as `file` or `file#field`; the first one is the reference. */
  sources?: string[];
}

const defaults: Options = {};

export default defineRule({
  id: 'version-consistent',
  meta: {
    type: 'problem',
    docs: {
      description: 'The version sources (VERSION, gitops.yaml, package.json, the chart) agree',
      category: 'versioning',
      recommended: 'error',
    },
    scope: 'repository',
    // A repository without a kind has not adopted gitops-init's versioning: its VERSION file and
    // its changelog's format are its own business.
    kinds: ['infrastructure', 'application'],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          sources: {
            type: 'array',
            minItems: 2,
            uniqueItems: true,
            items: { type: 'string', pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$))[^#]+(#[A-Za-z0-9_.-]+)?$' },
          },
        },
      },
    ],
    messages: {
      differs:
        '{{source}} is {{value}}, but {{reference}} is {{expected}}; versions move together (gitops-init version bump updates all of them)',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const specs = sourceSpecsFor(
      options.sources ?? context.descriptor?.versioning?.sources,
      context.kind,
      context.tool,
    );
    const readings = specs.map((spec) =>
      readVersion(spec, context.hasFile(spec.file) ? context.text(spec.file) : undefined),
    );
    const reference = readings.find((reading) => reading.raw !== undefined && isStrictSemver(reading.raw));
    if (!reference?.raw) return;
    for (const reading of readings) {
      // Missing and malformed sources are other rules' findings (required-paths, semver-valid).
      if (
        reading === reference ||
        reading.raw === undefined ||
        !isStrictSemver(reading.raw) ||
        reading.raw === reference.raw
      )
        continue;
      context.report({
        file: reading.spec.file,
        ...(reading.range ? { range: reading.range } : { line: 1 }),
        messageId: 'differs',
        data: { source: reading.label, value: reading.raw, reference: reference.label, expected: reference.raw },
      });
    }
  },
});
