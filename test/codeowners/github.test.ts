import { describe, expect, it } from 'vitest';
import { CodeownersMatcher } from '../../src/codeowners/matcher.js';
import { parseCodeowners } from '../../src/codeowners/parse.js';

function ownersOf(text: string, path: string): string[] {
  return new CodeownersMatcher(parseCodeowners(text, 'github')).match(path).owners;
}

/**
 * The example CODEOWNERS file of GitHub's "About code owners" page, line for line (comments
 * shortened), and what the page says each line owns.
 */
const GITHUB_EXAMPLE = [
  '# This is a comment.',
  '*       @global-owner1 @global-owner2',
  '*.js    @js-owner #This is an inline comment.',
  '*.go docs@example.com',
  '*.txt @octo-org/octocats',
  '/build/logs/ @doctocat',
  'docs/*  docs@example.com',
  'apps/ @octocat',
  '/docs/ @doctocat',
  '/scripts/ @doctocat @octocat',
  '**/logs @octocat',
  '/apps/ @octocat',
  '/apps/github',
  '/apps/ @octocat',
  '/apps/github @doctocat',
  '',
].join('\n');

describe("GitHub's documented example, one line at a time", () => {
  const cases: [line: string, path: string, owners: string[]][] = [
    // "These owners will be the default owners for everything in the repo."
    ['*       @global-owner1 @global-owner2', 'README.md', ['@global-owner1', '@global-owner2']],
    ['*       @global-owner1 @global-owner2', 'deeply/nested/.hidden', ['@global-owner1', '@global-owner2']],
    // "*.js @js-owner #This is an inline comment." The comment is no owner.
    ['*.js    @js-owner #This is an inline comment.', 'src/app.js', ['@js-owner']],
    ['*.js    @js-owner #This is an inline comment.', 'app.jsx', []],
    // E-mail addresses are owners.
    ['*.go docs@example.com', 'cmd/main.go', ['docs@example.com']],
    // "the octocats team in the octo-org organization owns all .txt files"
    ['*.txt @octo-org/octocats', 'a/b/notes.txt', ['@octo-org/octocats']],
    // "@doctocat owns any files in the build/logs directory at the root of the repository and any of its subdirectories"
    ['/build/logs/ @doctocat', 'build/logs/today.log', ['@doctocat']],
    ['/build/logs/ @doctocat', 'build/logs/2024/01/today.log', ['@doctocat']],
    ['/build/logs/ @doctocat', 'src/build/logs/today.log', []],
    // "The docs/* pattern will match files like docs/getting-started.md but not further nested
    // files like docs/build-app/troubleshooting.md."
    ['docs/*  docs@example.com', 'docs/getting-started.md', ['docs@example.com']],
    ['docs/*  docs@example.com', 'docs/build-app/troubleshooting.md', []],
    // "@octocat owns any file in an apps directory anywhere in your repository"
    ['apps/ @octocat', 'apps/web/index.js', ['@octocat']],
    ['apps/ @octocat', 'services/apps/web/index.js', ['@octocat']],
    ['apps/ @octocat', 'apps', []],
    // "@doctocat owns any file in the /docs directory in the root of your repository and any of its subdirectories"
    ['/docs/ @doctocat', 'docs/build-app/troubleshooting.md', ['@doctocat']],
    ['/docs/ @doctocat', 'src/docs/index.md', []],
    // "any change inside the /scripts directory will require approval from @doctocat or @octocat"
    ['/scripts/ @doctocat @octocat', 'scripts/deploy.sh', ['@doctocat', '@octocat']],
    // "@octocat owns any file in a /logs directory such as /build/logs, /scripts/logs, and /deeply/nested/logs"
    ['**/logs @octocat', 'build/logs/a.log', ['@octocat']],
    ['**/logs @octocat', 'scripts/logs/a.log', ['@octocat']],
    ['**/logs @octocat', 'deeply/nested/logs/a.log', ['@octocat']],
    ['**/logs @octocat', 'logs/a.log', ['@octocat']],
  ];
  for (const [line, path, owners] of cases) {
    it(`${line.split(/\s+/)[0] ?? ''} -> ${path}`, () => {
      expect(ownersOf(`${line}\n`, path)).toEqual(owners);
    });
  }

  it('an empty owner list takes a subdirectory away from a broader line', () => {
    const text = '/apps/ @octocat\n/apps/github\n';
    expect(ownersOf(text, 'apps/web/a.js')).toEqual(['@octocat']);
    expect(ownersOf(text, 'apps/github/a.js')).toEqual([]);
  });

  it('a subdirectory with its own owner', () => {
    const text = '/apps/ @octocat\n/apps/github @doctocat\n';
    expect(ownersOf(text, 'apps/web/a.js')).toEqual(['@octocat']);
    expect(ownersOf(text, 'apps/github/a.js')).toEqual(['@doctocat']);
  });
});

