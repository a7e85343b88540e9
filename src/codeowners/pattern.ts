/**
 * CODEOWNERS patterns, compiled once to a regular expression over a repository-relative POSIX
 * file path, with the facts an index needs to skip patterns that cannot match a path.
 *
 * GitHub: "follows most of the same rules used in gitignore files"
 * (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax),
 * with these documented exceptions: `[ ]` is no character range (brackets are literal), `!` does
 * not negate (the parser reports it), an escaped leading `#` is no pattern, and `docs/*` owns
 * `docs/getting-started.md` but not `docs/build-app/troubleshooting.md` (a final lone `*` does not
 * reach into subdirectories, where a gitignore pattern would). As in gitignore, a pattern matches a
 * file when it matches the file's path or one of its directories.
 *
 * GitLab: `File.fnmatch?` with `FNM_DOTMATCH | FNM_PATHNAME` on the path after GitLab's own
 * normalisation (https://docs.gitlab.com/user/project/codeowners/advanced/#pattern-matching):
 * `*` alone is every file; a pattern without a leading `/` matches at any depth (GitLab puts a
 * globstar directory in front, even when the pattern has a slash inside); a trailing `/` matches
 * everything below the directory; nothing else reaches into directories (`/docs` is a file named
 * docs). Brackets are character classes.
 */
import type { Dialect } from './dialect.js';

/** One piece of a path segment's glob. */
type GlobToken =
  { type: 'literal'; text: string } | { type: 'star' } | { type: 'question' } | { type: 'class'; source: string };

interface Segment {
  /** `**` as a whole segment. */
  globstar: boolean;
  tokens: GlobToken[];
}

export interface CompiledPattern {
  /** Matches repository-relative POSIX paths of files. */
  readonly regex: RegExp;
  /** Canonical text: two patterns with the same key match the same paths. */
  readonly key: string;
  /** Leading path segments every matching path starts with (anchored patterns only). */
  readonly prefix: readonly string[];
  /** A segment every matching path contains somewhere, when the pattern has a literal one. */
  readonly literalSegment: string | undefined;
  /** An extension (text after the last `.`) that some segment of every matching path has. */
  readonly extension: string | undefined;
}

const NEVER = /(?!)/;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Reads a bracket expression starting at `start` (the `[`) in fnmatch's syntax. Returns the
 * JavaScript class and the index after the `]`, or undefined when it is not terminated.
 */
function readClass(glob: string, start: number): { source: string; end: number } | undefined {
  let index = start + 1;
  let negated = false;
  if (glob[index] === '!' || glob[index] === '^') {
    negated = true;
    index += 1;
  }
  let body = '';
  for (; index < glob.length; index += 1) {
    let char = glob[index] ?? '';
    if (char === ']') {
      // A class never matches the separator, as fnmatch with FNM_PATHNAME.
      if (body === '') return { source: negated ? '[^/]' : '(?!)', end: index + 1 };
      return { source: negated ? `[^/${body}]` : `(?!/)[${body}]`, end: index + 1 };
    }
    const isRange = char === '-' && body !== '' && index + 1 < glob.length && glob[index + 1] !== ']';
    if (char === '\\' && index + 1 < glob.length) {
      index += 1;
      char = glob[index] ?? '';
    }
    body += isRange ? '-' : char.replace(/[\\\]^[-]/g, '\\$&');
  }
  return undefined;
}

/** Splits one segment's glob into tokens. `classes`: brackets are character classes (GitLab). */
function tokenize(glob: string, classes: boolean): GlobToken[] | undefined {
  const tokens: GlobToken[] = [];
  const literal = (text: string): void => {
    const last = tokens.at(-1);
    if (last?.type === 'literal') last.text += text;
    else tokens.push({ type: 'literal', text });
  };
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? '';
    if (char === '\\') {
      // A trailing backslash escapes nothing and stays itself.
      literal(index + 1 < glob.length ? (glob[++index] ?? '') : '\\');
    } else if (char === '*') {
      // Consecutive stars inside a segment are one star (gitignore, fnmatch).
      if (tokens.at(-1)?.type !== 'star') tokens.push({ type: 'star' });
    } else if (char === '?') {
      tokens.push({ type: 'question' });
    } else if (char === '[' && classes) {
      const parsed = readClass(glob, index);
      if (!parsed) return undefined;
      tokens.push({ type: 'class', source: parsed.source });
      index = parsed.end - 1;
    } else {
      literal(char);
    }
  }
  return tokens;
}

function segmentRegex(tokens: readonly GlobToken[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'literal':
          return escapeRegex(token.text);
        case 'star':
          return '[^/]*';
        case 'question':
          return '[^/]';
        case 'class':
          return token.source;
      }
    })
    .join('');
}

function literalOf(segment: Segment): string | undefined {
  const [only, ...rest] = segment.tokens;
  return !segment.globstar && only?.type === 'literal' && rest.length === 0 ? only.text : undefined;
}

