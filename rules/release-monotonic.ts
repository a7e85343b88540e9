import * as semver from '../src/versioning/semver.js';
import { defineRule } from '../src/engine/rule.js';
import { nameOf, releaseManifests } from '../src/release/in-repository.js';
import { lineOf, releaseLayout } from '../src/release/lines.js';

export default defineRule({
  id: 'release-monotonic',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Releases, in the order they were created, never go back in application or infrastructure version (rollbacks aside), within each application where releases are per application',
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      older:
        '{{name}} ({{component}} {{version}}) was created after {{previous}} ({{component}} {{previousVersion}}); going back is a rollback (gitops-init release rollback) or a deliberate downgrade (--allow-downgrade)',
    },
  },
  defaultOptions: [],
  check(context) {
    const { layout } = releaseLayout(context.descriptor);
    const releases = releaseManifests(context)
      .filter((manifest) => manifest.release?.created !== undefined && manifest.release.rollback_of === undefined)
      .sort((a, b) =>
        (a.release?.created ?? '') < (b.release?.created ?? '')
          ? -1
          : (a.release?.created ?? '') > (b.release?.created ?? '')
            ? 1
            : 0,
      );
    // Each line (each application's, where releases are per application) moves forward on its own.
    const lines = new Map<
      string,
      {
        highest: { application: string | undefined; infrastructure: string | undefined };
        holder: { application: string; infrastructure: string };
      }
    >();
    for (const manifest of releases) {
      const release = manifest.release;
      if (!release) continue;
      const key = lineOf(layout, manifest.application);
      const line = lines.get(key) ?? {
        highest: { application: undefined, infrastructure: undefined },
        holder: { application: '', infrastructure: '' },
      };
      lines.set(key, line);
      const { highest, holder } = line;
      for (const component of ['application', 'infrastructure'] as const) {
        const version = component === 'application' ? release.application_version : release.infrastructure_version;
        const previous = highest[component];
        if (previous !== undefined && semver.lt(version, previous) && release.downgrade !== true) {
          context.report({
            file: manifest.file,
            line: 1,
            messageId: 'older',
            data: {
              name: nameOf(manifest),
              component,
              version,
              previous: holder[component],
              previousVersion: previous,
            },
          });
        }
        if (previous === undefined || semver.gt(version, previous)) {
          highest[component] = version;
          holder[component] = nameOf(manifest);
        }
      }
    }
  },
});
