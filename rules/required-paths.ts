import { defineRule } from '../src/engine/rule.js';
import { DESCRIPTOR_FILES, type GitopsTool, type RepositoryKind } from '../src/config/descriptor.js';

/**
 * The layout each kind of repository needs. A trailing slash marks a directory. Kept in
 * step with the scaffolds in generators/, whose tests lint every generated repository.
 */
export function defaultRequiredPaths(kind: RepositoryKind, tool: GitopsTool | undefined): string[] {
  const common = ['gitops.yaml', 'README.md', 'CHANGELOG.md', 'VERSION'];
  if (kind === 'infrastructure') {
    return [...common, 'clusters/', 'infrastructure/', 'releases/'];
  }
  return [...common, tool === 'helm' ? 'chart/Chart.yaml' : 'deploy/base/kustomization.yaml'];
}

interface RequiredPathsOptions {
  paths?: string[];
  additionalPaths?: string[];
}

const defaults: RequiredPathsOptions = {};

export default defineRule({
  id: 'required-paths',
  meta: {
    type: 'layout',
    docs: {
      description: 'The files and directories that the repository kind requires exist',
      category: 'layout',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          paths: {
            description: 'Replaces the defaults of the repository kind. A trailing slash marks a directory.',
            type: 'array',
            items: { type: 'string', minLength: 1, pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$' },
          },
          additionalPaths: {
            description: 'Added to the defaults (or to paths).',
            type: 'array',
            items: { type: 'string', minLength: 1, pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$)).+$' },
          },
        },
      },
    ],
    messages: {
      missingFile:
        'Required file "{{path}}" is missing in this {{kind}} repository; create it, or change the required-paths options in gitops.yaml',
      missingDirectory:
        'Required directory "{{path}}" is missing or empty in this {{kind}} repository; create it, or change the required-paths options in gitops.yaml',
      missingDescriptor:
        'This {{kind}} repository has no gitops.yaml; write one: it tells gitops-init what the repository is (kind, tool, teams), and its required-paths options can name the layout the repository uses',
      missingFileWithoutDescriptor:
        'Required file "{{path}}" is missing in this {{kind}} repository (a default of the kind); create it',
      missingDirectoryWithoutDescriptor:
        'Required directory "{{path}}" is missing or empty in this {{kind}} repository (a default of the kind); create it',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const kind = context.kind;
    if (!kind) return;
    const hasDescriptor = context.descriptor !== undefined;
    const paths = [...(options.paths ?? defaultRequiredPaths(kind, context.tool)), ...(options.additionalPaths ?? [])];
    for (const required of new Set(paths)) {
      const isDirectory = required.endsWith('/');
      const normalized = required.replace(/\/+$/, '');
      const isDescriptor = (DESCRIPTOR_FILES as readonly string[]).includes(normalized);
      // The descriptor may be gitops.yml, or wherever --config found it.
      const exists = isDescriptor
        ? hasDescriptor || DESCRIPTOR_FILES.some((name) => context.hasFile(name))
        : isDirectory
          ? context.hasDirectory(normalized)
          : context.hasFile(normalized);
      if (exists) continue;
      // Without a descriptor the paths are the kind's defaults (--kind), and there are no
      // options to change: the message says so rather than pointing at a gitops.yaml that is not there.
      const messageId = isDescriptor
        ? 'missingDescriptor'
        : hasDescriptor
          ? isDirectory
            ? 'missingDirectory'
            : 'missingFile'
          : isDirectory
            ? 'missingDirectoryWithoutDescriptor'
            : 'missingFileWithoutDescriptor';
      context.report({ file: normalized, messageId, data: { path: required, kind } });
    }
  },
});
