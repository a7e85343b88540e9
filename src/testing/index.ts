/**
 * The rule tester: valid and invalid cases as inline file trees, linted by the real engine
 * with only the rule under test switched on. A case is linted in memory (no directory, no
 * git), unless it asks for a real directory (`onDisk`).
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { lint, lintSource, type LintOptions } from '../api/lint.js';
import type { RuleEntry } from '../config/descriptor.js';
import type { Diagnostic } from '../engine/diagnostic.js';
import { MemorySource } from '../engine/memory-source.js';
import type { AnyRule } from '../engine/rule.js';
import { rules as registeredRules } from '../../rules/index.js';

/** Repository-relative path to content. A `null` content writes nothing (for symmetry in outputs). */
export type FileTree = Readonly<Record<string, string | Buffer>>;

export interface ValidCase {
  name?: string;
  files: FileTree;
  /** The rule's options (what follows the severity in gitops.yaml). */
  options?: readonly unknown[];
  /** Lint only these paths (as `gitops-init lint <paths>`). */
  paths?: readonly string[];
  /**
   * Write the files to a temporary directory and lint that, as the CLI would, rather than
   * linting them in memory: for a case about the file system itself. (A case that needs git,
   * such as `--base`, sets up its repository with writeFileTree and calls lint().)
   */
  onDisk?: boolean;
}

export interface ExpectedError {
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  file?: string;
  line?: number;
  column?: number;
}

export interface InvalidCase extends ValidCase {
  errors: readonly ExpectedError[] | number;
  /** Expected content of files after --fix; files not named must stay as they were. */
  output?: Readonly<Record<string, string>>;
}

export interface RuleTesterCases {
  valid: readonly (ValidCase | FileTree)[];
  invalid: readonly InvalidCase[];
}

type TestFunction = (name: string, body: () => Promise<void> | void) => void;

interface Globals {
  describe?: TestFunction;
  it?: TestFunction;
}

function globals(): Globals {
  return globalThis as unknown as Globals;
}

/** Writes a file tree into a new temporary directory and returns its path. */
export function writeFileTree(files: FileTree, prefix = 'gitops-init-test-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, ...file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}

function isValidCase(value: ValidCase | FileTree): value is ValidCase {
  return typeof (value as ValidCase).files === 'object' && !Buffer.isBuffer((value as ValidCase).files);
}

export class RuleTester {
  /** Test-framework hooks; the globals of vitest, jest or mocha are used when these are unset. */
  static describe: TestFunction | undefined;
  static it: TestFunction | undefined;

  #describe(): TestFunction {
    const fn = RuleTester.describe ?? globals().describe;
    return fn ?? ((_name, body) => void body());
  }

  #it(): TestFunction {
    const fn = RuleTester.it ?? globals().it;
    if (!fn)
      throw new Error(
        'RuleTester needs a test framework: set RuleTester.it and RuleTester.describe, or enable globals',
      );
    return fn;
  }

  run(ruleId: string, rule: AnyRule, cases: RuleTesterCases): void {
    if (ruleId !== rule.id) throw new Error(`RuleTester.run("${ruleId}"): the rule's id is "${rule.id}"`);
    const seen = new Set<string>();
    const checkDuplicate = (kind: string, testCase: unknown): void => {
      const key = JSON.stringify(testCase, (_key, value: unknown) =>
        Buffer.isBuffer(value) ? value.toString('base64') : value,
      );
      if (seen.has(key)) throw new Error(`${ruleId}: duplicate ${kind} test case ${key.slice(0, 200)}`);
      seen.add(key);
    };
    const describe = this.#describe();
    const it = this.#it();
    describe(ruleId, () => {
      describe('valid', () => {
        cases.valid.forEach((entry, index) => {
          const testCase: ValidCase = isValidCase(entry) ? entry : { files: entry };
          checkDuplicate('valid', testCase);
          it(testCase.name ?? `valid #${index + 1}`, async () => {
            const { diagnostics } = await runCase(rule, testCase, false);
            const own = diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id);
            if (own.length > 0) {
              throw new Error(`Expected no findings, got ${own.length}:\n${own.map(describeDiagnostic).join('\n')}`);
            }
          });
        });
      });
      describe('invalid', () => {
        cases.invalid.forEach((testCase, index) => {
          checkDuplicate('invalid', testCase);
          it(testCase.name ?? `invalid #${index + 1}`, async () => {
            const { diagnostics } = await runCase(rule, testCase, false);
            const own = diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id);
            assertErrors(rule, own, testCase.errors);
            if (testCase.output !== undefined) {
              if (rule.meta.fixable !== 'code') throw new Error(`"output" given, but rule "${rule.id}" is not fixable`);
              const fixed = await runCase(rule, testCase, true);
              for (const [file, expected] of Object.entries(testCase.output)) {
                const actual = fixed.files[file];
                if (actual !== expected) {
                  throw new Error(
                    `Fixed content of ${file} differs.\nExpected:\n${expected}\nActual:\n${actual ?? '(missing)'}`,
                  );
                }
              }
              for (const [file, original] of Object.entries(testCase.files)) {
                if (file in testCase.output) continue;
                if (!isDeepStrictEqual(Buffer.from(fixed.files[file] ?? ''), Buffer.from(original))) {
                  throw new Error(`the fixes changed ${file}, which is not named in "output"`);
                }
              }
            }
          });
        });
      });
    });
  }
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  return `  ${diagnostic.file}:${diagnostic.line ?? '-'}:${diagnostic.column ?? '-'} ${diagnostic.messageId ?? ''} ${diagnostic.message}`;
}

