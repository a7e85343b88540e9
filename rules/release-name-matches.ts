import { isMap } from '../src/manifests/yaml-nodes.js';
import { DESCRIPTOR_FILES } from '../src/config/descriptor.js';
import { nodePosition } from '../src/config/schema-validation.js';
import { defineRule } from '../src/engine/rule.js';
import { isExpectedName, releaseName } from '../src/release/manifest.js';
import { releaseManifests } from '../src/release/in-repository.js';
import { expectedNameBases, releaseLayout, rollbackSuffix } from '../src/release/lines.js';

export default defineRule({
  id: 'release-name-matches',
  meta: {
    type: 'problem',
    docs: {
      description:
        "A release manifest's file name and name are release-<application>-<infrastructure>, with its application's name where releases are per application",
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      layout: '{{problem}}',
      fileName: 'File name "{{actual}}" does not match the versions it pins; name it {{expected}}.yaml',
      name: 'name "{{actual}}" does not match the versions it pins; it should be {{expected}}',
      lineName:
        'name "{{actual}}" is not the name of this release of {{application}} (releases.tagFormat in gitops.yaml); it should be {{expected}}',
      differ: 'name "{{name}}" and the file name "{{file}}" differ; the name is also the tag, so they must be equal',
      unknownApplication:
        '"{{application}}" is not an application of gitops.yaml\'s teams.applications ({{known}}); keep a release in the directory of its application, {{directory}}/<application>/',
      application:
        'application "{{actual}}" differs from the directory the manifest is in ({{directory}}/{{application}}/); move it to {{directory}}/{{actual}}/ or correct the field',
    },
  },
  defaultOptions: [],
  check(context) {
    const { layout, problem } = releaseLayout(context.descriptor);
    if (problem !== undefined) {
      // The configuration of the names is wrong: said once, at releases in gitops.yaml; the
      // manifests are then checked against the default names.
      const file = DESCRIPTOR_FILES.find((candidate) => context.hasFile(candidate)) ?? 'gitops.yaml';
      const yaml = context.yaml(file);
      const document = yaml?.documents[0];
      const position =
        document && yaml
          ? (nodePosition(
              document.document,
              ['releases', problem.startsWith('releases.tagFormat') ? 'tagFormat' : 'perApplication'],
              yaml.position,
            ) ?? undefined)
          : undefined;
      context.report({ file, ...(position ?? { line: 1 }), messageId: 'layout', data: { problem } });
    }
    const known = layout.applications.map((application) => application.name);
    for (const manifest of releaseManifests(context)) {
      const { release, file, directoryApplication } = manifest;
      if (!release) continue;
      const root = manifest.yaml.documents[0]?.document.contents;
      const releaseNode = isMap(root) ? root.get('release', true) : undefined;
      const claimed = directoryApplication ?? release.application;
      // A promoted or rolled-back release of a tenant removed since is history, never rewritten:
      // only a release still on its way names an application that must exist.
      const isHistory = release.status === 'promoted' || release.status === 'rolled-back';
      if (context.descriptor !== undefined && claimed !== undefined && !known.includes(claimed) && !isHistory) {
        context.report({
          file,
          line: 1,
          messageId: 'unknownApplication',
          data: { application: claimed, known: known.join(', ') || 'none', directory: layout.directory },
        });
      }
      if (
        directoryApplication !== undefined &&
        release.application !== undefined &&
        release.application !== directoryApplication
      ) {
        context.report({
          file,
          node: isMap(releaseNode) ? releaseNode.get('application', true) : undefined,
          messageId: 'application',
          data: { actual: release.application, application: directoryApplication, directory: layout.directory },
        });
      }
      const suffix = release.rollback_of ? '-rollback-<n>' : '';
      const fileIsExpected = isExpectedName(release, manifest.baseName);
      if (!fileIsExpected) {
        context.report({
          file,
          line: 1,
          messageId: 'fileName',
          data: {
            actual: manifest.baseName,
            expected: releaseName(release.application_version, release.infrastructure_version) + suffix,
          },
        });
      }
      if (release.name === undefined) continue;
      const bases = expectedNameBases(layout, release, directoryApplication, manifest.application);
      const nameNode = isMap(releaseNode) ? releaseNode.get('name', true) : undefined;
      if (!bases.some((base) => isExpectedName(release, release.name ?? '', base))) {
        const expected = `${bases[0] ?? ''}${suffix}`;
        context.report(
          directoryApplication === undefined
            ? { file, node: nameNode, messageId: 'name', data: { actual: release.name, expected } }
            : {
                file,
                node: nameNode,
                messageId: 'lineName',
                data: { actual: release.name, expected, application: directoryApplication },
              },
        );
      } else if (fileIsExpected && rollbackSuffix(release.name) !== rollbackSuffix(manifest.baseName)) {
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
