import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import multitoolPath from '@microsoft/sarif-multitool';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/results.js';
import { ENGINE_RULE_ID } from '../../src/formatters/findings.js';
import sarif, { FINGERPRINT_KEY } from '../../src/formatters/sarif.js';
import { context, makeCwd, message, result, sampleResults, temporaryDirectory } from './fixtures.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
const addFormats = addFormatsModule.default;

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Rule[] } };
    invocations: { executionSuccessful: boolean }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Result[];
  }[];
}

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: string; enabled?: boolean };
  properties: { category: string };
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
}

const cwd = makeCwd();
const work = temporaryDirectory('gitops-init-sarif-');

function run(results: readonly LintResult[], version = '1.2.3'): { text: string; log: SarifLog } {
  const text = sarif(results, context(cwd, { version }));
  return { text, log: JSON.parse(text) as SarifLog };
}

function onlyRun(log: SarifLog): SarifLog['runs'][number] {
  const [first] = log.runs;
  if (!first) throw new Error('no run');
  return first;
}

/** Results that exercise the edges: a file outside cwd, no position, reversed ends, an unknown rule. */
function edgeResults(): LintResult[] {
  return [
    result(path.dirname(cwd), 'elsewhere/x y.yaml', [message({ message: 'outside the repository' })]),
    result(cwd, 'a.yaml', [
      message({ message: 'no position', line: 0, column: 0 }),
      message({ message: 'end before start', line: 5, column: 9, endLine: 4, endColumn: 1 }),
      message({ message: 'end column before start column', line: 5, column: 9, endLine: 5, endColumn: 2 }),
      message({ message: 'end column only', line: 5, column: 9, endColumn: 12 }),
      message({ ruleId: 'plugin-rule', message: 'not in rulesMeta' }),
    ]),
  ];
}

// The multitool is a self-contained .NET program shipped in @microsoft/sarif-multitool-<platform>,
// whose postinstall `chmod u+x` npm does not run unless scripts are allowed.
function multitool(): string {
  try {
    accessSync(multitoolPath, constants.X_OK);
  } catch {
    chmodSync(multitoolPath, statSync(multitoolPath).mode | 0o100);
  }
  return multitoolPath;
}

interface ValidatorFinding {
  ruleId: string;
  level: string;
  text: string;
}

/** Runs `Sarif.Multitool validate` with the SARIF and GitHub (Ghas) rules and every level. */
function validate(name: string, text: string): ValidatorFinding[] {
  const input = path.join(work, `${name}.sarif`);
  const output = path.join(work, `${name}.validation.sarif`);
  writeFileSync(input, text);
  execFileSync(
    multitool(),
    [
      'validate',
      input,
      '-o',
      output,
      '--log',
      'ForceOverwrite',
      '--level',
      'Error;Warning;Note',
      '--rule-kind',
      'Sarif;Ghas',
    ],
    { encoding: 'utf8', timeout: 120_000, stdio: 'pipe' },
  );
  const log = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: {
      results?: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }[];
      invocations?: {
        executionSuccessful: boolean;
        toolExecutionNotifications?: { level?: string; message: { text?: string } }[];
      }[];
    }[];
  };
  const [validation] = log.runs;
  expect(validation?.invocations?.[0]?.executionSuccessful).toBe(true);
  const notifications =
    validation?.invocations?.flatMap((invocation) => invocation.toolExecutionNotifications ?? []) ?? [];
  expect(notifications.filter((notification) => notification.level === 'error')).toEqual([]);
  return (validation?.results ?? []).map((finding) => ({
    ruleId: finding.ruleId,
    level: finding.level ?? 'warning',
    text: finding.message.text ?? (finding.message.arguments ?? []).join(' | '),
  }));
}

