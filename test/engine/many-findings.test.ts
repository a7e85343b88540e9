import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import type { LintResult } from '../../src/engine/results.js';
import { loadFormatter } from '../../src/formatters/index.js';
import { packageInfo } from '../../src/package-info.js';
import { runBin } from '../helpers/cli.js';
import { temporaryTrees } from '../helpers/trees.js';

/**
 * About 120,000 findings in one file, end to end. Every step from a rule's report to the text of
 * each format must be linear: a quadratic step (a mapping's keys looked up one by one, a line
 * number counted from the start of the file for each finding, every directive tried for each
 * finding) took minutes at this size. The time limits are generous bounds that a quadratic run
 * cannot meet; the figures are in bench/many-findings.mjs.
 */
const FINDINGS = 120_000;
const RUN_LIMIT_MS = 60_000;

const repo = temporaryTrees();

/**
 * A Helm values file with FINDINGS credential-like keys holding literal values: no-plaintext-secrets
 * warns about each key, on lines 2 to FINDINGS + 1.
 */
function manySecrets(): string {
  const root = repo({
    'values.yaml': [
      'config:',
      ...Array.from({ length: FINDINGS }, (_, index) => `  token_${index}: "Qz7kP2maa19x${index}"`),
      '',
    ].join('\n'),
  });
  execFileSync('git', ['init', '-q', root]);
  return root;
}

const FILE = 'values.yaml';
const FIRST_LINE = 2;
const LAST_LINE = FINDINGS + 1;
const message = (index: number): string =>
  `"token_${index}" looks like a secret and has a literal value in the Helm values file values.yaml: reference a Secret (valueFrom.secretKeyRef, existingSecret) instead`;

const xml = (text: string): string => text.replaceAll('"', '&quot;');

/** Runs the built CLI with a report file; the run must finish within the limit and exit 1 (warnings over --max-warnings 0). */
async function lintTo(root: string, format: string): Promise<string> {
  const report = path.join(root, `report.${format}`);
  const run = await runBin(['lint', '--max-warnings', '0', '--format', format, '--output-file', report], {
    cwd: root,
    timeoutMs: RUN_LIMIT_MS,
  });
  expect(run.stderr).not.toMatch(/internal error|Maximum call stack/);
  expect(run.code).toBe(1);
  return readFileSync(report, 'utf8');
}

