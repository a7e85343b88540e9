import { describe, expect, it } from 'vitest';
import { CodeownersMatcher } from '../../src/codeowners/matcher.js';
import { parseCodeowners } from '../../src/codeowners/parse.js';

function matcherOf(text: string): CodeownersMatcher {
  return new CodeownersMatcher(parseCodeowners(text, 'gitlab'));
}

function ownersOf(text: string, path: string): string[] {
  return matcherOf(text).match(path).owners;
}

/** GitLab's "Syntax of CODEOWNERS file" and "Advanced CODEOWNERS configuration" pages, example by example. */
describe("GitLab's documented sections", () => {
  // "The Code Owners for the README.md in the root directory are @admin, @user1 and @user2,
  // @user3. The Code Owners for internal/README.md are @admin, @user4, @user3."
  const sections = [
    '* @admin',
    '',
    '[README Owners]',
    'README.md @user1 @user2',
    'internal/README.md @user4',
    '',
    '[README other owners]',
    'README.md @user3',
    '',
  ].join('\n');

  it('every section applies its own last match', () => {
    expect(ownersOf(sections, 'README.md')).toEqual(['@admin', '@user1', '@user2', '@user3']);
    expect(ownersOf(sections, 'internal/README.md')).toEqual(['@admin', '@user4', '@user3']);
  });

  it('says which line of which section decided', () => {
    const ownership = matcherOf(sections).match('internal/README.md');
    expect(ownership.matches.map((match) => [match.section.name, match.rule.line])).toEqual([
      [undefined, 1],
      ['README Owners', 5],
      ['README other owners', 8],
    ]);
  });

  it('default owners of a section, and a line that overrides them', () => {
    const text = [
      '[Documentation] @docs-team',
      'docs/',
      'README.md',
      '',
      '[Database] @database-team @agarcia',
      'model/db/',
      'config/db/database-setup.md @docs-team',
      '',
    ].join('\n');
    expect(ownersOf(text, 'docs/index.md')).toEqual(['@docs-team']);
    expect(ownersOf(text, 'model/db/schema.rb')).toEqual(['@database-team', '@agarcia']);
    expect(ownersOf(text, 'config/db/database-setup.md')).toEqual(['@docs-team']);
  });

  it('regular entries are an unnamed section that sections do not override', () => {
    const text = [
      '* @general-approvers',
      '',
      '[Documentation] @docs-team',
      'docs/',
      'README.md',
      '*.txt',
      '',
      '[Database] @database-team',
      'model/db/',
      'config/db/database-setup.md @docs-team',
      '',
    ].join('\n');
    expect(ownersOf(text, 'model/db/CHANGELOG.txt')).toEqual(['@general-approvers', '@docs-team', '@database-team']);
    expect(ownersOf(text, 'config/db/database-setup.md')).toEqual(['@general-approvers', '@docs-team']);
    expect(ownersOf(text, 'src/main.rb')).toEqual(['@general-approvers']);
  });

  it('optional sections, required approvals and default owners on one header', () => {
    const parsed = parseCodeowners(
      [
        '[Documentation][2] @docs-team',
        'docs/',
        '^[Database] @database-team',
        'model/db/',
        '^[Go]',
        '*.go @root',
        '',
      ].join('\n'),
      'gitlab',
    );
    expect(parsed.sections.map((section) => [section.name, section.optional, section.approvals])).toEqual([
      [undefined, false, 0],
      ['Documentation', false, 2],
      ['Database', true, 0],
      ['Go', true, 0],
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('section names are case-insensitive and duplicate sections are combined; one required header makes the section required', () => {
    const parsed = parseCodeowners(
      ['[Documentation]', 'docs/ @docs', '^[DOCUMENTATION]', 'README.md @docs', ''].join('\n'),
      'gitlab',
    );
    expect(parsed.sections.map((section) => [section.name, section.optional])).toEqual([
      [undefined, false],
      ['Documentation', false],
    ]);
    expect(new CodeownersMatcher(parsed).match('README.md').matches.map((match) => match.section.name)).toEqual([
      'Documentation',
    ]);
  });

  it('reports the header errors GitLab reports', () => {
    const parsed = parseCodeowners(['[]', '^[Docs][2]', '[Docs] malformed', '[Broken', ''].join('\n'), 'gitlab');
    expect(parsed.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['sectionNameMissing', 1],
      ['optionalWithApprovals', 2],
      ['invalidSectionOwners', 3],
      ['invalidSection', 4],
    ]);
  });

  it('warns that a pattern starting with a bracket is a section header to GitLab', () => {
    const parsed = parseCodeowners('[id]/page.tsx @web\n', 'gitlab');
    expect(parsed.problems).toMatchObject([{ code: 'patternReadAsSection', line: 1, data: { name: 'id' } }]);
    expect(parseCodeowners('\\[id]/page.tsx @web\n', 'gitlab').problems).toEqual([]);
  });
});

describe("GitLab's documented path matching", () => {
  const cases: [pattern: string, path: string, matches: boolean][] = [
    // Absolute paths: from the repository root.
    ['/README.md', 'README.md', true],
    ['/README.md', 'docs/README.md', false],
    ['/docs/README.md', 'docs/README.md', true],
    // Relative paths are globstar paths, even with a slash inside.
    ['README.md', 'README.md', true],
    ['README.md', 'internal/README.md', true],
    ['README.md', 'app/lib/README.md', true],
    ['internal/README.md', 'internal/README.md', true],
    ['internal/README.md', 'docs/internal/README.md', true],
    ['internal/README.md', 'docs/api/internal/README.md', true],
    // Directory paths: "/docs/" is the same as "/docs/**/*".
    ['/docs/', 'docs/index.md', true],
    ['/docs/', 'docs/api/graphql/index.md', true],
    ['/docs/', 'src/docs/index.md', false],
    ['lib/', 'src/lib/a.rb', true],
    // Only a trailing slash reaches into a directory.
    ['/docs', 'docs/index.md', false],
    // Wildcards.
    ['/docs/*.md', 'docs/index.md', true],
    ['/docs/*.md', 'docs/api/index.md', false],
    ['/docs/index.*', 'docs/index.html', true],
    ['/docs/*spec*', 'docs/qa_specs.rb', true],
    ['/docs/*spec*', 'docs/runtime.spec', true],
    ['/docs/*/README.md', 'docs/api/README.md', true],
    ['/docs/*/README.md', 'docs/README.md', false],
    ['/docs/*', 'docs/index.md', true],
    ['/docs/*', 'docs/projects/index.md', false],
    // Globstar: zero or more directories.
    ['/docs/**/index.md', 'docs/index.md', true],
    ['/docs/**/index.md', 'docs/api/index.md', true],
    ['/docs/**/index.md', 'docs/api/graphql/index.md', true],
    // FNM_DOTMATCH: a star matches dot files.
    ['*', '.gitlab-ci.yml', true],
    ['/config/*', 'config/.env', true],
    // fnmatch character classes (GitLab, unlike GitHub).
    ['/x[ab].md', 'xa.md', true],
    ['/x[ab].md', 'xc.md', false],
    ['/x[!a].md', 'xb.md', true],
  ];
  for (const [pattern, path, matches] of cases) {
    it(`${pattern} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      expect(ownersOf(`${pattern} @x\n`, path)).toEqual(matches ? ['@x'] : []);
    });
  }

  it('escaped spaces and an escaped leading "#"', () => {
    expect(ownersOf('path\\ with\\ spaces/ @space-owner\n', 'a/path with spaces/b.md')).toEqual(['@space-owner']);
    expect(ownersOf('\\#file_with_pound.rb @owner-file-with-pound\n', 'lib/#file_with_pound.rb')).toEqual([
      '@owner-file-with-pound',
    ]);
  });

  it('owners: users, nested groups, e-mail addresses and roles; other words are ignored but reported', () => {
    const parsed = parseCodeowners(
      'LICENSE @legal this_does_not_match janedoe@gitlab.com\nREADME @group @group/with-nested/subgroup\n/config/ @@maintainer\n',
      'gitlab',
    );
    expect(parsed.rules.map((rule) => rule.owners.map((owner) => `${owner.kind}:${owner.name}`))).toEqual([
      ['user:@legal', 'email:janedoe@gitlab.com'],
      ['user:@group', 'team:@group/with-nested/subgroup'],
      ['role:@@maintainer'],
    ]);
    expect(parsed.problems).toMatchObject([
      { code: 'ignoredOwnerText', line: 1, column: 16, data: { text: 'this_does_not_match' } },
    ]);
  });

  it('has no inline comments: owners after "#" count, and that is reported', () => {
    const parsed = parseCodeowners('*.md @a # @b\n', 'gitlab');
    expect(new CodeownersMatcher(parsed).match('x.md').owners).toEqual(['@a', '@b']);
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['inlineComment']);
  });

  it('a line without owners in a section without default owners is an error', () => {
    expect(parseCodeowners('docs/\n', 'gitlab').problems).toMatchObject([{ code: 'missingOwner', line: 1 }]);
  });
});

describe("GitLab's documented exclusions", () => {
  const text = ['* @username', '!pom.xml', '', '[Ruby]', '*.rb @ruby-team', '!/config/**/*.rb', ''].join('\n');

  it('an exclusion applies in its section only', () => {
    expect(ownersOf(text, 'pom.xml')).toEqual([]);
    expect(ownersOf(text, 'config/a/b.rb')).toEqual(['@username']);
    expect(ownersOf(text, 'config/b.rb')).toEqual(['@username']);
    expect(ownersOf(text, 'app/x.rb')).toEqual(['@username', '@ruby-team']);
  });

  it('says which exclusion took the path out', () => {
    const ownership = matcherOf(text).match('pom.xml');
    expect(ownership.exclusions.map((rule) => rule.line)).toEqual([2]);
  });

  it('an excluded path cannot be included again in the same section, whatever the order', () => {
    expect(ownersOf('* @default-owner\n!*.rb\n/special/*.rb @ruby-owner\n', 'special/a.rb')).toEqual([]);
    expect(ownersOf('[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n/config/routes.rb @ops\n', 'config/routes.rb')).toEqual(
      [],
    );
  });

  it('different exclusions for different owners with more sections', () => {
    const sectioned = '[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n\n[Config]\n/config/**/* @ops-team\n';
    expect(ownersOf(sectioned, 'config/routes.rb')).toEqual(['@ops-team']);
    expect(ownersOf(sectioned, 'app/a.rb')).toEqual(['@ruby-team']);
  });

  it('automatically updated files need no approval', () => {
    const automated = '* @default-owner\n!package-lock.json\n!yarn.lock\n!**/generated/**/*\n!.gitlab-ci.yml\n';
    for (const path of ['package-lock.json', 'sub/yarn.lock', 'a/generated/b/c.ts', '.gitlab-ci.yml'])
      expect(ownersOf(automated, path)).toEqual([]);
    expect(ownersOf(automated, 'src/index.ts')).toEqual(['@default-owner']);
  });

  it('the same pattern again in a section replaces the earlier line, in its place', () => {
    const parsed = parseCodeowners('* @a\n*.md @b\n* @c\n', 'gitlab');
    expect(parsed.rules.map((rule) => [rule.line, rule.effective, rule.duplicateOf])).toEqual([
      [1, false, 3],
      [2, true, undefined],
      [3, true, undefined],
    ]);
    // The later "*" takes the earlier one's place, before "*.md".
    expect(new CodeownersMatcher(parsed).match('x.md').owners).toEqual(['@b']);
    expect(new CodeownersMatcher(parsed).match('x.rb').owners).toEqual(['@c']);
  });
});
