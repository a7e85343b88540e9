import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import { isStrictSemver, readVersion, sourceSpecsFor } from '../src/versioning/sources.js';

export default defineRule({
  id: 'semver-valid',
  meta: {
    type: 'problem',
    docs: {
      description: 'Every version source is a semantic version 2.0, written without a leading v',
      category: 'versioning',
      recommended: 'error',
    },
    fixable: 'code',
    scope: 'repository',
    schema: [],
    messages: {
      invalid: '{{source}} is "{{value}}", which is not a semantic version (major.minor.patch, e.g. 1.4.0)',
      leadingV: '{{source}} is "{{value}}": write versions without a leading v ({{fixed}})',
    },
  },
  defaultOptions: [],
  check(context) {
    const specs = sourceSpecsFor(context.descriptor?.versioning?.sources, context.kind, context.tool);
    // Every chart's version and appVersion are versions too (Helm requires semver for version).
    for (const file of context.files) {
      if (path.posix.basename(file) !== 'Chart.yaml' || context.isYamlFile(file) === false) continue;
      for (const field of ['version', 'appVersion']) {
        if (!specs.some((spec) => spec.file === file && spec.field === field)) specs.push({ file, field });
      }
    }
    for (const spec of specs) {
      const text = context.hasFile(spec.file) ? context.text(spec.file) : undefined;
      if (text === undefined) continue;
      const reading = readVersion(spec, text);
      if (reading.raw === undefined || isStrictSemver(reading.raw)) continue;
      const withoutV = reading.raw.replace(/^v/i, '');
      const range = reading.range;
      if (withoutV !== reading.raw && isStrictSemver(withoutV) && range) {
        const original = text.slice(range[0], range[1]);
        const offset = original.indexOf(reading.raw);
        context.report({
          file: spec.file,
          range,
          messageId: 'leadingV',
          data: { source: reading.label, value: reading.raw, fixed: withoutV },
          fix: { edits: [{ range: [range[0] + offset, range[0] + offset + 1], text: '' }] },
        });
      } else {
        context.report({
          file: spec.file,
          ...(range ? { range } : { line: 1 }),
          messageId: 'invalid',
          data: { source: reading.label, value: reading.raw },
        });
      }
    }
  },
});
