/**
 * The matcher indexes patterns so that a path is tested against few lines. These properties
 * check that the index never changes an answer: on random files and paths, the indexed matcher
 * agrees with a plain scan of every line, for both hosts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/codeowners/dialect.js';
import { CodeownersMatcher } from '../../src/codeowners/matcher.js';
import { parseCodeowners, type CodeownersFile } from '../../src/codeowners/parse.js';

/** Every line tested, latest first: GitHub's last match, GitLab's last match per section and its exclusions. */
function scan(file: CodeownersFile, path: string): { lines: number[]; owners: string[] } {
  const rules = file.rules.filter((rule) => rule.effective).sort((a, b) => a.order - b.order);
  const lines: number[] = [];
  const owners: string[] = [];
  file.sections.forEach((_section, index) => {
    const inSection = rules.filter((rule) => rule.section === index && rule.compiled.regex.test(path));
    if (inSection.some((rule) => rule.exclusion)) return;
    const last = inSection.at(-1);
    if (!last) return;
    lines.push(last.line);
    for (const owner of last.owners)
      if (!owners.some((known) => known.toLowerCase() === owner.name.toLowerCase())) owners.push(owner.name);
  });
  return { lines, owners };
}

const segment = fc.constantFrom(
  'apps',
  'docs',
  'a',
  'b.yaml',
  'c.md',
  'x.test.ts',
  '.github',
  'CODEOWNERS',
  '[id]',
  'b',
);
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((segments) => segments.join('/'));
const globSegment = fc.oneof(
  { weight: 5, arbitrary: segment },
  { weight: 3, arbitrary: fc.constantFrom('*', '*.yaml', '*.md', '*.ts', 'a*', '?', '*.test.ts', 'x.*') },
  { weight: 1, arbitrary: fc.constant('**') },
);
const pattern = fc
  .record({
    leading: fc.boolean(),
    segments: fc.array(globSegment, { minLength: 1, maxLength: 3 }),
    trailing: fc.boolean(),
  })
  .map(({ leading, segments, trailing }) => `${leading ? '/' : ''}${segments.join('/')}${trailing ? '/' : ''}`);
const owners = fc.array(fc.constantFrom('@acme/platform', '@acme/app', '@alice', 'bob@example.com'), { maxLength: 2 });

function line(dialect: Dialect): fc.Arbitrary<string> {
  const rule = fc.tuple(pattern, owners).map(([text, names]) => [text, ...names].join(' '));
  if (dialect === 'github') return rule;
  return fc.oneof(
    { weight: 8, arbitrary: rule },
    { weight: 1, arbitrary: pattern.map((text) => `!${text}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('[Docs]', '^[Ops]', '[docs][2]', '[Security] @acme/security'), owners)
        .map(([header, names]) => [header, ...names].join(' ')),
    },
  );
}

for (const dialect of ['github', 'gitlab'] as const) {
  describe(`the ${dialect} matcher's index`, () => {
    it('gives the same answer as a scan of every line', () => {
      fc.assert(
        fc.property(
          fc.array(line(dialect), { maxLength: 40 }),
          fc.array(path, { minLength: 1, maxLength: 30 }),
          (lines, paths) => {
            const file = parseCodeowners(lines.join('\n'), dialect);
            const matcher = new CodeownersMatcher(file);
            for (const file_ of paths) {
              const ownership = matcher.match(file_);
              expect(
                { lines: ownership.matches.map((match) => match.rule.line), owners: ownership.owners },
                file_,
              ).toEqual(scan(file, file_));
              const all = matcher.matchingRules(file_).map((rule) => rule.line);
              expect(all).toEqual(
                file.rules
                  .filter((rule) => rule.effective && rule.compiled.regex.test(file_))
                  .sort((a, b) => a.order - b.order)
                  .map((rule) => rule.line),
              );
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });
}

describe('the index', () => {
  it('tests a path against the lines that can match it, not against every line', () => {
    const lines = Array.from({ length: 1000 }, (_, index) => `/team-${index}/ @acme/team-${index}`);
    const file = parseCodeowners(['* @acme/platform', ...lines, '*.md @acme/docs'].join('\n'), 'github');
    const matcher = new CodeownersMatcher(file);
    let tests = 0;
    for (const rule of matcher.rules) {
      const test = rule.compiled.regex.test.bind(rule.compiled.regex);
      rule.compiled.regex.test = (input: string) => {
        tests += 1;
        return test(input);
      };
    }
    expect(matcher.match('team-500/x.yaml').owners).toEqual(['@acme/team-500']);
    expect(tests).toBeLessThanOrEqual(3);
  });
});
