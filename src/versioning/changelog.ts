/**
 * CHANGELOG.md in the Keep a Changelog format (https://keepachangelog.com/en/1.1.0/):
 * `## [Unreleased]`, then `## [1.2.0] - 2026-11-26` sections, newest first, and optional link
 * references such as `[Unreleased]: https://…/compare/v1.2.0...HEAD` at the end.
 */
export interface ChangelogSection {
  /** `Unreleased` or the version as written between the brackets. */
  title: string;
  /** The date as written after ` - `, if any. */
  date: string | undefined;
  /** 1-based line of the header. */
  line: number;
  /** Offsets of the header line in the text. */
  range: [number, number];
}

const HEADER = /^##[ \t]+\[([^\]\r\n]+)\](?:[ \t]+-[ \t]+([^\r\n]*?))?[ \t]*\r?$/gm;

export function parseChangelog(text: string): ChangelogSection[] {
  const sections: ChangelogSection[] = [];
  for (const match of text.matchAll(HEADER)) {
    const start = match.index;
    const line = text.slice(0, start).split('\n').length;
    sections.push({
      title: match[1]?.trim() ?? '',
      date: match[2]?.trim() || undefined,
      line,
      range: [start, start + match[0].length],
    });
  }
  return sections;
}

/**
 * Whether a heading of the changelog names `version`, in Keep a Changelog's form or in the forms
 * release tools write: `## [1.2.0] - 2026-11-26`, `## [1.2.0](https://…/compare/v1.1.0...v1.2.0)
 * (2026-11-26)` (release-please, conventional-changelog), `### [1.2.1](…)`, `## v1.2.0 (2026-11-26)`.
 * `1.2.0` is not found in `11.2.0` or `1.2.0-rc.1`.
 */
export function hasHeadingFor(text: string, version: string): boolean {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^#{1,4}[ \t]+(?:.*[^\\w.+-])?v?${escaped}(?![\\w.+-])`, 'm').test(text);
}

/** Whether a date is a real calendar day written as YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(Date.UTC(year, month - 1, day));
  return value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === day;
}

/**
 * Turns the `## [Unreleased]` section into `## [version] - date` and opens a new, empty
 * Unreleased section above it; updates compare links when the file has them.
 */
export function releaseChangelog(text: string, version: string, date: string, previous: string | undefined): string {
  // A changelog written with CRLF line breaks keeps them: work on LF, then put them back.
  if (text.includes('\r\n')) {
    return releaseChangelog(text.replaceAll('\r\n', '\n'), version, date, previous).replaceAll('\n', '\r\n');
  }
  const sections = parseChangelog(text);
  if (sections.some((section) => section.title === version)) {
    throw new Error(`CHANGELOG.md already has a section for ${version}`);
  }
  const unreleased = sections.find((section) => section.title.toLowerCase() === 'unreleased');
  const header = `## [${version}] - ${date}`;
  let output: string;
  if (unreleased) {
    output = `${text.slice(0, unreleased.range[1])}\n\n${header}${text.slice(unreleased.range[1])}`;
  } else {
    const first = sections[0];
    const insertAt = first ? first.range[0] : text.length;
    const prefix = text.slice(0, insertAt);
    output = `${prefix}${prefix === '' || prefix.endsWith('\n\n') ? '' : prefix.endsWith('\n') ? '\n' : '\n\n'}## [Unreleased]\n\n${header}\n\n${text.slice(insertAt)}`;
  }
  // Compare links: [Unreleased]: <base>/compare/v<previous>...HEAD
  const link = /^\[Unreleased\]:[ \t]*(\S+?)\/compare\/(v?)([^.\s][^\s]*?)\.\.\.HEAD[ \t]*$/im.exec(output);
  if (link && previous !== undefined) {
    const [whole, base, prefix] = link;
    const replacement = `[Unreleased]: ${base ?? ''}/compare/${prefix ?? ''}${version}...HEAD\n[${version}]: ${base ?? ''}/compare/${prefix ?? ''}${previous}...${prefix ?? ''}${version}`;
    output = output.replace(whole, replacement);
  }
  return output.endsWith('\n') ? output : `${output}\n`;
}