function assertErrors(rule: AnyRule, actual: readonly Diagnostic[], expected: readonly ExpectedError[] | number): void {
  const count = typeof expected === 'number' ? expected : expected.length;
  if (count === 0) throw new Error('An invalid case must expect at least one error');
  if (actual.length !== count) {
    throw new Error(
      `Expected ${count} finding(s), got ${actual.length}:\n${actual.map(describeDiagnostic).join('\n')}`,
    );
  }
  if (typeof expected === 'number') return;
  expected.forEach((want, index) => {
    const got = actual[index];
    if (!got) return;
    if (!(want.messageId in rule.meta.messages))
      throw new Error(`messageId "${want.messageId}" is not in ${rule.id}'s meta.messages`);
    const problems: string[] = [];
    if (got.messageId !== want.messageId) problems.push(`messageId ${got.messageId ?? '-'} (want ${want.messageId})`);
    if (want.file !== undefined && got.file !== want.file) problems.push(`file ${got.file} (want ${want.file})`);
    if (want.line !== undefined && got.line !== want.line) problems.push(`line ${got.line ?? '-'} (want ${want.line})`);
    if (want.column !== undefined && got.column !== want.column)
      problems.push(`column ${got.column ?? '-'} (want ${want.column})`);
    if (want.data) {
      const template = rule.meta.messages[want.messageId] ?? '';
      const expectedMessage = template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) =>
        want.data && Object.hasOwn(want.data, name) ? String(want.data[name]) : whole,
      );
      if (got.message !== expectedMessage) problems.push(`message "${got.message}" (want "${expectedMessage}")`);
    }
    if (problems.length > 0)
      throw new Error(`Finding ${index + 1} differs: ${problems.join('; ')}\n${describeDiagnostic(got)}`);
  });
}

/** Where the files of a case linted in memory seem to be: a path that is never read. */
const MEMORY_ROOT = path.resolve('/gitops-init-rule-tester');

async function runCase(
  rule: AnyRule,
  testCase: ValidCase,
  fix: boolean,
): Promise<{ diagnostics: Diagnostic[]; files: Record<string, string> }> {
  const entry: RuleEntry = testCase.options ? (['error', ...testCase.options] as RuleEntry) : 'error';
  // Every other rule is registered (so a fixture's gitops.yaml may name it) but switched off.
  const ruleSet = [...registeredRules.filter((other) => other.id !== rule.id), rule];
  const settings: Record<string, RuleEntry> = Object.fromEntries(ruleSet.map((other) => [other.id, 'off']));
  settings[rule.id] = entry;
  const options: LintOptions = {
    fix,
    ruleSet,
    rules: settings,
    ...(testCase.paths ? { paths: testCase.paths } : {}),
  };
  return testCase.onDisk ? runOnDisk(testCase, options) : runInMemory(testCase, options);
}

async function runInMemory(
  testCase: ValidCase,
  options: LintOptions,
): Promise<{ diagnostics: Diagnostic[]; files: Record<string, string> }> {
  const files: Record<string, string> = {};
  for (const [file, content] of Object.entries(testCase.files)) files[file] = content.toString('utf8');
  const report = await lintSource(new MemorySource(MEMORY_ROOT, testCase.files), MEMORY_ROOT, options, {
    writeFixed: (file, content) => {
      files[path.relative(MEMORY_ROOT, file).split(path.sep).join('/')] = content;
      return Promise.resolve();
    },
  });
  return { diagnostics: report.diagnostics, files };
}

async function runOnDisk(
  testCase: ValidCase,
  options: LintOptions,
): Promise<{ diagnostics: Diagnostic[]; files: Record<string, string> }> {
  const root = writeFileTree(testCase.files);
  try {
    const report = await lint({ ...options, cwd: root });
    const files: Record<string, string> = {};
    for (const file of new Set([...Object.keys(testCase.files), ...report.fixedFiles])) {
      try {
        files[file] = readFileSync(path.join(root, file), 'utf8');
      } catch {
        // Deleted or unreadable: absent from the map.
      }
    }
    return { diagnostics: report.diagnostics, files };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
