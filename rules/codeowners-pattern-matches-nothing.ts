import { loadCodeowners } from '../src/codeowners/context.js';
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
    for (const rule of codeowners.parsed.rules) {
      if (!rule.effective || matched.has(rule) || ignored.has(rule.pattern)) continue;
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
