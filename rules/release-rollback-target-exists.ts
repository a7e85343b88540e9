import { defineRule } from '../src/engine/rule.js';
import { nameOf, releaseManifests } from '../src/release/in-repository.js';
import { releaseLayout } from '../src/release/lines.js';

export default defineRule({
  id: 'release-rollback-target-exists',
  meta: {
    type: 'problem',
    docs: {
      description:
        'A rollback release names, in rollback_of, a release that exists, of the same application where releases are per application',
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      missing: '{{name}} rolls back "{{target}}", but there is no such release in {{directory}}/',
      self: '{{name}} names itself in rollback_of',
      otherApplication:
        '{{name}} is a release of {{application}} but rolls back "{{target}}", a release of {{targetApplication}}; a rollback returns its own application to an earlier pair',
    },
  },
  defaultOptions: [],
  check(context) {
    const manifests = releaseManifests(context);
    const byName = new Map(manifests.map((manifest) => [nameOf(manifest), manifest]));
    const directory = context.descriptor?.releases?.directory ?? 'releases';
    const { layout } = releaseLayout(context.descriptor);
    for (const manifest of manifests) {
      const target = manifest.release?.rollback_of;
      if (target === undefined) continue;
      const name = nameOf(manifest);
      if (target === name) context.report({ file: manifest.file, line: 1, messageId: 'self', data: { name } });
      else if (!byName.has(target))
        context.report({ file: manifest.file, line: 1, messageId: 'missing', data: { name, target, directory } });
      else {
        const targetApplication = byName.get(target)?.application;
        if (
          layout.perApplication &&
          manifest.application !== undefined &&
          targetApplication !== undefined &&
          targetApplication !== manifest.application
        )
          context.report({
            file: manifest.file,
            line: 1,
            messageId: 'otherApplication',
            data: { name, target, application: manifest.application, targetApplication },
          });
      }
    }
  },
});
