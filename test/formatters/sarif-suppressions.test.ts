import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import multitoolPath from '@microsoft/sarif-multitool';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { LintMessage, LintResult } from '../../src/engine/results.js';
import sarif, { FINGERPRINT_KEY } from '../../src/formatters/sarif.js';
import { context, makeCwd, message, result, temporaryDirectory } from './fixtures.js';

const addFormats = addFormatsModule.default;
const cwd = makeCwd();
const work = temporaryDirectory('gitops-init-sarif-suppressions-');

const justification = 'accepted in gitops-init-suppressions.json (bulk suppressions)';

function suppressed(overrides: Partial<LintMessage> & Pick<LintMessage, 'message'>): LintMessage {
  return message({ ...overrides, suppressions: [{ kind: 'file', justification }] });
}

/** a.yaml: one finding reported, two suppressed (one identical to the reported one); b.yaml: suppressed only. */
function results(): LintResult[] {
  const a = result(cwd, 'a.yaml', [message({ ruleId: 'yaml-syntax', message: 'Duplicate key "x"', line: 9 })]);
  a.suppressedMessages = [
    suppressed({ ruleId: 'yaml-syntax', message: 'Duplicate key "x"', line: 3 }),
    suppressed({ ruleId: 'required-paths', message: 'missing' }),
  ];
  const b = result(cwd, 'b.yaml', []);
  b.suppressedMessages = [suppressed({ ruleId: 'yaml-syntax', message: 'Duplicate key "y"', line: 2 })];
  return [a, b];
}

interface Result {
  ruleId: string;
  message: { text: string };
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification?: string }[];
}

function resultsOf(text: string): Result[] {
  return (JSON.parse(text) as { runs: { results: Result[] }[] }).runs[0]?.results ?? [];
}

describe('sarif with bulk-suppressed findings', () => {
  it("keeps them as results with an external, accepted suppression, after the file's other results", () => {
    const text = sarif(results(), context(cwd));
    expect(resultsOf(text).map((r) => [r.ruleId, r.message.text, r.suppressions])).toEqual([
      ['yaml-syntax', 'Duplicate key "x"', undefined],
      ['yaml-syntax', 'Duplicate key "x"', [{ kind: 'external', status: 'accepted', justification }]],
      ['required-paths', 'missing', [{ kind: 'external', status: 'accepted', justification }]],
      ['yaml-syntax', 'Duplicate key "y"', [{ kind: 'external', status: 'accepted', justification }]],
    ]);
    // Rules that occur only in suppressed results are described too.
    const rules = (JSON.parse(text) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] }).runs[0]?.tool
      .driver.rules;
    expect(rules?.map((rule) => rule.id)).toEqual(['required-paths', 'yaml-syntax']);
  });

  it('gives a finding the same fingerprint whether it is suppressed or not', () => {
    const both = resultsOf(sarif(results(), context(cwd)));
    const unsuppressed = results().map((r) => ({
      ...r,
      messages: [...r.messages, ...r.suppressedMessages.map((m) => ({ ...m, suppressions: undefined }))],
      suppressedMessages: [],
    }));
    const plain = resultsOf(sarif(unsuppressed, context(cwd)));
    const fingerprints = (list: Result[]): string[] =>
      list.map((r) => r.partialFingerprints[FINGERPRINT_KEY] ?? '').sort();
    expect(fingerprints(both)).toEqual(fingerprints(plain));
    expect(new Set(fingerprints(both)).size).toBe(4);
  });

  it("is valid against the SARIF 2.1.0 schema and Microsoft's validator (SARIF and GitHub rules)", () => {
    const text = sarif(results(), context(cwd));
    const schema = JSON.parse(
      readFileSync(path.join(path.dirname(multitoolPath), 'sarif-2.1.0.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validateSchema = ajv.compile(schema);
    expect(validateSchema(JSON.parse(text))).toBe(true);
    expect(validateSchema.errors ?? []).toEqual([]);

    try {
      accessSync(multitoolPath, constants.X_OK);
    } catch {
      chmodSync(multitoolPath, statSync(multitoolPath).mode | 0o100);
    }
    const input = path.join(work, 'suppressed.sarif');
    const output = path.join(work, 'suppressed.validation.sarif');
    writeFileSync(input, text);
    execFileSync(
      multitoolPath,
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
      runs: { results?: { ruleId: string; level?: string }[] }[];
    };
    const findings = log.runs[0]?.results ?? [];
    expect(findings.filter((finding) => (finding.level ?? 'warning') !== 'note')).toEqual([]);
    // The validator read the log: a valid log always gets this note.
    expect(findings.some((finding) => finding.ruleId === 'SARIF2002')).toBe(true);
  });
});