function schemaValidator() {
  // The schema ships beside the multitool binary; it is draft 2020-12.
  const schema = JSON.parse(readFileSync(path.join(path.dirname(multitoolPath), 'sarif-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('sarif', () => {
  it('describes the tool, the run and every rule that occurs, sorted by id', () => {
    const { log } = run(sampleResults(cwd));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const sarifRun = onlyRun(log);
    expect(sarifRun.tool.driver).toMatchObject({
      name: 'gitops-init',
      version: '1.2.3',
      informationUri: 'https://github.com/gitops-init/gitops-init',
    });
    expect(sarifRun.invocations).toEqual([expect.objectContaining({ executionSuccessful: true })]);
    expect(sarifRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(cwd).href}/` } });
    expect(sarifRun.originalUriBaseIds['%SRCROOT%']?.uri).toMatch(/^file:\/\/\/.*%20.*\/$/);

    const rules = sarifRun.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual([ENGINE_RULE_ID, 'no-plain-secrets', 'required-paths', 'yaml-syntax']);
    expect(rules[2]).toEqual({
      id: 'required-paths',
      name: 'RequiredPaths',
      shortDescription: { text: 'The files and directories that the repository kind requires exist' },
      fullDescription: { text: 'The files and directories that the repository kind requires exist' },
      helpUri: 'https://github.com/gitops-init/gitops-init/blob/main/docs/rules/required-paths.md',
      help: {
        text: 'The files and directories that the repository kind requires exist. Documentation: https://github.com/gitops-init/gitops-init/blob/main/docs/rules/required-paths.md',
        markdown:
          'The files and directories that the repository kind requires exist. [Documentation](https://github.com/gitops-init/gitops-init/blob/main/docs/rules/required-paths.md)',
      },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'layout', tags: ['layout'] },
    });
    expect(rules[1]?.defaultConfiguration).toEqual({ level: 'warning', enabled: false });
    expect(rules[1]?.properties.category).toBe('security');
    expect(rules[0]?.properties.category).toBe('engine');
  });

  it('gives each message a result with rule index, level, text, a percent-encoded relative location and a region', () => {
    const sarifRun = onlyRun(run(sampleResults(cwd)).log);
    const rules = sarifRun.tool.driver.rules;
    for (const sarifResult of sarifRun.results) {
      expect(rules[sarifResult.ruleIndex]?.id).toBe(sarifResult.ruleId);
    }
    expect(
      sarifRun.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.artifactLocation.uri]),
    ).toEqual([
      ['yaml-syntax', 'error', 'apps/%5Bid%5D/kustomization.yaml'],
      [ENGINE_RULE_ID, 'warning', 'apps/%5Bid%5D/kustomization.yaml'],
      ['no-plain-secrets', 'warning', 'apps/my%20app/values.yaml'],
      ['required-paths', 'error', 'README.md'],
      ['required-paths', 'error', 'README.md'],
    ]);
    const [duplicate, engine, secret] = sarifRun.results;
    expect(duplicate?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/%5Bid%5D/kustomization.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 7 },
    });
    expect(engine?.message.text).toBe(
      'Unused gitops-lint-disable directive (no problems were reported from "yaml-syntax")',
    );
    expect(secret?.message.text).toBe('Key "a:b,c" holds 100% plain text\nsee docs');
    expect(secret?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 7,
      startColumn: 10,
      endLine: 8,
      endColumn: 2,
    });
  });

  it('never includes source snippets or file contents', () => {
    const { text } = run(sampleResults(cwd));
    expect(text).not.toMatch(/"snippet"|"contextRegion"|"contents"/);
  });

  it('keeps fingerprints when findings move to other lines, and tells identical findings apart', () => {
    const before = onlyRun(run(sampleResults(cwd)).log).results;
    const moved = sampleResults(cwd).map((r) => ({
      ...r,
      messages: r.messages.map((m) => ({
        ...m,
        line: m.line + 40,
        ...(m.endLine === undefined ? {} : { endLine: m.endLine + 40 }),
      })),
    }));
    const after = onlyRun(run(moved).log).results;
    const fingerprints = (results: Result[]) => results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(fingerprints(after)).toEqual(fingerprints(before));
    for (const fingerprint of fingerprints(before)) expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(fingerprints(before)).size).toBe(before.length);

    const reworded = sampleResults(cwd);
    const first = reworded[0]?.messages[0];
    if (first) first.message = 'Duplicate key "kind".';
    expect(onlyRun(run(reworded).log).results[0]?.partialFingerprints[FINGERPRINT_KEY]).not.toBe(
      before[0]?.partialFingerprints[FINGERPRINT_KEY],
    );
  });

  it('handles a file outside cwd, missing and reversed positions, and a rule without metadata', () => {
    const sarifRun = onlyRun(run(edgeResults(), '0.1.0-dev+local').log);
    const locations = sarifRun.results.map((r) => r.locations[0]?.physicalLocation);
    expect(locations[0]?.artifactLocation).toEqual({
      uri: pathToFileURL(path.join(path.dirname(cwd), 'elsewhere', 'x y.yaml')).href,
    });
    expect(locations[1]).toEqual({
      artifactLocation: { uri: 'a.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    expect(locations[2]?.region).toEqual({ startLine: 5, startColumn: 9 });
    expect(locations[3]?.region).toEqual({ startLine: 5, startColumn: 9, endLine: 5 });
    expect(locations[4]?.region).toEqual({ startLine: 5, startColumn: 9, endColumn: 12 });
    expect(sarifRun.tool.driver.rules.find((rule) => rule.id === 'plugin-rule')).toEqual({
      id: 'plugin-rule',
      name: 'PluginRule',
      shortDescription: { text: 'plugin-rule' },
      fullDescription: { text: 'plugin-rule' },
      help: { text: 'plugin-rule' },
      defaultConfiguration: { level: 'warning' },
      properties: { category: 'unknown', tags: [] },
    });
  });

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    const validateSchema = schemaValidator();
    for (const results of [sampleResults(cwd), edgeResults(), []]) {
      const valid = validateSchema(run(results).log);
      expect(validateSchema.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  describe("Microsoft's SARIF validator (Sarif.Multitool validate)", () => {
    it('reports no errors or warnings, only notes, for the sample, the edge cases and an empty run', () => {
      for (const [name, results] of [
        ['sample', sampleResults(cwd)],
        ['edges', edgeResults()],
        ['empty', []],
      ] as const) {
        const findings = validate(name, run(results).text);
        expect(findings.filter((finding) => finding.level !== 'note')).toEqual([]);
        if (results.length > 0) {
          // The validator exits 0 with no findings at all when it gives up on a log (it does on
          // an unknown `level`), so a valid log must show the notes it always gets.
          expect(findings.some((finding) => finding.ruleId === 'SARIF2002')).toBe(true);
        }
      }
    });

    it('does report errors, so the check above means something', () => {
      const log = run(sampleResults(cwd)).log;
      const first = onlyRun(log).results[0];
      if (first) first.ruleIndex = 99;
      const findings = validate('broken', JSON.stringify(log, null, 2));
      expect(findings.filter((finding) => finding.level === 'error').map((finding) => finding.ruleId)).toEqual([
        'SARIF1009',
      ]);
    });
  });
});
