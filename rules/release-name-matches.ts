import { isMap } from '../src/manifests/yaml-nodes.js';
import { defineRule } from '../src/engine/rule.js';
import { isExpectedName, releaseName } from '../src/release/manifest.js';
import { releaseManifests } from '../src/release/in-repository.js';

export default defineRule({
  id: 'release-name-matches',
  meta: {
    type: 'problem',
    docs: {
      description: "A release manifest's file name and name are release-<application>-<infrastructure>",
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      fileName: 'File name "{{actual}}" does not match the versions it pins; name it {{expected}}.yaml',
      name: 'name "{{actual}}" does not match the versions it pins; it should be {{expected}}',
      differ: 'name "{{name}}" and the file name "{{file}}" differ; the name is also the tag, so they must be equal',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const manifest of releaseManifests(context)) {
      const { release, file } = manifest;
      if (!release) continue;
      const expected =
        releaseName(release.application_version, release.infrastructure_version) +
        (release.rollback_of ? '-rollback-<n>' : '');
      const root = manifest.yaml.documents[0]?.document.contents;
      const releaseNode = isMap(root) ? root.get('release', true) : undefined;
      const nameNode = isMap(releaseNode) ? releaseNode.get('name', true) : undefined;
      if (!isExpectedName(release, manifest.baseName)) {
        context.report({ file, line: 1, messageId: 'fileName', data: { actual: manifest.baseName, expected } });
      }
      if (release.name !== undefined && !isExpectedName(release, release.name)) {
        context.report({ file, node: nameNode, messageId: 'name', data: { actual: release.name, expected } });
      } else if (
        release.name !== undefined &&
        release.name !== manifest.baseName &&
        isExpectedName(release, manifest.baseName)
      ) {
        context.report({
          file,
          node: nameNode,
          messageId: 'differ',
          data: { name: release.name, file: manifest.baseName },
        });
      }
    }
  },
});
