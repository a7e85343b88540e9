import { loadCodeowners } from '../src/codeowners/context.js';
import { defineRule } from '../src/engine/rule.js';

/** How many deciding lines a finding names. */
const SHOWN = 3;

export default defineRule({
  id: 'codeowners-shadowed-rule',
  meta: {
    type: 'problem',
    docs: {
      description: 'No CODEOWNERS line has every file it matches decided by a later line',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      shadowed:
        'Every file that "{{pattern}}" matches ({{count}}) is decided by a later line ({{deciders}}), so this line has no effect; remove it, or move it below them if it should win',
    },
  },
  defaultOptions: [],
  check(context) {
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    const { matched, decided, deciders } = codeowners.coverage();
    for (const rule of codeowners.parsed.rules) {
      // Repeated patterns are codeowners-duplicate-pattern's; an exclusion that matches always counts.
      if (!rule.effective || rule.exclusion || rule.duplicateOf !== undefined) continue;
      const count = matched.get(rule) ?? 0;
      if (count === 0 || (decided.get(rule) ?? 0) > 0) continue;
      const by = [...(deciders.get(rule) ?? new Map<never, number>())]
        .sort(([a, countA], [b, countB]) => countB - countA || a.line - b.line)
        .slice(0, SHOWN)
        .map(([other]) => `line ${other.line} "${other.exclusion ? '!' : ''}${other.pattern}"`);
      const others = (deciders.get(rule)?.size ?? 0) - by.length;
      context.report({
        file: codeowners.path,
        messageId: 'shadowed',
        data: { pattern: rule.pattern, count, deciders: by.join(', ') + (others > 0 ? ` and ${others} more` : '') },
        line: rule.line,
        column: rule.column,
        endLine: rule.line,
        endColumn: rule.endColumn,
      });
    }
  },
});
