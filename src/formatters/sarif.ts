import { pathToFileURL } from 'node:url';
import validSemver from 'semver/functions/valid.js';
import type { Formatter, FormatterContext, LintMessage } from '../engine/results.js';
import { ruleDocsUrl } from '../engine/rule.js';
import { ENGINE_RULE_ID, flattenFindings, isOutside, type Finding } from './findings.js';

// SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// with the properties GitHub code scanning reads:
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/gitops-init/gitops-init';
const SRCROOT = '%SRCROOT%';
/** The key of our own partial fingerprint; `v1` names the hash recipe in findings.ts. */
export const FINGERPRINT_KEY = 'gitopsInit/v1';

type Level = 'none' | 'note' | 'warning' | 'error';

interface MultiformatMessage {
  text: string;
  markdown?: string;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: MultiformatMessage;
  fullDescription: MultiformatMessage;
  helpUri?: string;
  help: MultiformatMessage;
  defaultConfiguration: { level: Level; enabled?: boolean };
  properties: { category: string; tags: string[] };
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: Region;
    };
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: Suppression[];
}

/** SARIF's suppression object (§3.35): `external`, as the bulk suppressions file is outside the source. */
interface Suppression {
  kind: 'inSource' | 'external';
  status: 'accepted';
  justification?: string;
}

const ENGINE_DESCRIPTION =
  'Problems that gitops-init reports itself rather than through a rule, such as a gitops-lint-disable directive that suppresses nothing or names an unknown rule.';

/** SARIF's "friendly name" of a rule: the id in Pascal case, `required-paths` -> `RequiredPaths`. */
function friendlyName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The descriptor of a rule that occurs in the results. Engine messages get the synthetic rule
 * {@link ENGINE_RULE_ID} (SARIF requires a rule id on every result, GitHub a rule descriptor);
 * a rule missing from `rulesMeta` (a plugin's, say) gets a bare descriptor.
 */
function describeRule(id: string, context: FormatterContext): ReportingDescriptor {
  if (id === ENGINE_RULE_ID) {
    return {
      id,
      name: friendlyName(id),
      shortDescription: { text: 'Problems reported by gitops-init itself' },
      fullDescription: { text: ENGINE_DESCRIPTION },
      helpUri: INFORMATION_URI,
      help: { text: ENGINE_DESCRIPTION },
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'engine', tags: ['engine'] },
    };
  }
  const meta = Object.hasOwn(context.rulesMeta, id) ? context.rulesMeta[id] : undefined;
  if (!meta) {
    return {
      id,
      name: friendlyName(id),
      shortDescription: { text: id },
      fullDescription: { text: id },
      help: { text: id },
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'unknown', tags: [] },
    };
  }
  const url = ruleDocsUrl(id);
  const { description, category, recommended } = meta.docs;
  const sentence = description.endsWith('.') ? description.slice(0, -1) : description;
  return {
    id,
    name: friendlyName(id),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri: url,
    help: { text: `${sentence}. Documentation: ${url}`, markdown: `${sentence}. [Documentation](${url})` },
    // The rule's default severity in the recommended set; a rule that is off by default is
    // `enabled: false` (SARIF has no "off" level). Each result carries the level it ran with.
    defaultConfiguration:
      recommended === 'off'
        ? { level: 'warning', enabled: false }
        : { level: recommended === 'error' ? 'error' : 'warning' },
    properties: { category, tags: [category] },
  };
}

/** A relative POSIX path as a relative URI reference: each segment percent-encoded. */
function toUriReference(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function regionOf(message: LintMessage): Region {
  // A finding about the whole file (no line) points at line 1, as the engine does for a finding
  // without a position: GitHub requires `startLine`, and SARIF has no "whole file" region
  // without the file's length.
  if (!(message.line >= 1)) return { startLine: 1 };
  const region: Region = { startLine: message.line };
  if (message.column >= 1) region.startColumn = message.column;
  const endLine = message.endLine ?? message.line;
  if (endLine < message.line) return region;
  if (message.endLine !== undefined) region.endLine = message.endLine;
  // On the start line, an end column before the start column would be an invalid region.
  if (message.endColumn !== undefined && message.endColumn >= 1) {
    if (endLine > message.line || message.endColumn >= (region.startColumn ?? 1)) region.endColumn = message.endColumn;
  }
  return region;
}

function resultOf(finding: Finding, ruleIndex: number): SarifResult {
  const artifactLocation = isOutside(finding.path)
    ? { uri: pathToFileURL(finding.filePath).href }
    : { uri: toUriReference(finding.path), uriBaseId: SRCROOT };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.message.severity === 2 ? 'error' : 'warning',
    message: { text: finding.message.message },
    locations: [{ physicalLocation: { artifactLocation, region: regionOf(finding.message) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.message.suppressions ? { suppressions: suppressionsOf(finding.message) } : {}),
  };
}

/**
 * A suppressed message's SARIF suppressions: kept in the log (so that code scanning closes the
 * alert as suppressed instead of seeing it vanish), marked accepted.
 */
function suppressionsOf(message: LintMessage): Suppression[] {
  return (message.suppressions ?? []).map((suppression) => ({
    kind: suppression.kind === 'directive' ? 'inSource' : 'external',
    status: 'accepted',
    ...(suppression.justification === '' ? {} : { justification: suppression.justification }),
  }));
}

/**
 * A SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers. Paths are
 * relative to `%SRCROOT%`, which is `cwd`. Results carry no source snippet: a finding may be
 * about a secret, and the log is uploaded elsewhere. Bulk-suppressed findings are results with
 * `suppressions`, after the file's other results.
 */
const sarif: Formatter = (results, context) => {
  // Suppressed messages are results too, with their suppressions; their fingerprints are counted
  // with the file's other messages, so that a finding keeps its fingerprint when it stops being suppressed.
  const findings = flattenFindings(
    results.map((result) =>
      result.suppressedMessages.length === 0
        ? result
        : { ...result, messages: [...result.messages, ...result.suppressedMessages] },
    ),
    context.cwd,
  );
  const ruleIds = [...new Set(findings.map((finding) => finding.ruleId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gitops-init',
            fullName: `gitops-init ${context.version}`,
            version: context.version,
            ...(validSemver(context.version) ? { semanticVersion: context.version } : {}),
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => describeRule(id, context)),
          },
        },
        invocations: [{ executionSuccessful: true, workingDirectory: { uri: directoryUri(context.cwd) } }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding) => resultOf(finding, ruleIndex.get(finding.ruleId) ?? -1)),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};

export default sarif;
