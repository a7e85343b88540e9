import { describe, expect, it } from 'vitest';
import { computeCoverage, decidingRules } from '../../src/codeowners/coverage.js';
import { CodeownersMatcher } from '../../src/codeowners/matcher.js';
import { parseCodeowners, type CodeownersRule } from '../../src/codeowners/parse.js';

type Dialect = Parameters<typeof parseCodeowners>[1];

/** Coverage of a CODEOWNERS text over files, with rules named by their pattern (`!` for exclusions). */
function coverage(text: string, dialect: Dialect, files: string[]) {
  const parsed = parseCodeowners(text, dialect);
  const result = computeCoverage(new CodeownersMatcher(parsed), files);
  const name = (rule: CodeownersRule): string => `${rule.exclusion ? '!' : ''}${rule.pattern}`;
  const counts = (map: Map<CodeownersRule, number>): Record<string, number> =>
    Object.fromEntries([...map].map(([rule, count]) => [name(rule), count]));
  return {
    unowned: result.unowned,
    matched: counts(result.matched),
    decided: counts(result.decided),
    deciders: Object.fromEntries([...result.deciders].map(([rule, map]) => [name(rule), counts(map)])),
    rules: parsed.rules,
  };
}

const FILES = ['apps/shop/deploy.yaml', 'apps/cart/deploy.yaml', 'docs/index.md', 'README.md'];

describe('computeCoverage on GitHub', () => {
  const text = '* @acme/all\n/apps/ @acme/apps\n/apps/shop/ @acme/shop\n/docs/\n';

  it('counts the files each line matches and decides, and which later line took the others', () => {
    const result = coverage(text, 'github', FILES);
    expect(result.matched).toEqual({ '*': 4, '/apps/': 2, '/apps/shop/': 1, '/docs/': 1 });
    expect(result.decided).toEqual({ '*': 1, '/apps/': 1, '/apps/shop/': 1, '/docs/': 1 });
    expect(result.deciders).toEqual({
      '*': { '/apps/': 1, '/apps/shop/': 1, '/docs/': 1 },
      '/apps/': { '/apps/shop/': 1 },
    });
  });

  it('lists as unowned, in the order given, files whose last match has no owners and files nothing matches', () => {
    expect(coverage(text, 'github', FILES).unowned).toEqual(['docs/index.md']);
    const noDefault = '/apps/ @acme/apps\n/docs/\n';
    expect(coverage(noDefault, 'github', ['z.md', ...FILES]).unowned).toEqual(['z.md', 'docs/index.md', 'README.md']);
  });

  it('covers nothing with an empty file, and counts nothing for no files', () => {
    expect(coverage('', 'github', FILES).unowned).toEqual(FILES);
    const none = coverage(text, 'github', []);
    expect(none).toMatchObject({ unowned: [], matched: {}, decided: {}, deciders: {} });
  });

  it('counts every entry of the file list, a file listed twice included', () => {
    const result = coverage('* @a\n*.md @b\n', 'github', ['a.md', 'a.md', 'b.txt']);
    expect(result.matched).toEqual({ '*': 3, '*.md': 2 });
    expect(result.decided).toEqual({ '*': 1, '*.md': 2 });
    expect(result.deciders).toEqual({ '*': { '*.md': 2 } });
  });
});

describe('computeCoverage on GitLab', () => {
  const text = [
    '* @acme/all',
    '',
    '[Apps] @acme/apps',
    '/apps/',
    '!/apps/cart/',
    '/apps/shop/ @acme/shop',
    '',
    '[Docs]',
    '/docs/ @acme/docs',
    '',
  ].join('\n');

  it('decides each file once per section, so lines of different sections do not take files from each other', () => {
    const result = coverage(text, 'gitlab', FILES);
    expect(result.matched).toEqual({ '*': 4, '/apps/': 2, '!/apps/cart/': 1, '/apps/shop/': 1, '/docs/': 1 });
    // `*` decides every file in its own section, even those later sections own too.
    expect(result.decided).toEqual({ '*': 4, '!/apps/cart/': 1, '/apps/shop/': 1, '/docs/': 1 });
    expect(result.deciders).toEqual({ '/apps/': { '/apps/shop/': 1, '!/apps/cart/': 1 } });
    expect(result.unowned).toEqual([]);
  });

  it('leaves a file unowned when its only match in a section excludes it', () => {
    const withoutDefault = text.replace('* @acme/all\n', '');
    expect(coverage(withoutDefault, 'gitlab', FILES).unowned).toEqual(['apps/cart/deploy.yaml', 'README.md']);
  });

  it('takes owners from the section header for lines without their own', () => {
    expect(coverage('[Apps] @acme/apps\n/apps/\n', 'gitlab', ['apps/a.yaml']).unowned).toEqual([]);
    expect(coverage('[Apps]\n/apps/\n', 'gitlab', ['apps/a.yaml']).unowned).toEqual(['apps/a.yaml']);
  });
});

describe('decidingRules', () => {
  const rules = parseCodeowners('[A]\n/a/ @x\n/a/b/ @y\n!/a/b/c/\n[B]\n/a/ @z\n', 'gitlab').rules.filter(
    (rule) => rule.effective,
  );

  it('is the last match on GitHub, and nothing without a match', () => {
    const github = parseCodeowners('* @a\n/x/ @b\n', 'github').rules;
    expect(decidingRules(github, 'github')).toEqual([github[1]]);
    expect(decidingRules([], 'github')).toEqual([]);
  });

  it('is the first exclusion or else the last match of each section on GitLab, exclusions first', () => {
    const [a1, a2, excluded, b1] = rules;
    expect(
      decidingRules(
        [a1, a2, b1].filter((rule) => rule !== undefined),
        'gitlab',
      ),
    ).toEqual([a2, b1]);
    expect(
      decidingRules(
        [a1, a2, excluded, b1].filter((rule) => rule !== undefined),
        'gitlab',
      ),
    ).toEqual([excluded, b1]);
    expect(decidingRules([], 'gitlab')).toEqual([]);
  });
});
