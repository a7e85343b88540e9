import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { scaffold } from '../../src/api/scaffold.js';
import type { HookManager } from '../../src/api/scaffold.js';
import { writeFileTree, type FileTree } from '../../src/testing/index.js';

/**
 * Temporary directories for one test file, removed after each test: `repository(files)`
 * writes a file tree, `track(directory)` adds one made elsewhere.
 */
export function temporaryRepositories(): {
  repository: (files: FileTree) => string;
  track: (directory: string) => string;
} {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  return {
    repository: (files) => {
      const directory = writeFileTree(files);
      directories.push(directory);
      return directory;
    },
    track: (directory) => {
      directories.push(directory);
      return directory;
    },
  };
}

/** Scaffolds the application repository "shop" (Argo CD, GitHub) into `<base>/shop` and returns its root. */
export async function scaffoldShop(base: string, hooks: HookManager): Promise<string> {
  const { root } = await scaffold({
    cwd: base,
    directory: 'shop',
    answers: {
      kind: 'application',
      tool: 'argocd',
      name: 'shop',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '@acme/shop',
      envs: 'dev,production',
      host: 'github',
      hooks,
    },
    yes: true,
    today: '2026-01-15',
  });
  return root;
}
