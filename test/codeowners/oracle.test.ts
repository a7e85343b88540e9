/**
 * Property-based evidence for the matcher: on the pattern syntax that GitHub's CODEOWNERS and
 * .gitignore share, it must agree with git itself (`git check-ignore`) on random patterns and
 * paths, in a real temporary repository. Left out, because GitHub documents them otherwise:
 * brackets (literal on GitHub, classes in git), `!` (unsupported on GitHub), and an anchored
 * pattern ending in a lone `*` (`docs/*` does not reach into docs/build-app/ on GitHub). Also
 * left out: a double star inside a segment ("a", two stars, "/b"), which gitignore's
 * documentation calls a regular star but git's wildmatch reads as any directories (it ignores
 * "ab/c"), and which GitHub documents nowhere; the matcher follows the documentation.
 * GitHub documents this in "About code owners" (docs.github.com), "CODEOWNERS syntax".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/codeowners/pattern.js';

let repository: string;

beforeAll(() => {
  repository = mkdtempSync(path.join(tmpdir(), 'gitops-init-oracle-'));
  execFileSync('git', ['init', '-q'], { cwd: repository });
});

afterAll(() => {
  rmSync(repository, { recursive: true, force: true });
});

/** Which of the paths git ignores with a .gitignore of this one pattern. */
function gitIgnores(pattern: string, paths: readonly string[]): boolean[] {
  writeFileSync(path.join(repository, '.gitignore'), `${pattern}\n`);
  let output: string;
  try {
    output = execFileSync('git', ['-c', 'core.ignorecase=false', 'check-ignore', '--no-index', '-v', '-n', '--stdin'], {
      cwd: repository,
      input: `${paths.join('\n')}\n`,
      encoding: 'utf8',
    });
  } catch (error) {
    // check-ignore exits 1 when nothing is ignored; -n still prints every path.
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const ignored = new Map<string, boolean>();
  for (const line of output.split('\n')) {
    const [source, file] = line.split('\t');
    if (file !== undefined) ignored.set(file, source !== '::');
  }
  return paths.map((file) => ignored.get(file) ?? false);
}

const pathSegment = fc.constantFrom('a', 'b', 'ab', 'ba', 'a.b', 'b.a', '.a', 'a*', 'a?b', 'x y');
const paths = fc.uniqueArray(
  fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/')),
  {
    minLength: 1,
    maxLength: 40,
  },
);

const globSegment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'ab', 'a.b', '.a', 'x\\ y') },
  { weight: 4, arbitrary: fc.constantFrom('*', 'a*', '*b', '*.b', 'a*b', '*a*', '?', 'a?', '?.b') },
  { weight: 1, arbitrary: fc.constantFrom('a\\*', 'a\\?b', '\\a') },
  { weight: 2, arbitrary: fc.constant('**') },
);

/** Whether git and GitHub read the pattern alike (see the file's comment). */
function isShared(pattern: string): boolean {
  const inner = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  if (inner === '' || inner === '/') return false;
  const anchored = inner.includes('/');
  const last = inner.split('/').at(-1);
  return !(anchored && last === '*' && !pattern.endsWith('/'));
}

const patterns = fc
  .record({
    leading: fc.boolean(),
    segments: fc.array(globSegment, { minLength: 1, maxLength: 3 }),
    trailing: fc.boolean(),
  })
  .map(({ leading, segments, trailing }) => `${leading ? '/' : ''}${segments.join('/')}${trailing ? '/' : ''}`)
  .filter(isShared);

describe('the GitHub matcher agrees with git check-ignore on the syntax both share', () => {
  it('random patterns and paths', () => {
    fc.assert(
      fc.property(patterns, paths, (pattern, files) => {
        const { regex } = compilePattern(pattern, 'github');
        const ours = files.map((file) => regex.test(file));
        expect(ours, `pattern ${JSON.stringify(pattern)}`).toEqual(gitIgnores(pattern, files));
      }),
      { numRuns: 300 },
    );
  });

  it('hand-picked patterns where gitignore has special cases', () => {
    const files = ['a', 'a/b', 'a/b/c', 'b/a', 'b/a/c', 'a/x/b', 'a/x/y/b', 'ab', 'x/ab/c', '.a', 'x/.a/b'];
    for (const pattern of [
      '**',
      '**/',
      '/**',
      'a/**',
      'a/**/',
      'a/**/b',
      '**/a',
      '**/a/',
      'a/',
      '/a',
      '/a/',
      '*',
      '*/',
      'a/*/',
      '.a',
      '**/b/**',
    ]) {
      const { regex } = compilePattern(pattern, 'github');
      expect(
        files.map((file) => regex.test(file)),
        pattern,
      ).toEqual(gitIgnores(pattern, files));
    }
  });

  it('the documented exceptions do differ from git, as GitHub says', () => {
    const files = ['docs/getting-started.md', 'docs/build-app/troubleshooting.md'];
    expect(gitIgnores('docs/*', files)).toEqual([true, true]);
    expect(files.map((file) => compilePattern('docs/*', 'github').regex.test(file))).toEqual([true, false]);
    expect(gitIgnores('/app/[id]/', ['app/i/page.tsx', 'app/[id]/page.tsx'])).toEqual([true, false]);
    expect(
      ['app/i/page.tsx', 'app/[id]/page.tsx'].map((file) => compilePattern('/app/[id]/', 'github').regex.test(file)),
    ).toEqual([false, true]);
  });
});