describe(`${FINDINGS.toLocaleString('en')} findings in one file`, () => {
  it(
    'lint --format json, stylish and sarif report every one, in order, in bounded time',
    async () => {
      const root = manySecrets();

      const results = JSON.parse(await lintTo(root, 'json')) as LintResult[];
      const messages = results.flatMap((result) => result.messages);
      expect(messages.length).toBe(FINDINGS);
      expect(results.map((result) => [path.relative(root, result.filePath), result.warningCount])).toEqual([
        [FILE, FINDINGS],
      ]);
      expect(messages[0]).toMatchObject({
        ruleId: 'no-plaintext-secrets',
        message: message(0),
        line: FIRST_LINE,
        column: 3,
        endLine: FIRST_LINE,
        endColumn: 3 + 'token_0'.length,
      });
      expect(messages.at(-1)).toMatchObject({
        message: message(FINDINGS - 1),
        line: LAST_LINE,
        column: 3,
        endLine: LAST_LINE,
        endColumn: 3 + `token_${FINDINGS - 1}`.length,
      });
      expect(messages.every((item, index) => item.line === FIRST_LINE + index)).toBe(true);

      const stylish = (await lintTo(root, 'stylish')).split('\n');
      const rows = stylish.filter((line) => /^\s+\d+:\d+\s+warning\s/.test(line));
      expect(rows.length).toBe(FINDINGS);
      expect(rows[0]).toMatch(
        new RegExp(`^\\s+${FIRST_LINE}:3 +warning +"token_0" looks like a secret .* no-plaintext-secrets$`),
      );
      expect(rows.at(-1)).toMatch(
        new RegExp(
          `^\\s+${LAST_LINE}:3 +warning +"token_${FINDINGS - 1}" looks like a secret .* no-plaintext-secrets$`,
        ),
      );
      expect(stylish.includes(`\u2716 ${FINDINGS} problems (0 errors, ${FINDINGS} warnings)`)).toBe(true);

      const sarif = JSON.parse(await lintTo(root, 'sarif')) as {
        runs: { results: { ruleId: string; locations: { physicalLocation: { region: object } }[] }[] }[];
      };
      const sarifResults = sarif.runs[0]?.results ?? [];
      expect(sarifResults.length).toBe(FINDINGS);
      expect(sarifResults[0]?.ruleId).toBe('no-plaintext-secrets');
      expect(sarifResults[0]?.locations[0]?.physicalLocation.region).toEqual({
        startLine: FIRST_LINE,
        startColumn: 3,
        endLine: FIRST_LINE,
        endColumn: 3 + 'token_0'.length,
      });
      expect(sarifResults.at(-1)?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: LAST_LINE });

      // The other formats are pure functions of the results: each on the same results.
      const context = { cwd: root, rulesMeta: {}, version: packageInfo().version, color: false };
      const junit = await (await loadFormatter('junit', root))(results, context);
      expect(junit.match(/<failure /g)?.length).toBe(FINDINGS);
      // (Large texts are searched, not compared: a failure would print all of them.)
      expect(junit.includes(`line ${LAST_LINE}, col 3, Warning - ${xml(message(FINDINGS - 1))}`)).toBe(true);
      const github = (await (await loadFormatter('github', root))(results, context)).trimEnd().split('\n');
      expect(github.length).toBe(FINDINGS);
      expect(github[0]).toMatch(new RegExp(`^::warning file=${FILE},line=${FIRST_LINE},col=3,`));
      expect(github.at(-1)).toMatch(new RegExp(`^::warning file=${FILE},line=${LAST_LINE},col=3,`));
      const gitlab = JSON.parse(await (await loadFormatter('gitlab', root))(results, context)) as {
        location: { lines: { begin: number } };
        fingerprint: string;
      }[];
      expect(gitlab.length).toBe(FINDINGS);
      expect(gitlab.at(-1)?.location.lines.begin).toBe(LAST_LINE);
      expect(new Set(gitlab.map((issue) => issue.fingerprint)).size).toBe(FINDINGS);
    },
    4 * RUN_LIMIT_MS,
  );

  /** A rule of a test that reports every line of every file by its character range, as rules of text files do. */
  const everyLine = defineRule({
    id: 'every-line',
    meta: {
      type: 'problem',
      docs: { description: 'Reports every line', category: 'syntax', recommended: 'error' },
      scope: 'file',
      schema: [],
      messages: { line: 'line {{number}}' },
    },
    defaultOptions: [],
    check(context) {
      for (const file of context.targetFiles) {
        const text = context.text(file);
        if (text === undefined) continue;
        let start = 0;
        let number = 1;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1)) {
          context.report({ file, messageId: 'line', data: { number }, range: [start + 2, end] });
          start = end + 1;
          number += 1;
        }
      }
    },
  });

  it(
    'positions from character offsets in a file that is not YAML',
    async () => {
      const root = repo({ 'notes.txt': Array.from({ length: FINDINGS }, (_, index) => `# line ${index}\n`).join('') });
      const started = performance.now();
      const report = await lint({ cwd: root, ruleSet: [everyLine], concurrency: 1 });
      expect(performance.now() - started).toBeLessThan(RUN_LIMIT_MS);
      expect(report.diagnostics.length).toBe(FINDINGS);
      expect(report.diagnostics[0]).toMatchObject({ message: 'line 1', line: 1, column: 3, endLine: 1, endColumn: 9 });
      expect(report.diagnostics.at(-1)).toMatchObject({
        message: `line ${FINDINGS}`,
        line: FINDINGS,
        column: 3,
        endLine: FINDINGS,
        endColumn: 3 + `line ${FINDINGS - 1}`.length,
      });
    },
    RUN_LIMIT_MS,
  );

  it(
    'a directive on every line, and disable … enable blocks',
    async () => {
      const lines = Array.from({ length: FINDINGS }, (_, index) =>
        // Lines 1 to 4 of every 8: a line directive on 1 and 2, a block over 3 (enabled again on 4).
        index % 8 === 0
          ? `# gitops-lint-disable-line every-line`
          : index % 8 === 1
            ? `# gitops-lint-disable-line other-rule`
            : index % 8 === 2
              ? `# gitops-lint-disable every-line`
              : index % 8 === 3
                ? `# gitops-lint-enable every-line`
                : `# line ${index}`,
      );
      const root = repo({ 'notes.txt': `${lines.join('\n')}\n` });
      const started = performance.now();
      const report = await lint({ cwd: root, ruleSet: [everyLine], concurrency: 1 });
      expect(performance.now() - started).toBeLessThan(RUN_LIMIT_MS);
      // Per 8 lines, 2 are suppressed (the line directive, the disabled block's line); the
      // directive naming another rule is unused, a finding of its own on the same line.
      const findings = report.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'every-line');
      const unused = report.diagnostics.filter((diagnostic) => diagnostic.ruleId === null);
      expect(findings.length).toBe((FINDINGS / 8) * 6);
      expect(unused.length).toBe(FINDINGS / 8);
      expect(findings.slice(0, 3).map((diagnostic) => diagnostic.line)).toEqual([2, 4, 5]);
      expect(findings.at(-1)?.line).toBe(FINDINGS);
      expect(unused.at(-1)).toMatchObject({
        line: FINDINGS - 6,
        message:
          'Unknown rule "other-rule" in a gitops-lint-disable-line directive; run \'gitops-init rules\' for the list',
      });
    },
    RUN_LIMIT_MS,
  );
});
