import { loadCodeowners } from '../src/codeowners/context.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'codeowners-duplicate-pattern',
  meta: {
    type: 'problem',
    docs: {
      description: 'No CODEOWNERS pattern is repeated, which would make the earlier line dead',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      duplicate:
        '"{{pattern}}" is repeated on line {{later}}, which decides every file this line matches, so this line has no effect; remove it, or merge its owners into line {{later}}',
    },
  },
  defaultOptions: [],
  check(context) {
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    for (const rule of codeowners.parsed.rules) {
      if (rule.duplicateOf === undefined) continue;
      context.report({
        file: codeowners.path,
        messageId: 'duplicate',
        data: { pattern: rule.exclusion ? `!${rule.pattern}` : rule.pattern, later: rule.duplicateOf },
        line: rule.line,
        column: rule.column,
        endLine: rule.line,
        endColumn: rule.endColumn,
      });
    }
  },
});
