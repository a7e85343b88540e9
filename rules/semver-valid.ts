import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import {
  defaultSourceSpecs,
  isStrictSemver,
  parseSourceSpec,
  readVersion,
  sourceLabel,
  type VersionSourceSpec,
} from '../src/versioning/sources.js';
import { isTemplated } from '../src/manifests/templates.js';

/**
 * The only sources whose `v` the fix drops: gitops.yaml's version, which is gitops-init's own
 * field. Any other source may be read as text by something that builds or deploys (an image tag
 * from VERSION or package.json in CI, a chart's package name and OCI tag from its version), so
 * rewriting it could change what gets deployed: it is reported without a fix.
 */
const SAFE_TO_FIX = new Set(['gitops.yaml#version', 'gitops.yml#version']);

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
    const configured = context.descriptor?.versioning?.sources;
    // Without a kind (no gitops.yaml, no --kind) the repository has not adopted gitops-init's
    // versioning: its VERSION or package.json is its own business. Charts are checked anyway.
    const specs: VersionSourceSpec[] = configured
      ? configured.map(parseSourceSpec)
      : context.kind
        ? defaultSourceSpecs(context.kind, context.tool)
        : [];
    // Every chart's version too: Helm's chart spec requires SemVer 2 for it. Not appVersion,
    // which is free text (the version of the software, often an image tag) unless configured.
    for (const file of context.files) {
      if (path.posix.basename(file) !== 'Chart.yaml' || context.isYamlFile(file) === false) continue;
      if (!specs.some((spec) => spec.file === file && spec.field === 'version')) specs.push({ file, field: 'version' });
    }
    for (const spec of specs) {
      const text = context.hasFile(spec.file) ? context.text(spec.file) : undefined;
      if (text === undefined) continue;
      const reading = readVersion(spec, text);
      if (reading.raw === undefined || isStrictSemver(reading.raw)) continue;
      // A template or a substitution (`${CHART_VERSION}`, `{{ .Version }}`) that a release job
      // fills in before packaging: there is no version to check yet.
      if (isTemplated(reading.raw)) continue;
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
          ...(SAFE_TO_FIX.has(sourceLabel(spec))
            ? { fix: { edits: [{ range: [range[0] + offset, range[0] + offset + 1], text: '' }] } }
            : {}),
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
