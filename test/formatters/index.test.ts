import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagName } from '../../src/cli/flags.js';
import { UsageError } from '../../src/errors.js';
import { BUILTIN_FORMATTERS, loadFormatter } from '../../src/formatters/index.js';
import json from '../../src/formatters/json.js';
import stylish from '../../src/formatters/stylish.js';
import { context, sampleResults, temporaryDirectory } from './fixtures.js';

/** A project directory with packages written into its node_modules. */
function project(
  packages: Record<string, { packageJson?: Record<string, unknown>; files: Record<string, string> }>,
): string {
  const root = temporaryDirectory('gitops-init-formatter-packages-');
  for (const [name, { packageJson = {}, files }] of Object.entries(packages)) {
    const directory = path.join(root, 'node_modules', ...name.split('/'));
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      path.join(directory, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...packageJson }),
    );
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(directory, file), text);
  }
  return root;
}

const cwd = project({
  'eslint-formatter-tiny': {
    files: {
      'index.js': [
        'module.exports = (results, ctx) => {',
        '  results.sort(() => -1);',
        '  return [',
        "    'tiny',",
        '    results.length,',
        '    results.every((r) => Array.isArray(r.usedDeprecatedRules)),',
        '    ctx.cwd,',
        "    Object.keys(ctx.rulesMeta).sort().join(','),",
        "    ctx.rulesMeta['required-paths'].docs.url,",
        '    ctx.color,',
        "  ].join('|');",
        '};',
      ].join('\n'),
    },
  },
  'eslint-formatter-esm': {
    packageJson: { type: 'module', exports: './index.js' },
    files: { 'index.js': 'export default async function format(results) { return `esm ${results.length}`; }\n' },
  },
  'eslint-formatter-transpiled': {
    files: {
      'index.js':
        "'use strict';\nObject.defineProperty(exports, '__esModule', { value: true });\nexports.default = () => 'transpiled';\n",
    },
  },
  'plain-formatter': { files: { 'index.js': "module.exports = () => 'plain';\n" } },
  '@acme/eslint-formatter-report': { files: { 'index.js': "module.exports = () => 'acme report';\n" } },
  '@acme/eslint-formatter': { files: { 'index.js': "module.exports = () => 'acme scope';\n" } },
  '@acme/other': { files: { 'index.js': "module.exports = () => 'acme other';\n" } },
  'eslint-formatter-object': { files: { 'index.js': 'module.exports = { format() {} };\n' } },
  'eslint-formatter-number': { files: { 'index.js': 'module.exports = () => 42;\n' } },
  'eslint-formatter-broken': { files: { 'index.js': 'module.exports = (;\n' } },
});
mkdirSync(path.join(cwd, 'formatters'));
writeFileSync(
  path.join(cwd, 'formatters', 'custom.cjs'),
  'module.exports = (results) => `custom ${results.length}`;\n',
);

describe('loadFormatter', () => {
  it('returns the built-in formatters by name', async () => {
    expect(BUILTIN_FORMATTERS).toEqual(['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab']);
    expect(await loadFormatter('stylish', cwd)).toBe(stylish);
    expect(await loadFormatter('json', cwd)).toBe(json);
    for (const name of BUILTIN_FORMATTERS) expect(typeof (await loadFormatter(name, cwd))).toBe('function');
  });

  it('finds an installed eslint-formatter-<name> package and calls it with ESLint-shaped results and context', async () => {
    const formatter = await loadFormatter('tiny', cwd);
    const results = sampleResults(cwd);
    const order = results.map((r) => r.filePath);
    const output = await formatter(results, context(cwd, { color: true }));
    expect(output).toBe(
      `tiny|4|true|${cwd}|no-plain-secrets,required-paths,yaml-syntax|https://github.com/gitops-init/gitops-init/blob/main/docs/rules/required-paths.md|true`,
    );
    // The formatter sorted its copy, not our results.
    expect(results.map((r) => r.filePath)).toEqual(order);
    expect(results[0]).not.toHaveProperty('usedDeprecatedRules');
  });

  it('loads ES module and transpiled formatters and awaits async ones', async () => {
    expect(await (await loadFormatter('esm', cwd))(sampleResults(cwd), context(cwd))).toBe('esm 4');
    expect(await (await loadFormatter('transpiled', cwd))([], context(cwd))).toBe('transpiled');
  });

  it('tries <name> after eslint-formatter-<name>, and the scoped forms', async () => {
    expect(await (await loadFormatter('plain-formatter', cwd))([], context(cwd))).toBe('plain');
    expect(await (await loadFormatter('@acme/report', cwd))([], context(cwd))).toBe('acme report');
    expect(await (await loadFormatter('@acme/other', cwd))([], context(cwd))).toBe('acme other');
    expect(await (await loadFormatter('@acme', cwd))([], context(cwd))).toBe('acme scope');
  });

  it('loads a formatter file by path relative to cwd', async () => {
    expect(await (await loadFormatter('./formatters/custom.cjs', cwd))([], context(cwd))).toBe('custom 0');
    await expect(loadFormatter('./formatters/missing.js', cwd)).rejects.toThrow(UsageError);
  });

  it('throws a UsageError naming the package and the built-ins for an unknown name', async () => {
    const error: unknown = await loadFormatter('nope', cwd).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      'format "nope": no built-in formatter or installed package "eslint-formatter-nope"; built-in: stylish, json, sarif, junit, github, gitlab',
    );
    // The API names its option; the CLI renders the flag.
    expect((error as UsageError).describe(flagName)).toMatch(/^--format "nope": /);
    expect((error as UsageError).code).toBe('USAGE');
    expect((error as UsageError).exitCode).toBe(2);
    await expect(loadFormatter('@acme/nope', cwd)).rejects.toThrow(
      'format "@acme/nope": no built-in formatter or installed package "@acme/eslint-formatter-nope"; built-in: stylish, json, sarif, junit, github, gitlab',
    );
    // Packages resolve from cwd, not from gitops-init's own node_modules.
    await expect(loadFormatter('tiny', os.tmpdir())).rejects.toThrow(UsageError);
  });

  it('throws a UsageError for a package that is not a formatter, fails to load or returns no text', async () => {
    await expect(loadFormatter('object', cwd)).rejects.toThrow(
      /format "object": ".*eslint-formatter-object.index\.js" does not export a formatter function/,
    );
    await expect(loadFormatter('broken', cwd)).rejects.toThrow(
      /format "broken": could not load ".*eslint-formatter-broken.index\.js": /,
    );
    const formatter = await loadFormatter('number', cwd);
    await expect(Promise.resolve().then(() => formatter([], context(cwd)))).rejects.toThrow(
      'format "number": the formatter returned number instead of a string',
    );
  });
});
