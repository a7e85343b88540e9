import type { Document } from 'yaml';
import { readBlockYaml } from '../manifests/block-yaml.js';
import { valueAt } from '../manifests/objects.js';
import { isMap, isScalar, yamlPackage } from '../manifests/yaml-nodes.js';
import * as semver from './semver.js';

/** Where a repository states its version. */
export type VersionSourceKind = 'file' | 'yaml' | 'json';

export interface VersionSourceSpec {
  /** Repository-relative path. */
  file: string;
  /** Field that holds the version: none for a plain VERSION file, `version`/`appVersion` for YAML and JSON. */
  field?: string;
}

export interface VersionReading {
  spec: VersionSourceSpec;
  /** How the source is named to the user: `VERSION`, `chart/Chart.yaml#version`. */
  label: string;
  /** The version as written, or undefined when the file or field is missing. */
  raw: string | undefined;
  /** Offsets of the value in the file's text, for findings and edits. */
  range: [number, number] | undefined;
}

export function sourceLabel(spec: VersionSourceSpec): string {
  return spec.field ? `${spec.file}#${spec.field}` : spec.file;
}

/** Parses `file` or `file#field` as written in options and gitops.yaml. */
export function parseSourceSpec(text: string): VersionSourceSpec {
  const index = text.lastIndexOf('#');
  return index === -1 ? { file: text } : { file: text.slice(0, index), field: text.slice(index + 1) };
}

/**
 * The version sources of a repository, in the order they are reported: VERSION, gitops.yaml's
 * `version`, package.json's `version` (where present), and for a Helm application the chart's
 * `version`. A chart's `appVersion` is the version of the software it deploys, not of this
 * repository, so it is not a source unless configured.
 */
export function defaultSourceSpecs(kind: string | undefined, tool: string | undefined): VersionSourceSpec[] {
  const specs: VersionSourceSpec[] = [
    { file: 'VERSION' },
    { file: 'gitops.yaml', field: 'version' },
    { file: 'package.json', field: 'version' },
  ];
  if (kind === 'application' && tool === 'helm') specs.push({ file: 'chart/Chart.yaml', field: 'version' });
  return specs;
}

/** The sources in force: `versioning.sources` of gitops.yaml (or a rule's own list), else the defaults of the kind. */
export function sourceSpecsFor(
  configured: readonly string[] | undefined,
  kind: string | undefined,
  tool: string | undefined,
): VersionSourceSpec[] {
  return configured ? configured.map(parseSourceSpec) : defaultSourceSpecs(kind, tool);
}

function kindOf(spec: VersionSourceSpec): VersionSourceKind {
  if (!spec.field) return 'file';
  return spec.file.endsWith('.json') ? 'json' : 'yaml';
}

/**
 * The scalar of a top-level field: its text as written, without quotes (a plain `2.0` is "2.0",
 * not the number 2), and its range with the quotes.
 */
function scalarAt(text: string, field: string): { raw: string; range: [number, number] } | undefined {
  const document = yamlPackage().parseDocument(text, { uniqueKeys: false });
  const node = isMap(document.contents) ? document.contents.get(field, true) : undefined;
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  const raw = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  return { raw, range: [node.range[0], node.range[1]] };
}

/** Reads one source from the file's text (undefined text: the file does not exist). */
export function readVersion(spec: VersionSourceSpec, text: string | undefined): VersionReading {
  const label = sourceLabel(spec);
  if (text === undefined) return { spec, label, raw: undefined, range: undefined };
  switch (kindOf(spec)) {
    case 'file': {
      const start = text.length - text.trimStart().length;
      const value = text.trim();
      return {
        spec,
        label,
        raw: value === '' ? undefined : value,
        range: value === '' ? undefined : [start, start + value.length],
      };
    }
    case 'yaml': {
      const field = spec.field ?? 'version';
      // A plain block-style file is read for the value; its nodes are parsed only when they are
      // needed: for the range, or for the text of a value that YAML reads as a number, a boolean
      // or null (`version: 2.0` is the number 2, and is reported as the 2.0 it says).
      const read = readBlockYaml(text);
      if (read?.length === 1) {
        const value = valueAt(read[0]?.value, [field]);
        if (value === undefined || (typeof value === 'object' && value !== null))
          return { spec, label, raw: undefined, range: undefined };
        if (typeof value === 'string') {
          let range: [number, number] | undefined;
          let located = false;
          return {
            spec,
            label,
            raw: value,
            get range() {
              if (!located) {
                located = true;
                range = scalarAt(text, field)?.range;
              }
              return range;
            },
          };
        }
      }
      const scalar = scalarAt(text, field);
      return scalar ? { spec, label, ...scalar } : { spec, label, raw: undefined, range: undefined };
    }
    case 'json': {
      let value: unknown;
      try {
        value = (JSON.parse(text) as Record<string, unknown>)[spec.field ?? 'version'];
      } catch {
        return { spec, label, raw: undefined, range: undefined };
      }
      if (typeof value !== 'string') return { spec, label, raw: undefined, range: undefined };
      const match = new RegExp(`"${spec.field ?? 'version'}"\\s*:\\s*"`).exec(text);
      const start = match ? match.index + match[0].length : -1;
      return { spec, label, raw: value, range: start === -1 ? undefined : [start, start + value.length] };
    }
  }
}

/** Whether a version is strict semver 2.0 as written (no leading `v`, no spaces). */
export function isStrictSemver(raw: string): boolean {
  const parsed = semver.parse(raw);
  // semver drops build metadata from `version`, and accepts a leading v or =: compare with what is written.
  return parsed !== null && raw === parsed.version + (parsed.build.length > 0 ? `+${parsed.build.join('.')}` : '');
}

/** Text of a source with its version replaced, keeping the file's formatting and quoting. */
export function writeVersion(spec: VersionSourceSpec, text: string | undefined, version: string): string {
  if (text === undefined) {
    if (kindOf(spec) === 'file') return `${version}\n`;
    throw new Error(`${sourceLabel(spec)} does not exist`);
  }
  const reading = readVersion(spec, text);
  if (reading.range) {
    const [start, end] = reading.range;
    const original = text.slice(start, end);
    const quote = /^["']/.test(original) ? (original[0] ?? '') : '';
    return text.slice(0, start) + quote + version + quote + text.slice(end);
  }
  if (kindOf(spec) === 'yaml') {
    const document: Document = yamlPackage().parseDocument(text);
    document.set(spec.field ?? 'version', version);
    return document.toString();
  }
  throw new Error(`${sourceLabel(spec)} has no version to update`);
}
