import { defineRule } from '../src/engine/rule.js';
import { nodePosition } from '../src/config/schema-validation.js';
import { manifestProblems } from '../src/release/manifest.js';
import { releaseManifests } from '../src/release/in-repository.js';

export default defineRule({
  id: 'release-manifest-valid',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Every release manifest matches the release schema: release.application_version and infrastructure_version as semver, known fields only',
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      oneDocument: 'A release manifest holds exactly one YAML document, found {{count}}',
      invalid: 'Release manifest: {{problem}}',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const manifest of releaseManifests(context)) {
      const { yaml, file } = manifest;
      if (yaml.errors.length > 0) continue;
      if (yaml.documents.length !== 1) {
        context.report({ file, line: 1, messageId: 'oneDocument', data: { count: yaml.documents.length } });
        continue;
      }
      const document = yaml.documents[0];
      if (!document) continue;
      for (const problem of manifestProblems(document.value)) {
        const position = nodePosition(document.document, problem.path, yaml.position);
        context.report({
          file,
          ...(position ?? { line: 1 }),
          messageId: 'invalid',
          data: { problem: problem.message },
        });
      }
    }
  },
});
