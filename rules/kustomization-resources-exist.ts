import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import { nodeToReport } from '../src/manifests/objects.js';
import {
  isKustomizationFile,
  kustomizationReferences,
  KUSTOMIZATION_FILE_NAMES,
  quickKustomizationReferences,
  type KustomizeReferenceKind,
} from '../src/manifests/kustomize.js';

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
    // Each finding is about one kustomization, from its text and which paths exist: with
    // --staged, only the kustomizations the commit can affect are checked.
    checks: isKustomizationFile,
    schema: [],
    messages: {
      missing: '{{field}} entry "{{value}}" does not exist: no file or directory "{{resolved}}"',
      notAKustomization:
        '{{field}} entry "{{value}}" is a directory without a kustomization.yaml, so kustomize cannot build it',
      outside:
        '{{field}} entry "{{value}}" points outside the repository, so it cannot be checked or built from a clone',
    },
  },
  defaultOptions: [],
  check(context) {
    /** The problem with one entry of a kustomization in `directory`, if it has one. */
    const problemOf = (
      directory: string,
      field: string,
      kind: KustomizeReferenceKind,
      value: string,
    ): { messageId: 'missing' | 'notAKustomization' | 'outside'; resolved: string } | undefined => {
      const resolved = path.posix
        .normalize(path.posix.join(directory === '.' ? '' : directory, value))
        .replace(/\/+$/, '');
      if (resolved === '..' || resolved.startsWith('../') || path.posix.isAbsolute(value))
        return { messageId: 'outside', resolved };
      if (context.hasFile(resolved)) return undefined;
      const target = resolved === '.' ? '' : resolved;
      if (!context.hasDirectory(target)) {
        return field === 'resources' && isRenderedFromChart(directory, value)
          ? undefined
          : { messageId: 'missing', resolved };
      }
      if (kind === 'file') return { messageId: 'missing', resolved };
      const prefix = target === '' ? '' : `${target}/`;
      return KUSTOMIZATION_FILE_NAMES.some((name) => context.hasFile(`${prefix}${name}`))
        ? undefined
        : { messageId: 'notAKustomization', resolved };
    };
    /**
     * A kustomization beside a Chart.yaml that lists a YAML file of its own directory which is not
     * there: the file is the chart rendered before the build (`helm template . > all.yaml &&
     * kustomize build`, as an Argo CD config management plugin or a CI step runs it), not a file
     * that was forgotten.
     */
    const isRenderedFromChart = (directory: string, value: string): boolean => {
      const prefix = directory === '.' ? '' : `${directory}/`;
      return /^(\.\/)?[^/]+\.ya?ml$/.test(value) && context.hasFile(`${prefix}Chart.yaml`);
    };
    /**
     * Whether a kustomization names nothing missing, decided from its text without parsing it
     * (quickKustomizationReferences). False when that cannot be told: then the file is parsed.
     */
    const isClearlyFine = (file: string, directory: string): boolean => {
      const text = context.isYamlFile(file) ? context.text(file) : undefined;
      const references = text === undefined ? undefined : quickKustomizationReferences(text);
      return (
        references !== undefined &&
        references.every(({ field, kind, value }) => problemOf(directory, field, kind, value) === undefined)
      );
    };
    for (const file of context.checkedFiles) {
      const directory = path.posix.dirname(file);
      // Most kustomizations are plain lists of paths that exist: those are read, not parsed.
      if (isClearlyFine(file, directory)) continue;
      const yaml = context.yaml(file);
      if (!yaml || yaml.errors.length > 0) continue;
      for (const document of yaml.documents) {
        // From the plain data; the document's nodes are parsed only to point at a problem.
        for (const reference of kustomizationReferences(document.value)) {
          const problem = problemOf(directory, reference.field, reference.kind, reference.value);
          if (!problem) continue;
          const data = { field: reference.field, value: reference.value, resolved: problem.resolved };
          context.report({
            file,
            node: nodeToReport(document.document.contents, reference.at),
            messageId: problem.messageId,
            data,
          });
        }
      }
    }
  },
});
