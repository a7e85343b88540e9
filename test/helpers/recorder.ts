import { defineRule, type AnyRule } from '../../src/engine/rule.js';

/**
 * A file-scope rule that reports nothing and records every file it is run on (reading each,
 * as real rules do): shows which files a run linted, and whether rules ran at all.
 */
export function recordingRule(): { rule: AnyRule; checked: string[] } {
  const checked: string[] = [];
  const rule = defineRule({
    id: 'test-recorder',
    meta: {
      type: 'problem',
      docs: { description: 'Records the files it is run on', category: 'syntax', recommended: 'error' },
      scope: 'file',
      schema: [],
      messages: { never: 'never reported' },
    },
    defaultOptions: [],
    check(context) {
      for (const file of context.targetFiles) {
        checked.push(file);
        context.text(file);
      }
    },
  });
  return { rule, checked };
}
