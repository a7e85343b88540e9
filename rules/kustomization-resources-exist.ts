import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import { isKustomizationFile, kustomizationReferences, KUSTOMIZATION_FILE_NAMES } from '../src/manifests/kustomize.js';

export default defineRule({
  id: 'kustomization-resources-exist',
  meta: {
    type: 'problem',
    docs: {
      description: "Every local path in a kustomization's resources, components, patches and generator files exists",
      category: 'references',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      missing: '{{field}} entry "{{value}}" does not exist: no file or directory "{{resolved}}"',
      notAKustomization: '{{field}} entry "{{value}}" is a directory without a kustomization.yaml, so kustomize cannot build it',
      outside: '{{field}} entry "{{value}}" points outside the repository, so it cannot be checked or built from a clone',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.files) {
      if (!isKustomizationFile(file)) continue;
      const yaml = context.yaml(file);
      if (!yaml || yaml.errors.length > 0) continue;
      const directory = path.posix.dirname(file);
      for (const document of yaml.documents) {
        for (const reference of kustomizationReferences(document.document)) {
          const resolved = path.posix.normalize(path.posix.join(directory === '.' ? '' : directory, reference.value)).replace(/\/+$/, '');
          const data = { field: reference.field, value: reference.value, resolved };
          if (resolved === '..' || resolved.startsWith('../') || path.posix.isAbsolute(reference.value)) {
            context.report({ file, node: reference.node, messageId: 'outside', data });
            continue;
          }
          if (context.hasFile(resolved)) continue;
          const target = resolved === '.' ? '' : resolved;
          if (context.hasDirectory(target)) {
            if (reference.kind === 'file') {
              context.report({ file, node: reference.node, messageId: 'missing', data });
              continue;
            }
            const prefix = target === '' ? '' : `${target}/`;
            if (!KUSTOMIZATION_FILE_NAMES.some((name) => context.hasFile(`${prefix}${name}`))) {
              context.report({ file, node: reference.node, messageId: 'notAKustomization', data });
            }
            continue;
          }
          context.report({ file, node: reference.node, messageId: 'missing', data });
        }
      }
    }
  },
});
