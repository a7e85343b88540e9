import { describe, expect, it } from 'vitest';
import { hasHeadingFor, isIsoDate, parseChangelog, releaseChangelog } from '../../src/versioning/changelog.js';

const KEEP_A_CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '- Flux support',
  '',
  '## [1.2.0] - 2026-11-26',
  '',
  '### Fixed',
  '- A bug',
  '',
  '## [1.1.0]',
  '',
  '[Unreleased]: https://github.com/acme/shop/compare/v1.2.0...HEAD',
  '[1.2.0]: https://github.com/acme/shop/compare/v1.1.0...v1.2.0',
  '',
].join('\n');

describe('parseChangelog', () => {
  it('finds each section header with its title, date, line and range', () => {
    const sections = parseChangelog(KEEP_A_CHANGELOG);
    expect(sections.map(({ title, date, line }) => ({ title, date, line }))).toEqual([
      { title: 'Unreleased', date: undefined, line: 3 },
      { title: '1.2.0', date: '2026-11-26', line: 8 },
      { title: '1.1.0', date: undefined, line: 13 },
    ]);
    const [, second] = sections;
    expect(second && KEEP_A_CHANGELOG.slice(...second.range)).toBe('## [1.2.0] - 2026-11-26');
  });

  it('reads CRLF line endings and a header indented with tabs', () => {
    const sections = parseChangelog('# C\r\n\r\n##\t[2.0.0]\t-\t2026-01-02\r\n- x\r\n');
    expect(sections.map(({ title, date, line, range }) => ({ title, date, line, start: range[0] }))).toEqual([
      { title: '2.0.0', date: '2026-01-02', line: 3, start: 7 },
    ]);
  });

  it('keeps a date that is not ISO as written, and an empty date as none', () => {
    expect(parseChangelog('## [1.0.0] - 26/11/2026\n')[0]?.date).toBe('26/11/2026');
    expect(parseChangelog('## [1.0.0] - \n')[0]?.date).toBeUndefined();
  });

  it('ignores headers of other levels, link references and headers without brackets', () => {
    expect(parseChangelog('# [1.0.0]\n### [1.0.0]\n## 1.0.0\n[1.0.0]: https://x\n  ## [1.0.0]\n##[1.0.0]\n')).toEqual(
      [],
    );
  });

  it('is empty for an empty text', () => {
    expect(parseChangelog('')).toEqual([]);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar days, leap days included', () => {
    expect(isIsoDate('2026-11-26')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('refuses days that do not exist and other spellings', () => {
    for (const date of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-5',
      '26-11-2026',
    ]) {
      expect(isIsoDate(date)).toBe(false);
    }
    expect(isIsoDate('2026-11-26T10:00:00Z')).toBe(false);
    expect(isIsoDate(' 2026-11-26')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('releaseChangelog', () => {
  it('dates the Unreleased section, opens a new one and updates the compare links', () => {
    expect(releaseChangelog(KEEP_A_CHANGELOG, '1.3.0', '2026-12-04', '1.2.0')).toBe(
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '## [1.3.0] - 2026-12-04',
        '',
        '### Added',
        '- Flux support',
        '',
        '## [1.2.0] - 2026-11-26',
        '',
        '### Fixed',
        '- A bug',
        '',
        '## [1.1.0]',
        '',
        '[Unreleased]: https://github.com/acme/shop/compare/v1.3.0...HEAD',
        '[1.3.0]: https://github.com/acme/shop/compare/v1.2.0...v1.3.0',
        '[1.2.0]: https://github.com/acme/shop/compare/v1.1.0...v1.2.0',
        '',
      ].join('\n'),
    );
  });

  it('keeps compare links without a v prefix without one', () => {
    const text = '## [Unreleased]\n\n[Unreleased]: https://gitlab.com/a/b/-/compare/0.1.0...HEAD\n';
    const output = releaseChangelog(text, '0.2.0', '2026-12-04', '0.1.0');
    expect(output).toContain('[Unreleased]: https://gitlab.com/a/b/-/compare/0.2.0...HEAD\n');
    expect(output).toContain('[0.2.0]: https://gitlab.com/a/b/-/compare/0.1.0...0.2.0\n');
  });

  it('leaves the links alone when there is no previous version', () => {
    const text = '## [Unreleased]\n\n[Unreleased]: https://github.com/a/b/compare/v0.1.0...HEAD\n';
    const output = releaseChangelog(text, '1.0.0', '2026-12-04', undefined);
    expect(output).toContain('[Unreleased]: https://github.com/a/b/compare/v0.1.0...HEAD\n');
    expect(output).not.toContain('[1.0.0]:');
  });

  it('finds the Unreleased section whatever its case', () => {
    const output = releaseChangelog('## [unreleased]\n- x\n', '1.0.0', '2026-12-04', undefined);
    expect(output).toBe('## [unreleased]\n\n## [1.0.0] - 2026-12-04\n- x\n');
  });

  it('adds both sections above the first one when there is no Unreleased section', () => {
    const text = '# Changelog\n\n## [1.0.0] - 2026-01-01\n- first\n';
    expect(releaseChangelog(text, '1.1.0', '2026-12-04', '1.0.0')).toBe(
      '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-12-04\n\n## [1.0.0] - 2026-01-01\n- first\n',
    );
  });

  it('separates the new sections from a title with a blank line', () => {
    expect(releaseChangelog('# Changelog', '1.0.0', '2026-12-04', undefined)).toBe(
      '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-12-04\n\n',
    );
    expect(releaseChangelog('# Changelog\n', '1.0.0', '2026-12-04', undefined)).toBe(
      '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-12-04\n\n',
    );
  });

  it('writes both sections into an empty file', () => {
    expect(releaseChangelog('', '0.1.0', '2026-12-04', undefined)).toBe(
      '## [Unreleased]\n\n## [0.1.0] - 2026-12-04\n\n',
    );
  });

  it('refuses a version that already has a section, and changes nothing', () => {
    expect(() => releaseChangelog(KEEP_A_CHANGELOG, '1.2.0', '2026-12-04', '1.1.0')).toThrow(
      'CHANGELOG.md already has a section for 1.2.0',
    );
  });

  it('keeps the CRLF line endings of a CRLF file', () => {
    const text = '# Changelog\r\n\r\n## [Unreleased]\r\n- x\r\n\r\n## [1.0.0] - 2026-01-01\r\n- y\r\n';
    const output = releaseChangelog(text, '1.1.0', '2026-12-04', '1.0.0');
    expect(parseChangelog(output).map((section) => section.title)).toEqual(['Unreleased', '1.1.0', '1.0.0']);
    // Every line break stays CRLF: a mix shows up in every diff of the file.
    expect(output.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('ends the text with a newline', () => {
    expect(releaseChangelog('## [Unreleased]', '1.0.0', '2026-12-04', undefined)).toBe(
      '## [Unreleased]\n\n## [1.0.0] - 2026-12-04\n',
    );
  });
});

describe('hasHeadingFor', () => {
  it.each([
    ['## [1.2.0] - 2026-11-26', true],
    ['## [1.2.0](https://github.com/acme/shop/compare/v1.1.0...v1.2.0) (2026-11-26)', true],
    ['### [1.2.0](https://github.com/acme/shop/compare/v1.1.0...v1.2.0)', true],
    ['## v1.2.0 (2026-11-26)', true],
    ['## 1.2.0', true],
    ['## [11.2.0] - 2026-11-26', false],
    ['## [1.2.0-rc.1] - 2026-11-26', false],
    ['## [1.2.1](https://github.com/acme/shop/compare/v1.2.0...v1.2.1) (2026-11-26)', false],
    ['Released 1.2.0 on 2026-11-26 (not a heading)', false],
    ['##### [1.2.0]', false],
  ])('%s: %s', (heading, found) => {
    expect(hasHeadingFor(`# Changelog\n\n${heading}\n`, '1.2.0')).toBe(found);
  });

  it('escapes the version', () => {
    expect(hasHeadingFor('## [1.2.0+build.5] - 2026-11-26\n', '1.2.0+build.5')).toBe(true);
    expect(hasHeadingFor('## [1x2y0] - 2026-11-26\n', '1.2.0')).toBe(false);
  });
});