/** The extension every segment matching this glob ends with: `*.yaml` -> `yaml`. */
function extensionOf(segment: Segment): string | undefined {
  const last = segment.tokens.at(-1);
  if (segment.globstar || last?.type !== 'literal') return undefined;
  const dot = last.text.lastIndexOf('.');
  // The part after the dot must come right after it in the same literal, and hold no dot.
  return dot === -1 || dot === last.text.length - 1 ? undefined : last.text.slice(dot + 1);
}

function splitSegments(path: string, classes: boolean): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const part of path.split('/')) {
    if (part === '**') {
      segments.push({ globstar: true, tokens: [] });
      continue;
    }
    const tokens = tokenize(part, classes);
    if (!tokens) return undefined;
    segments.push({ globstar: false, tokens });
  }
  return segments;
}

function indexFacts(
  segments: readonly Segment[],
  anchored: boolean,
): Pick<CompiledPattern, 'prefix' | 'literalSegment' | 'extension'> {
  const prefix: string[] = [];
  if (anchored) {
    for (const segment of segments) {
      const literal = literalOf(segment);
      if (literal === undefined) break;
      prefix.push(literal);
    }
  }
  let literalSegment: string | undefined;
  let extension: string | undefined;
  for (const segment of segments) {
    const literal = literalOf(segment);
    if (literal !== undefined && (literalSegment === undefined || literal.length > literalSegment.length))
      literalSegment = literal;
    extension ??= extensionOf(segment);
  }
  return { prefix, literalSegment, extension };
}

/**
 * The body of a path regex for segments joined by `/`, where a `**` segment is any number of
 * whole directories. `trailingGlobstar`: what a final `**` stands for.
 */
function joinSegments(segments: readonly Segment[], trailingGlobstar: string): string {
  let body = '';
  let needsSeparator = false;
  segments.forEach((segment, index) => {
    const isLast = index === segments.length - 1;
    if (segment.globstar && !isLast) {
      body += (needsSeparator ? '/' : '') + '(?:[^/]+/)*';
      needsSeparator = false;
    } else if (segment.globstar) {
      body += (needsSeparator ? '/' : '') + trailingGlobstar;
      needsSeparator = true;
    } else {
      body += (needsSeparator ? '/' : '') + segmentRegex(segment.tokens);
      needsSeparator = true;
    }
  });
  return body;
}

function compileGithub(pattern: string): CompiledPattern {
  let text = pattern;
  const directoryOnly = text.length > 1 && text.endsWith('/');
  if (directoryOnly) text = text.slice(0, -1);
  // gitignore: a slash at the beginning or in the middle anchors the pattern at the root.
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  const key = `${anchored ? '/' : ''}${text}${directoryOnly ? '/' : ''}`;
  const segments = splitSegments(text, false);
  if (text === '' || !segments)
    return { regex: NEVER, key, prefix: [], literalSegment: undefined, extension: undefined };
  const last = segments.at(-1);
  const lastIsLoneStar =
    last !== undefined && !last.globstar && last.tokens.length === 1 && last.tokens[0]?.type === 'star';
  // A final `**` is everything inside (gitignore: "abc/**" matches all files inside abc).
  const body = segments.length === 1 && last?.globstar ? '.*' : joinSegments(segments, '.+');
  const start = anchored || segments[0]?.globstar ? '' : '(?:[^/]+/)*';
  let end: string;
  if (directoryOnly) end = '/.+';
  else if (last?.globstar) end = '';
  else if (anchored && lastIsLoneStar) end = '';
  else end = '(?:/.+)?';
  return { regex: new RegExp(`^${start}${body}${end}$`), key, ...indexFacts(segments, anchored) };
}

/** GitLab's normalize_pattern (ee/lib/gitlab/code_owners/file.rb). */
export function normalizeGitlabPattern(pattern: string): string {
  let text = pattern.replace(/^\\#/, '#').replace(/\\\s+/g, ' ');
  if (text === '*') return '/**/*';
  if (!text.startsWith('/')) text = `/**/${text}`;
  if (text.endsWith('/')) text = `${text}**/*`;
  return text;
}

function compileGitlab(pattern: string): CompiledPattern {
  const key = normalizeGitlabPattern(pattern);
  const segments = splitSegments(key.slice(1), true);
  if (!segments) return { regex: NEVER, key, prefix: [], literalSegment: undefined, extension: undefined };
  // fnmatch: `**/` is any number of directories; a `**` at the end is a `*`.
  const body = joinSegments(segments, '[^/]*');
  return { regex: new RegExp(`^${body}$`), key, ...indexFacts(segments, !segments[0]?.globstar) };
}

/**
 * Compiles a pattern as written in a CODEOWNERS line (escapes included, without GitLab's `!`).
 * A pattern that cannot match anything (an unterminated class on GitLab) compiles to a regex
 * that never matches; the parser reports it.
 */
export function compilePattern(pattern: string, dialect: Dialect): CompiledPattern {
  return dialect === 'github' ? compileGithub(pattern) : compileGitlab(pattern);
}

/** Whether a GitLab pattern has an unterminated `[` class (it matches nothing). */
export function hasUnterminatedClass(pattern: string): boolean {
  return splitSegments(normalizeGitlabPattern(pattern).slice(1), true) === undefined;
}
