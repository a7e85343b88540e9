import { defineRule } from '../src/engine/rule.js';
import { isTemplateFileName } from '../src/manifests/templates.js';

export default defineRule({
  id: 'yaml-syntax',
  meta: {
    type: 'problem',
    docs: {
      description: 'YAML files parse: no syntax errors, duplicate keys, alias bombs or unreadable content',
      category: 'syntax',
      recommended: 'error',
    },
    scope: 'file',
    selfContained: true,
    schema: [],
    messages: {
      syntaxError: 'YAML syntax error: {{message}}',
      duplicateKey: 'Duplicate key "{{key}}": the later value silently replaces the earlier one',
      aliasLimit: '{{message}}; expand the aliases or split the document',
      invalidDocument: 'YAML document cannot be read: {{message}}',
      unreadable: 'Cannot lint this YAML file: {{detail}}',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      // A template (`deployment.template.yaml`) is YAML only once rendered, as Helm's templates are.
      if (!context.isYamlFile(file) || isTemplateFileName(file)) continue;
      const failure = context.readFailure(file);
      if (failure) {
        context.report({ file, messageId: 'unreadable', data: { detail: failure.detail }, line: 1, column: 1 });
        continue;
      }
      const yaml = context.yaml(file);
      if (!yaml) continue;
      // The first error of each document: the parser recovers and goes on, and what it finds
      // after an error is mostly that error's consequences (an unclosed bracket makes every
      // later line look wrong). Kubernetes tools' readers stop at the first.
      const reported = new Set<number | undefined>();
      for (const error of yaml.errors) {
        if (reported.has(error.document)) continue;
        reported.add(error.document);
        context.report({ file, messageId: 'syntaxError', data: { message: error.message }, range: error.range });
      }
      for (const duplicate of yaml.duplicateKeys) {
        const key = /"(.*)" is repeated$/.exec(duplicate.message)?.[1] ?? '';
        context.report({ file, messageId: 'duplicateKey', data: { key }, range: duplicate.range });
      }
      if (yaml.errors.length > 0) continue;
      for (const document of yaml.documents) {
        const problem = document.valueError;
        if (!problem) continue;
        context.report({
          file,
          messageId: problem.code === 'ALIAS_LIMIT' ? 'aliasLimit' : 'invalidDocument',
          data: { message: problem.message },
          range: problem.range,
        });
      }
    }
  },
});
