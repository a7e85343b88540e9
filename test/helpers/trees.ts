import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { writeFileTree, type FileTree } from '../../src/testing/index.js';

/**
 * Returns a function that writes a file tree into a new temporary directory; every directory
 * it made is removed after each test.
 */
export function temporaryTrees(): (files: FileTree) => string {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  return (files) => {
    const root = writeFileTree(files);
    roots.push(root);
    return root;
  };
}