describe("GitHub's documented example as one file: the last matching line wins", () => {
  const matcher = new CodeownersMatcher(parseCodeowners(GITHUB_EXAMPLE, 'github'));
  const cases: [path: string, owners: string[], line: number][] = [
    ['README.md', ['@global-owner1', '@global-owner2'], 2],
    ['src/app.js', ['@js-owner'], 3],
    ['build/logs/today.log', ['@octocat'], 11],
    ['docs/getting-started.md', ['@doctocat'], 9],
    ['src/docs/getting-started.md', ['@global-owner1', '@global-owner2'], 2],
    ['apps/web/index.js', ['@octocat'], 14],
    ['apps/github/index.js', ['@doctocat'], 15],
    ['scripts/logs/run.log', ['@octocat'], 11],
    ['scripts/deploy.sh', ['@doctocat', '@octocat'], 10],
    ['notes.txt', ['@octo-org/octocats'], 5],
  ];
  for (const [path, owners, line] of cases) {
    it(`${path} -> line ${line}`, () => {
      const ownership = matcher.match(path);
      expect(ownership.owners).toEqual(owners);
      expect(ownership.matches.map((match) => match.rule.line)).toEqual([line]);
    });
  }

  it('parses without problems except the documented ownerless line', () => {
    const parsed = parseCodeowners(GITHUB_EXAMPLE, 'github');
    expect(parsed.problems).toEqual([
      { code: 'noOwners', line: 13, column: 1, endColumn: 13, data: { pattern: '/apps/github' } },
    ]);
    expect(parsed.rules.map((rule) => rule.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('marks repeated patterns: each earlier /apps/ line is dead', () => {
    const parsed = parseCodeowners(GITHUB_EXAMPLE, 'github');
    expect(
      parsed.rules.filter((rule) => rule.duplicateOf !== undefined).map((rule) => [rule.line, rule.duplicateOf]),
    ).toEqual([
      [12, 14],
      [13, 15],
    ]);
  });
});

describe('GitHub syntax exceptions (the "do not work" list) and other details', () => {
  it('reports "!" negation as unsupported and ignores the line', () => {
    const parsed = parseCodeowners('* @a\n!docs/ @b\n', 'github');
    expect(parsed.problems).toMatchObject([{ code: 'negation', line: 2, column: 1, endColumn: 7 }]);
    expect(new CodeownersMatcher(parsed).match('docs/x').owners).toEqual(['@a']);
  });

  it('reports an escaped leading "#" as unsupported and ignores the line', () => {
    const parsed = parseCodeowners('* @a\n\\#notes.md @b\n', 'github');
    expect(parsed.problems).toMatchObject([{ code: 'escapedHash', line: 2 }]);
    expect(new CodeownersMatcher(parsed).match('#notes.md').owners).toEqual(['@a']);
  });

  it('matches [ and ] literally: route folders such as app/[id]/', () => {
    const text = '/app/[id]/ @routes\n';
    expect(ownersOf(text, 'app/[id]/page.tsx')).toEqual(['@routes']);
    expect(ownersOf(text, 'app/i/page.tsx')).toEqual([]);
    expect(ownersOf(text, 'app/d/page.tsx')).toEqual([]);
    expect(parseCodeowners(text, 'github').problems).toEqual([]);
  });

  it('reads \\* and \\? as literal characters', () => {
    expect(ownersOf('/a\\*b @x\n', 'a*b')).toEqual(['@x']);
    expect(ownersOf('/a\\*b @x\n', 'acb')).toEqual([]);
    expect(ownersOf('/a\\?b @x\n', 'a?b')).toEqual(['@x']);
    expect(ownersOf('/a\\?b @x\n', 'acb')).toEqual([]);
  });

  it('reads escaped spaces as part of the path', () => {
    const parsed = parseCodeowners('/my\\ docs/ @docs\n', 'github');
    expect(parsed.rules[0]?.pattern).toBe('/my\\ docs/');
    expect(new CodeownersMatcher(parsed).match('my docs/a.md').owners).toEqual(['@docs']);
  });

  it('is case-sensitive', () => {
    expect(ownersOf('/Docs/ @x\n', 'docs/a.md')).toEqual([]);
    expect(ownersOf('/Docs/ @x\n', 'Docs/a.md')).toEqual(['@x']);
  });

  it('reads "#" inside a pattern as the start of a comment, and says so', () => {
    const parsed = parseCodeowners('notes#1.md @x\n', 'github');
    expect(parsed.problems).toMatchObject([
      { code: 'hashInPattern', line: 1, column: 1, endColumn: 6, data: { pattern: 'notes' } },
    ]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.rules[0]?.pattern).toBe('notes');
  });

  it('reports malformed owners with their columns and keeps the well-formed ones', () => {
    const parsed = parseCodeowners('*.md @docs team @org/ x@y\n', 'github');
    expect(parsed.problems).toMatchObject([
      { code: 'invalidOwner', column: 12, endColumn: 16, data: { owner: 'team' } },
      { code: 'invalidOwner', column: 17, endColumn: 22, data: { owner: '@org/' } },
      { code: 'invalidOwner', column: 23, endColumn: 26, data: { owner: 'x@y' } },
    ]);
    expect(parsed.rules[0]?.owners.map((owner) => [owner.name, owner.kind, owner.column])).toEqual([
      ['@docs', 'user', 6],
    ]);
  });

  it("reports GitLab's section headers, which GitHub reads as patterns", () => {
    expect(parseCodeowners('[Docs] @docs\n^[Ops]\n', 'github').problems.map((problem) => problem.code)).toEqual([
      'sectionHeader',
      'sectionHeader',
      'noOwners',
    ]);
  });

  it('keeps line and column positions with leading white space and CRLF line ends', () => {
    const parsed = parseCodeowners('# c\r\n  /x/   @a  @org/b\r\n', 'github');
    expect(parsed.rules[0]).toMatchObject({ line: 2, column: 3, endColumn: 6, text: '/x/   @a  @org/b' });
    expect(parsed.rules[0]?.owners.map((owner) => [owner.name, owner.column, owner.endColumn])).toEqual([
      ['@a', 9, 11],
      ['@org/b', 13, 19],
    ]);
  });
});
