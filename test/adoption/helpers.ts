import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');

/**
 * Copies of fixture repositories as a team would have them before adopting gitops-init: the
 * fixture without its gitops.yaml, committed in a new git repository, with `origin` when given.
 * Every copy is removed after each test.
 */
export function adoptionCopies(): (fixture: string, options?: { remote?: string }) => string {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });
  return (fixture, options = {}) => {
    const base = mkdtempSync(path.join(tmpdir(), 'gitops-init-adopt-'));
    roots.push(base);
    const root = path.join(base, fixture);
    cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
    rmSync(path.join(root, 'gitops.yaml'), { force: true });
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'before gitops-init');
    if (options.remote !== undefined) git(root, 'remote', 'add', 'origin', options.remote);
    return root;
  };
}

/** Every file under `root` but git's own, with the SHA-256 of its bytes. */
export function fileHashes(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (file === '.git' || file.startsWith('.git/')) continue;
    hashes.set(
      file,
      createHash('sha256')
        .update(readFileSync(path.join(root, file)))
        .digest('hex'),
    );
  }
  return hashes;
}
