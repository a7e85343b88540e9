import { defineRule } from '../src/engine/rule.js';
import { nameOf, releaseManifests } from '../src/release/in-repository.js';

export default defineRule({
  id: 'release-rollback-target-exists',
  meta: {
    type: 'problem',
    docs: {
      description: 'A rollback release names, in rollback_of, a release that exists',
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      missing: '{{name}} rolls back "{{target}}", but there is no such release in {{directory}}/',
      self: '{{name}} names itself in rollback_of',
    },
  },
  defaultOptions: [],
  check(context) {
    const manifests = releaseManifests(context);
    const names = new Set(manifests.map(nameOf));
    const directory = context.descriptor?.releases?.directory ?? 'releases';
    for (const manifest of manifests) {
      const target = manifest.release?.rollback_of;
      if (target === undefined) continue;
      const name = nameOf(manifest);
      if (target === name) context.report({ file: manifest.file, line: 1, messageId: 'self', data: { name } });
      else if (!names.has(target))
        context.report({ file: manifest.file, line: 1, messageId: 'missing', data: { name, target, directory } });
    }
  },
});
