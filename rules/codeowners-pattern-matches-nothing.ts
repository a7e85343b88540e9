import picomatch from 'picomatch';
import { loadCodeowners } from '../src/codeowners/context.js';
import type { CodeownersRule } from '../src/codeowners/parse.js';
import { defineRule } from '../src/engine/rule.js';

interface MatchesNothingOptions {
  ignorePatterns?: string[];
}

const defaults: MatchesNothingOptions = {};

export default defineRule({
  id: 'codeowners-pattern-matches-nothing',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Every CODEOWNERS pattern matches at least one file of the repository',
      category: 'ownership',
      recommended: 'warn',
    },
    scope: 'repository',
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignorePatterns: {
            description:
              'Patterns, as written in CODEOWNERS, that may match nothing (e.g. for paths that are created later).',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
        },
      },
    ],
    messages: {
      matchesNothing:
        '"{{pattern}}" matches no file of the repository; correct the path (patterns are case-sensitive) or remove the line',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    const ignored = new Set(options.ignorePatterns ?? []);
    const { matched } = codeowners.coverage();
    const unlisted = unlistedPaths(
      context.descriptor?.ignores ?? [],
      context.hasFile('.gitmodules') ? context.text('.gitmodules') : undefined,
    );
    for (const rule of codeowners.parsed.rules) {
      if (!rule.effective || matched.has(rule) || ignored.has(rule.pattern) || unlisted.mayMatch(rule)) continue;
      context.report({
        file: codeowners.path,
        messageId: 'matchesNothing',
        data: { pattern: rule.exclusion ? `!${rule.pattern}` : rule.pattern },
        line: rule.line,
        column: rule.column,
        endLine: rule.line,
        endColumn: rule.endColumn,
      });
    }
  },
});

/**
 * Paths of the repository that the linted file list leaves out, although the host matches
 * CODEOWNERS against them: files under gitops.yaml's `ignores` (never linted, still committed)
 * and git submodules (other repositories, whose pointer is a path of this one, named in
 * .gitmodules). A line that may match one of them is not reported.
 */
function unlistedPaths(
  ignores: readonly string[],
  gitmodules: string | undefined,
): { mayMatch(rule: CodeownersRule): boolean } {
  const submodules = [...(gitmodules ?? '').matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)].map((match) =>
    (match[1] ?? '').replace(/^\/+|\/+$/g, ''),
  );
  // The static directory of each ignore glob: `vendor/**` ignores under vendor, `**/*.md` anywhere.
  const bases = ignores
    .filter((glob) => !glob.startsWith('!'))
    .map((glob) =>
      picomatch
        .scan(glob)
        .base.split('/')
        .filter((segment) => segment !== ''),
    );
  const related = (a: readonly string[], b: readonly string[]): boolean =>
    a.slice(0, Math.min(a.length, b.length)).every((segment, index) => segment === b[index]);
  return {
    mayMatch(rule) {
      const { regex, prefix } = rule.compiled;
      if (submodules.some((submodule) => regex.test(submodule) || regex.test(`${submodule}/-`))) return true;
      // An unanchored pattern (no prefix) may match anywhere, so under any ignored directory.
      return bases.some((base) => related(prefix, base));
    },
  };
}
