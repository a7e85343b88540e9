import { linkDestination } from '../src/engine/link-failure.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'no-symlinks-outside-repository',
  meta: {
    type: 'problem',
    docs: {
      description: 'No symbolic link leads out of the repository: a clone does not have what it points to',
      category: 'references',
      recommended: 'error',
    },
    scope: 'file',
    selfContained: true,
    schema: [],
    messages: {
      outside:
        'Symbolic link to {{destination}}, outside the repository: a clone (CI, Argo CD, Flux) does not have it, and gitops-init does not read it; put the file in the repository, or point the link at a path inside it',
    },
  },
  defaultOptions: [],
  check(context) {
    // The file sources list a link out of the repository whatever it leads to, and never read
    // through it: its read failure names where it leads. Reading any other file is the cost.
    for (const file of context.targetFiles) {
      const destination = linkDestination(context.readFailure(file));
      if (destination !== undefined) context.report({ file, messageId: 'outside', data: { destination } });
    }
  },
});
