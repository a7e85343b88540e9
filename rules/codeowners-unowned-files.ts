import { declaresTeams, loadCodeowners } from '../src/codeowners/context.js';
import { defineRule } from '../src/engine/rule.js';

/** How many unowned files a finding names. */
const EXAMPLES = 5;

export default defineRule({
  id: 'codeowners-unowned-files',
  meta: {
    type: 'problem',
    docs: {
      description: 'Every file of the repository has a code owner',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      unownedOne:
        '1 file has no code owner: {{examples}}; give it an owner, or add a catch-all line ("* @org/team") at the top of this file',
      unownedMany:
        '{{count}} files have no code owner: {{examples}}{{more}}; give them owners, or add a catch-all line ("* @org/team") at the top of this file (gitops-init owners --unowned lists them all)',
    },
  },
  defaultOptions: [],
  check(context) {
    if (!declaresTeams(context.descriptor)) return;
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    const { unowned } = codeowners.coverage();
    if (unowned.length === 0) return;
    const examples = unowned.slice(0, EXAMPLES).join(', ');
    const more = unowned.length > EXAMPLES ? ` and ${unowned.length - EXAMPLES} more` : '';
    context.report({
      file: codeowners.path,
      messageId: unowned.length === 1 ? 'unownedOne' : 'unownedMany',
      data: { count: unowned.length, examples, more },
    });
  },
});
