import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Formatter, FormatterContext, LintResult } from '../engine/results.js';
import { ruleDocsUrl } from '../engine/rule.js';
import { UsageError } from '../errors.js';
import { ensureDirectory } from '../files/atomic-write.js';

export type { Formatter, FormatterContext, LintResult, LintMessage } from '../engine/results.js';

/** The names `--format` accepts without an installed package, the default first. */
export const BUILTIN_FORMATTERS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type BuiltinFormatterName = (typeof BUILTIN_FORMATTERS)[number];

/** Each built-in formatter is loaded when it is asked for: a run uses one. */
const builtins: Readonly<Record<BuiltinFormatterName, () => Promise<{ default: Formatter }>>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  sarif: () => import('./sarif.js'),
  junit: () => import('./junit.js'),
  github: () => import('./github.js'),
  gitlab: () => import('./gitlab.js'),
};

/** A formatter as `loadFormatter` returns it: a built-in one or an ESLint formatter package behind an adapter. */
export type LoadedFormatter = (results: readonly LintResult[], context: FormatterContext) => string | Promise<string>;

function isBuiltin(name: string): name is BuiltinFormatterName {
  return (BUILTIN_FORMATTERS as readonly string[]).includes(name);
}

/** The package names tried for `--format <name>`, in ESLint's order. */
function packageCandidates(name: string): string[] {
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash === -1) return [`${name}/eslint-formatter`];
    const scope = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    return rest.startsWith('eslint-formatter') ? [name] : [`${scope}/eslint-formatter-${rest}`, name];
  }
  return [`eslint-formatter-${name}`, name];
}

/** Whether `--format` names a file rather than a package, as ESLint decides: a slash outside a scope. */
function isFilePath(name: string): boolean {
  return !name.startsWith('@') && (name.includes('/') || name.includes('\\'));
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/**
 * ESLint's `rulesMeta` has `docs.url`, which formatters such as eslint-formatter-pretty link to;
 * ours has the URL by convention instead.
 */
function eslintRulesMeta(rulesMeta: FormatterContext['rulesMeta']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(rulesMeta).map(([id, meta]) => [id, { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(id) } }]),
  );
}

async function importFormatter(name: string, file: string): Promise<(...args: unknown[]) => unknown> {
  let loaded: unknown;
  try {
    loaded = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new UsageError(`{{option:format}} "${name}": could not load "${file}": ${firstLine(error)}`, {
      cause: error,
    });
  }
  // A transpiled ES module loaded as CommonJS puts its default export one level down.
  if (typeof loaded === 'object' && loaded !== null && 'default' in loaded) loaded = loaded.default;
  if (typeof loaded !== 'function') {
    throw new UsageError(
      `{{option:format}} "${name}": "${file}" does not export a formatter function as its default export`,
    );
  }
  return loaded as (...args: unknown[]) => unknown;
}

/** Adapts an ESLint formatter: ESLint's result and context shapes, and a check that it returned text. */
function adapt(name: string, formatter: (...args: unknown[]) => unknown): LoadedFormatter {
  return async (results, context) => {
    // Copies, so that a formatter that sorts or annotates them leaves ours alone;
    // `usedDeprecatedRules` is part of ESLint's LintResult.
    const eslintResults = results.map((result) => ({ ...result, usedDeprecatedRules: [] }));
    const output = await formatter(eslintResults, {
      cwd: context.cwd,
      rulesMeta: eslintRulesMeta(context.rulesMeta),
      color: context.color,
    });
    if (typeof output !== 'string') {
      throw new UsageError(`{{option:format}} "${name}": the formatter returned ${typeof output} instead of a string`);
    }
    return output;
  };
}

/**
 * The formatter for `--format <name>`: a built-in one, an ESLint formatter package installed
 * where `cwd` resolves packages (`eslint-formatter-<name>`, then `<name>`; `@scope/x` tries
 * `@scope/eslint-formatter-x`, then `@scope/x`), or, as in ESLint, a file when the name has a
 * slash outside a scope. ESLint formatters may be CommonJS or ES modules and may be async; they
 * are called with `{ cwd, rulesMeta, color }`.
 *
 * @throws UsageError when nothing by that name is found or it cannot be loaded.
 */
export async function loadFormatter(name: string, cwd: string): Promise<LoadedFormatter> {
  if (isBuiltin(name)) return (await builtins[name]()).default;

  if (isFilePath(name)) {
    const file = path.resolve(cwd, name);
    if (!existsSync(file)) {
      throw new UsageError(
        `{{option:format}} "${name}": no such formatter file "${file}"; built-in: ${BUILTIN_FORMATTERS.join(', ')}`,
      );
    }
    return adapt(name, await importFormatter(name, file));
  }

  if (name !== '') {
    const resolver = createRequire(path.join(cwd, 'noop.js'));
    for (const candidate of packageCandidates(name)) {
      let file: string;
      try {
        file = resolver.resolve(candidate);
      } catch (error) {
        if (errorCode(error) === 'MODULE_NOT_FOUND') continue;
        // Installed but not loadable from CommonJS resolution (an `exports` map without a
        // `require` or `default` condition, for one): say so rather than "not installed".
        throw new UsageError(
          `{{option:format}} "${name}": package "${candidate}" cannot be resolved: ${firstLine(error)}`,
          {
            cause: error,
          },
        );
      }
      return adapt(name, await importFormatter(name, file));
    }
  }

  const [first = `eslint-formatter-${name}`] = packageCandidates(name);
  throw new UsageError(
    `{{option:format}} "${name}": no built-in formatter or installed package "${first}"; built-in: ${BUILTIN_FORMATTERS.join(', ')}`,
  );
}

/**
 * Writes a formatted report to `file` (relative to `cwd`), making its directory.
 *
 * @throws UsageError naming the `outputFile` option when the file cannot be written.
 */
export async function writeReport(cwd: string, file: string, report: string): Promise<void> {
  const target = path.resolve(cwd, file);
  try {
    ensureDirectory(path.dirname(target));
    await writeFile(target, report);
  } catch (error) {
    const code = errorCode(error);
    throw new UsageError(
      `{{option:outputFile}} "${file}": cannot write (${typeof code === 'string' ? code : 'error'})`,
      {
        cause: error,
      },
    );
  }
}
