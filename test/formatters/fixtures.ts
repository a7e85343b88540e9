import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { FormatterContext, LintMessage, LintResult } from '../../src/engine/results.js';
import type { AnyRule } from '../../src/engine/rule.js';

/** A temporary directory, removed after the test file's tests. Call it at the top of a test file. */
export function temporaryDirectory(prefix: string): string {
  const directory = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A repository root in a temporary directory whose name has a space, as a path may. */
export function makeCwd(): string {
  return temporaryDirectory('gitops init formatters-');
}

export function message(overrides: Partial<LintMessage> & Pick<LintMessage, 'message'>): LintMessage {
  return { ruleId: 'required-paths', severity: 2, line: 1, column: 1, ...overrides };
}

/** A result with counts computed from its messages, as toLintResults makes them. */
export function result(
  cwd: string,
  file: string,
  messages: LintMessage[],
  fixable: { errors?: number; warnings?: number } = {},
): LintResult {
  return {
    filePath: path.join(cwd, ...file.split('/')),
    messages,
    suppressedMessages: [],
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: 0,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: fixable.errors ?? 0,
    fixableWarningCount: fixable.warnings ?? 0,
  };
}

const meta = (
  description: string,
  category: AnyRule['meta']['docs']['category'],
  recommended: AnyRule['meta']['docs']['recommended'],
): AnyRule['meta'] => ({
  type: 'problem',
  docs: { description, category, recommended },
  scope: 'repository',
  schema: [],
  messages: {},
});

export const rulesMeta: FormatterContext['rulesMeta'] = {
  'required-paths': meta('The files and directories that the repository kind requires exist', 'layout', 'error'),
  'yaml-syntax': meta('YAML files parse without errors or duplicate keys', 'syntax', 'error'),
  'no-plain-secrets': meta('Secrets are not committed in plain text', 'security', 'off'),
};

export function context(cwd: string, overrides: Partial<FormatterContext> = {}): FormatterContext {
  return { cwd, rulesMeta, version: '1.2.3', color: false, ...overrides };
}

/**
 * The repository every formatter test reports on: a path with a space, a path with `[id]`, a
 * message with `:`, `,`, `%` and a newline, a warning, an engine message (`ruleId: null`), a file
 * without messages, and two identical findings in one file.
 */
export function sampleResults(cwd: string): LintResult[] {
  return [
    result(cwd, 'apps/[id]/kustomization.yaml', [
      message({
        ruleId: 'yaml-syntax',
        message: 'Duplicate key "name".',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 7,
      }),
      message({
        ruleId: null,
        severity: 1,
        message: 'Unused gitops-lint-disable directive (no problems were reported from "yaml-syntax")',
        line: 12,
        column: 1,
      }),
    ]),
    result(cwd, 'apps/my app/values.yaml', [
      message({
        ruleId: 'no-plain-secrets',
        severity: 1,
        message: 'Key "a:b,c" holds 100% plain text\nsee docs',
        line: 7,
        column: 10,
        endLine: 8,
        endColumn: 2,
      }),
    ]),
    result(cwd, 'gitops.yaml', []),
    result(
      cwd,
      'README.md',
      [
        message({ message: 'Missing "CHANGELOG.md"', line: 1, column: 1 }),
        message({ message: 'Missing "CHANGELOG.md"', line: 1, column: 1 }),
      ],
      { errors: 1 },
    ),
  ];
}
