/**
 * Runs the detectors of secretlint's recommended preset synchronously.
 *
 * secretlint's own engine (`@secretlint/core` `lintSource`) is asynchronous, but the rules of
 * `@secretlint/secretlint-rule-preset-recommend` are plain objects whose `file(source)` handlers
 * report synchronously through the context they are given (only the GCP rule's `.p12` branch
 * awaits, and it reads the file from disk, which a lint rule must not do: binary files are never
 * passed here). So instead of a pre-pass in the engine, gitops-init gives each detector a
 * context of its own that collects reports and `secretlint-disable` ignores, and keeps only the
 * rule id, message id and range of each report: never secretlint's message text or data,
 * which quote the secret.
 */
import { createRequire } from 'node:module';
import type { SecretLintRuleContext, SecretLintRuleCreator, SecretLintSourceCode } from '@secretlint/types';
import { candidateDetectors, FILTER_DETECTORS } from './keywords.js';
import { looksBinary } from './scan-scope.js';

/** A secret that a secretlint detector found: where, and which detector and message, never the value. */
export interface DetectedSecret {
  /** secretlint's rule id, e.g. `@secretlint/secretlint-rule-aws`. */
  ruleId: string;
  /** secretlint's message id, e.g. `AWSSecretAccessKey`. */
  messageId: string;
  /** UTF-16 offsets in the text that was scanned, end exclusive. */
  range: readonly [number, number];
}

interface Ignore {
  targetRuleId: string;
  range: readonly [number, number];
}

type PresetModule = { rules: readonly SecretLintRuleCreator[] };

let preset: readonly SecretLintRuleCreator[] | undefined;

/**
 * The preset's detectors, loaded on first use: require() of an ES module (Node.js 22.13 and
 * later) keeps rules synchronous and keeps the preset off the start-up path.
 */
export function recommendedDetectors(): readonly SecretLintRuleCreator[] {
  if (!preset) {
    const require = createRequire(import.meta.url);
    preset = (require('@secretlint/secretlint-rule-preset-recommend') as PresetModule).rules;
  }
  return preset;
}

function sourceCode(content: string, filePath: string): SecretLintSourceCode {
  // Line starts are found when a detector first asks for a position: most never do.
  let starts: number[] | undefined;
  const lineStartsOf = (): number[] => {
    if (starts) return starts;
    starts = [0];
    for (let index = content.indexOf('\n'); index !== -1; index = content.indexOf('\n', index + 1))
      starts.push(index + 1);
    return starts;
  };
  const indexToPosition = (index: number): { line: number; column: number } => {
    const lineStarts = lineStartsOf();
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: index - (lineStarts[low] ?? 0) };
  };
  const positionToIndex = (position: { line: number; column: number }): number =>
    (lineStartsOf()[position.line - 1] ?? content.length) + position.column;
  const dot = filePath.lastIndexOf('.');
  const slash = filePath.lastIndexOf('/');
  return {
    hasBOM: false,
    content,
    filePath,
    // No physical path: a detector must not read the file system from inside a lint rule.
    physicalFilePath: undefined,
    contentType: 'text',
    ext: dot > slash ? filePath.slice(dot) : '',
    getFilePath: () => filePath,
    getPhysicalFilePath: () => undefined,
    indexToPosition,
    positionToIndex,
    rangeToLocation: (range) => ({ start: indexToPosition(range[0]), end: indexToPosition(range[1]) }),
    locationToRange: (location) => [positionToIndex(location.start), positionToIndex(location.end)],
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

const SHARED_OPTIONS = {};
// The message text is never built: secretlint's messages quote the secret.
const TRANSLATE = (messageId: string | number | symbol) => ({
  message: String(messageId),
  messageId: String(messageId),
  data: undefined,
});
const CREATE_TRANSLATOR: SecretLintRuleContext['createTranslator'] = () => TRANSLATE;

const forText = new WeakMap<readonly SecretLintRuleCreator[], readonly SecretLintRuleCreator[]>();

/** The detectors that read text files, worked out once per list. */
function textDetectors(detectors: readonly SecretLintRuleCreator[]): readonly SecretLintRuleCreator[] {
  let found = forText.get(detectors);
  if (!found) {
    found = detectors.filter((detector) =>
      detector.meta.supportedContentTypes.some((type) => type === 'text' || type === 'all'),
    );
    forText.set(detectors, found);
  }
  return found;
}

/** The outcome of one scan: the secrets found, and detectors that answered asynchronously (skipped). */
export interface ScanResult {
  secrets: DetectedSecret[];
  asynchronousDetectors: string[];
}

/**
 * Scans one text file with the given detectors. `filePath` is repository-relative and only
 * tells detectors the file's name and extension (`.npmrc`, `.json`).
 */
export function scanText(
  content: string,
  filePath: string,
  detectors: readonly SecretLintRuleCreator[] = recommendedDetectors(),
  /** `false` runs every detector on the text, without the keyword pre-filter (for tests that compare both). */
  prefilter = true,
): ScanResult {
  // Binary content is not text that holds a secret (the GCP detector's .p12 branch, which
  // reads binary files from disk, is never reached here).
  if (looksBinary(content)) return { secrets: [], asynchronousDetectors: [] };
  const offset = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = sourceCode(offset ? content.slice(1) : content, filePath);
  const reports: DetectedSecret[] = [];
  const ignores: Ignore[] = [];
  const asynchronousDetectors: string[] = [];
  // One context for the scan, told which detector is running: detectors report synchronously
  // (an asynchronous one is flagged below, and what it reports later lands in this scan's
  // finished lists, never in another file's). Per detector and file, contexts cost more than
  // most detectors' own work.
  let ruleId = '';
  const context: SecretLintRuleContext = {
    sharedOptions: SHARED_OPTIONS,
    createTranslator: CREATE_TRANSLATOR,
    report(descriptor) {
      reports.push({
        ruleId,
        messageId: descriptor.message.messageId,
        range: [descriptor.range[0] + offset, descriptor.range[1] + offset],
      });
    },
    ignore(descriptor) {
      ignores.push({
        targetRuleId: descriptor.targetRuleId,
        range: [descriptor.range[0] + offset, descriptor.range[1] + offset],
      });
    },
  };
  const run = (detector: SecretLintRuleCreator): void => {
    ruleId = detector.meta.id;
    const handler = detector.create(context, {});
    const outcome = handler.file?.(source);
    if (isThenable(outcome)) {
      // Reports that arrive later would be lost; say so rather than hide it, and swallow the
      // rejection so that it cannot crash the process.
      asynchronousDetectors.push(ruleId);
      Promise.resolve(outcome).catch(() => undefined);
    }
  };
  const all = textDetectors(detectors);
  // Only the detectors whose keywords occur in the text (keywords.ts); the filters, which only
  // take reports back (secretlint-disable comments), only when there is a report to take back.
  for (const detector of prefilter ? candidateDetectors(source.content, all) : all)
    if (!FILTER_DETECTORS.has(detector.meta.id)) run(detector);
  if (reports.length > 0) for (const detector of all) if (FILTER_DETECTORS.has(detector.meta.id)) run(detector);
  // As @secretlint/core: a report is dropped when an ignore range covers it and targets its rule or "*".
  const secrets = reports.filter(
    (report) =>
      !ignores.some(
        (ignore) =>
          ignore.range[0] <= report.range[0] &&
          report.range[1] <= ignore.range[1] &&
          (ignore.targetRuleId === '' || ignore.targetRuleId === '*' || ignore.targetRuleId === report.ruleId),
      ),
  );
  return { secrets, asynchronousDetectors };
}
