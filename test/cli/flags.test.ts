import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FLAGGED_OPTIONS, flagName } from '../../src/cli/flags.js';
import { UsageError } from '../../src/errors.js';
import { ANSWER_KEYS } from '../../src/scaffold/answers.js';
import { REPO_ROOT } from '../helpers/cli.js';

/** Every TypeScript source of the library (the generated validators are data, not messages). */
function sources(...folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((file) => !file.startsWith('src/config/generated/')),
  );
}

const LIBRARY = sources('src', 'rules', 'generators');
const OUTSIDE_CLI = LIBRARY.filter((file) => !file.startsWith('src/cli/') && !file.startsWith('src/bin/'));

/** The text of the string and template literals inside a node (template expressions left out). */
function literalTexts(node: ts.Node, source: ts.SourceFile): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isStringLiteralLike(child) || ts.isTemplateLiteralToken(child)) {
      out.push({ text: child.text, line: source.getLineAndCharacterOfPosition(child.getStart(source)).line + 1 });
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return out;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
}

/** Every string and template literal of a file (comments left out). */
function stringLiterals(file: string): { text: string; line: number }[] {
  const source = parse(file);
  return literalTexts(source, source);
}

describe('src/cli/flags.ts', () => {
  it('has a flag for every {{option:key}} that a message in src/ or rules/ names', () => {
    const keys = new Map<string, string>();
    const dynamic: string[] = [];
    for (const file of LIBRARY) {
      for (const { text } of stringLiterals(file)) {
        for (const match of text.matchAll(/\{\{option:([A-Za-z][\w.]*)\}\}/g)) keys.set(match[1] ?? '', file);
        // A template literal whose placeholder key is built at run time: `{{option:answers.${key}}}`.
        const open = /\{\{option:([\w.]*)$/.exec(text);
        if (open) dynamic.push(`${file}: {{option:${open[1] ?? ''}\${…}}}`);
      }
    }
    // Keys built at run time: each must be listed here with the keys it can produce.
    expect(dynamic).toEqual(['src/scaffold/answers.ts: {{option:answers.${…}}}']);
    for (const key of ANSWER_KEYS) keys.set(`answers.${key}`, 'src/scaffold/answers.ts');

    expect(keys.size).toBeGreaterThan(30);
    const withoutFlag = [...keys]
      .filter(([key]) => !FLAGGED_OPTIONS.includes(key))
      .map(([key, file]) => `${file}: ${key}`);
    expect(withoutFlag).toEqual([]);
  });

  it('renders the flag in the CLI and keeps the option key in the API', () => {
    const error = new UsageError('{{option:answers.platformTeam}} "x": must be a team; see {{option:configFile}}');
    expect(error.message).toBe('answers.platformTeam "x": must be a team; see configFile');
    expect(error.describe(flagName)).toBe('--platform-team "x": must be a team; see --config');
    expect(flagName('cwd')).toBe('-C <dir>');
  });
});

/** Messages outside src/cli that may name a flag: none; a message names an option as {{option:key}}. */
const ALLOWED: readonly { file: string; text: string }[] = [];

/** String literals of `new …Error(…)` arguments and of `message:` properties (problems, findings). */
function messageLiterals(file: string): { text: string; line: number }[] {
  const source = parse(file);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText(source))) {
      for (const argument of node.arguments ?? []) out.push(...literalTexts(argument, source));
    } else if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'message') {
      out.push(...literalTexts(node.initializer, source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('messages outside src/cli', () => {
  it('name options as {{option:key}}, never by their flag (only src/cli knows the flags)', () => {
    const offenders: string[] = [];
    for (const file of OUTSIDE_CLI) {
      for (const { text, line } of messageLiterals(file)) {
        if (!/(^|[\s"'`(/])(--[a-z]|-C\b)/.test(text)) continue;
        if (ALLOWED.some((allowed) => allowed.file === file && text.includes(allowed.text))) continue;
        offenders.push(`${file}:${line}: ${text}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds a flag in a message, so that the scan above is not vacuous', () => {
    const cli = LIBRARY.filter((file) => file.startsWith('src/cli/')).flatMap((file) =>
      messageLiterals(file).filter(({ text }) => /--[a-z]/.test(text)),
    );
    expect(cli.length).toBeGreaterThan(0);
  });
});
