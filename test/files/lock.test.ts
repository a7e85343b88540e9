import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinkEscapeError, writeFileAtomically } from '../../src/files/atomic-write.js';
import { LockTimeoutError, lockFileFor, withRepositoryLock } from '../../src/files/lock.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withRepositoryLock', () => {
  it('puts the lock in the git directory, or in the root without one', () => {
    const withGit = tree({ '.git/HEAD': 'ref: refs/heads/main\n' });
    expect(lockFileFor(withGit)).toBe(path.join(withGit, '.git', 'gitops-init.lock'));
    const worktree = tree({ '.git': 'gitdir: ../main/.git/worktrees/wt\n' });
    expect(lockFileFor(worktree)).toBe(path.resolve(worktree, '../main/.git/worktrees/wt/gitops-init.lock'));
    const plain = tree({ 'gitops.yaml': '' });
    expect(lockFileFor(plain)).toBe(path.join(plain, '.gitops-init.lock'));
  });

  it('runs holders one at a time and removes the lock afterwards', async () => {
    const root = tree({ '.git/HEAD': '' });
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withRepositoryLock(root, async () => {
          inside += 1;
          most = Math.max(most, inside);
          expect(readFileSync(lockFileFor(root), 'utf8')).toMatch(new RegExp(`^pid ${process.pid}\nsince \\S+Z\n$`));
          await new Promise((resolve) => setTimeout(resolve, 10));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(lockFileFor(root))).toBe(false);
  });

  it('releases the lock when the action throws', async () => {
    const root = tree({ '.git/HEAD': '' });
    await expect(withRepositoryLock(root, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lockFileFor(root))).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const root = tree({ '.git/HEAD': '' });
    writeFileSync(lockFileFor(root), `pid ${deadPid()}\nsince 2026-01-01T00:00:00Z\n`);
    expect(await withRepositoryLock(root, () => 'done', { timeoutMs: 200 })).toBe('done');
  });

  it('gives up on a live holder with one line naming the lock file', async () => {
    const root = tree({ 'gitops.yaml': '' });
    const file = lockFileFor(root);
    writeFileSync(file, `pid ${process.pid}\nsince 2026-01-01T00:00:00Z\n`);
    const error = await withRepositoryLock(root, () => 'never', { timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(error).toMatchObject({ exitCode: 1, code: 'LOCKED', lockFile: file });
    expect((error as Error).message).toBe(
      `the repository lock ${file} is held by process ${process.pid} since 2026-01-01T00:00:00Z; wait for that gitops-init to finish, or delete ${file} if none is running`,
    );
    expect(readFileSync(file, 'utf8')).toContain(`pid ${process.pid}`);
  });
});

describe('writeFileAtomically with a repository root', () => {
  it('refuses a link out of the repository, in the file or a directory above it, and writes nothing', async () => {
    const outside = tree({ v: 'outside\n', 'dir/keep': 'outside\n' });
    const root = tree({ 'gitops.yaml': '', 'inside.txt': 'in\n' });
    symlinkSync(path.join(outside, 'v'), path.join(root, 'RELEASES.md'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, '.github'));
    symlinkSync(path.join(outside, 'missing'), path.join(root, 'dangling'));
    for (const [file, link] of [
      ['RELEASES.md', 'RELEASES.md'],
      ['.github/CODEOWNERS', '.github'],
      ['.github/new/deeper.yml', '.github'],
      ['dangling', 'dangling'],
    ] as const) {
      const error = await writeFileAtomically(path.join(root, file), 'x', { root }).catch((caught: unknown) => caught);
      expect(error, file).toBeInstanceOf(LinkEscapeError);
      expect(error).toMatchObject({ link, exitCode: 1, code: 'LINK_ESCAPE' });
      expect((error as Error).message).not.toContain('\n');
    }
    expect(readFileSync(path.join(outside, 'v'), 'utf8')).toBe('outside\n');
    expect(existsSync(path.join(outside, 'dir/CODEOWNERS'))).toBe(false);
    expect(existsSync(path.join(outside, 'dir/new'))).toBe(false);
    expect(existsSync(path.join(outside, 'missing'))).toBe(false);
  });

  it('writes through a link that stays inside, and under a root reached through a link', async () => {
    const root = tree({ 'gitops.yaml': '', 'docs/real.md': 'old\n' });
    symlinkSync('docs/real.md', path.join(root, 'alias.md'));
    await writeFileAtomically(path.join(root, 'alias.md'), 'new\n', { root });
    expect(readFileSync(path.join(root, 'docs/real.md'), 'utf8')).toBe('new\n');
    const base = tree({ keep: '' });
    symlinkSync(root, path.join(base, 'link-to-root'));
    mkdirSync(path.join(root, 'sub'));
    await writeFileAtomically(path.join(base, 'link-to-root', 'sub', 'f'), 'f\n', {
      root: path.join(base, 'link-to-root'),
    });
    expect(readFileSync(path.join(root, 'sub/f'), 'utf8')).toBe('f\n');
  });

  it('creates exclusively: an existing file fails with EEXIST and is kept', async () => {
    const root = tree({ 'a.yaml': 'first\n' });
    await expect(
      writeFileAtomically(path.join(root, 'a.yaml'), 'second\n', { root, exclusive: true }),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(path.join(root, 'a.yaml'), 'utf8')).toBe('first\n');
    await writeFileAtomically(path.join(root, 'b.yaml'), 'b\n', { root, exclusive: true });
    expect(readFileSync(path.join(root, 'b.yaml'), 'utf8')).toBe('b\n');
  });
});
