/**
 * Parses CODEOWNERS files as GitHub and GitLab read them, with 1-based line and column
 * positions. Problems are data (a code and its values); rules turn them into messages.
 *
 * GitHub: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
 * GitLab: https://docs.gitlab.com/user/project/codeowners/reference/ and GitLab's parser
 * (ee/lib/gitlab/code_owners/file.rb, section_parser.rb).
 */
import type { Dialect } from './dialect.js';
import { compilePattern, hasUnterminatedClass, type CompiledPattern } from './pattern.js';

export type OwnerKind = 'user' | 'team' | 'email' | 'role';

export interface CodeownersOwner {
  /** As written: `@user`, `@org/team`, `user@example.com`, GitLab's `@@maintainer`. */
  name: string;
  kind: OwnerKind;
  line: number;
  column: number;
  endColumn: number;
}

/** A GitLab section (headers with the same name, compared without case, are one section). */
export interface CodeownersSection {
  /** undefined for the entries before the first header (and for every GitHub rule). */
  name: string | undefined;
  /** Optional when every header of the section is `^[...]`. */
  optional: boolean;
  /** Required approvals of the first header that sets them (0: one approval). */
  approvals: number;
  headers: { line: number; optional: boolean; approvals: number; defaultOwners: CodeownersOwner[] }[];
}

export interface CodeownersRule {
  line: number;
  /** Span of the pattern (without GitLab's `!`). */
  column: number;
  endColumn: number;
  /** The line as written, without surrounding white space. */
  text: string;
  /** The pattern as written, without GitLab's `!`. */
  pattern: string;
  compiled: CompiledPattern;
  /** The owners that apply: the line's own, or on GitLab the section's default owners. */
  owners: CodeownersOwner[];
  /** Whether the owners are written on the line itself. */
  hasOwnOwners: boolean;
  /** GitLab `!pattern`: files it matches need no approval from this section. */
  exclusion: boolean;
  /** Index into `sections`. */
  section: number;
  /** False when the host ignores the line (GitHub: invalid syntax; GitLab: a later line with the same pattern replaces it). */
  effective: boolean;
  /** Position in matching order (later wins). */
  order: number;
  /** Line of a later line with the same pattern (in the same section), which decides every file this one matches. */
  duplicateOf: number | undefined;
}

export type ProblemCode =
  | 'negation'
  | 'escapedHash'
  | 'hashInPattern'
  | 'sectionHeader'
  | 'invalidOwner'
  | 'noOwners'
  | 'missingOwner'
  | 'ignoredOwnerText'
  | 'inlineComment'
  | 'exclusionOwners'
  | 'unterminatedClass'
  | 'invalidSection'
  | 'sectionNameMissing'
  | 'optionalWithApprovals'
  | 'invalidSectionOwners'
  | 'sectionTrailingText'
  | 'patternReadAsSection';

export interface CodeownersProblem {
  code: ProblemCode;
  line: number;
  column: number;
  endColumn: number;
  data: Record<string, string>;
}

export interface CodeownersFile {
  dialect: Dialect;
  /** Every rule line, in file order. */
  rules: CodeownersRule[];
  sections: CodeownersSection[];
  problems: CodeownersProblem[];
}

const GITHUB_USER = /^@[A-Za-z0-9][A-Za-z0-9_-]*$/;
const GITHUB_TEAM = /^@[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
/** A GitLab `@name`, `@group/subgroup` or `@@role` at the start of a token. */
const GITLAB_REFERENCE = /^@(@?)([\w.-]+(?:\/[\w.-]+)*)/;
const GITLAB_HEADER = /^(\^)?\[(.*?)\](?:\[(\d*?)\])?(\s+[@\w.\-/\s+]*)?/;
const GITLAB_INVALID_HEADER = /^\^?\[[^\]]+?$/;
const SECTION_LIKE = /^\^?\[[^\]/]*\](?:\[\d*\])?$/;
const SPACE = /[ \t]/;

function classifyGithubOwner(name: string): OwnerKind | undefined {
  if (GITHUB_TEAM.test(name)) return 'team';
  if (GITHUB_USER.test(name)) return 'user';
  if (EMAIL.test(name)) return 'email';
  return undefined;
}

/** The pattern token from `start`: up to unescaped white space, or `#` when `stopAtHash`. */
function readPattern(raw: string, start: number, stopAtHash: boolean): number {
  let index = start;
  while (index < raw.length) {
    const char = raw[index] ?? '';
    if (char === '\\' && index + 1 < raw.length) {
      index += 2;
      continue;
    }
    if (SPACE.test(char) || (stopAtHash && char === '#')) break;
    index += 1;
  }
  return index;
}

interface Token {
  text: string;
  start: number;
}

/** White-space separated tokens of `raw` from `start`, up to `end`. */
function tokens(raw: string, start: number, end: number, separators: RegExp): Token[] {
  const found: Token[] = [];
  const pattern = new RegExp(`[^${separators.source}]+`, 'g');
  pattern.lastIndex = start;
  for (let match = pattern.exec(raw); match && match.index < end; match = pattern.exec(raw)) {
    found.push({ text: match[0].slice(0, Math.max(0, end - match.index)), start: match.index });
  }
  return found;
}

class Builder {
  readonly rules: CodeownersRule[] = [];
  readonly problems: CodeownersProblem[] = [];
  readonly sections: CodeownersSection[] = [{ name: undefined, optional: false, approvals: 0, headers: [] }];

  constructor(readonly dialect: Dialect) {}

  problem(code: ProblemCode, line: number, column: number, endColumn: number, data: Record<string, string> = {}): void {
    this.problems.push({ code, line, column: column + 1, endColumn: endColumn + 1, data });
  }

  owner(name: string, kind: OwnerKind, line: number, start: number): CodeownersOwner {
    return { name, kind, line, column: start + 1, endColumn: start + name.length + 1 };
  }
}

function parseGithubLine(builder: Builder, raw: string, line: number): void {
  const start = raw.search(/\S/);
  if (start === -1 || raw[start] === '#') return;
  const patternEnd = readPattern(raw, start, true);
  const pattern = raw.slice(start, patternEnd);
  // GitHub reads '#' as the start of a comment, also inside a pattern.
  const commentAt = raw[patternEnd] === '#' ? patternEnd : readComment(raw, patternEnd);
  if (raw[patternEnd] === '#') {
    builder.problem('hashInPattern', line, start, commentAt, { pattern, text: raw.slice(start).trim() });
  }
  let effective = pattern !== '';
  if (pattern.startsWith('!')) {
    builder.problem('negation', line, start, patternEnd, { pattern });
    effective = false;
  } else if (pattern.startsWith('\\#')) {
    builder.problem('escapedHash', line, start, patternEnd, { pattern });
    effective = false;
  } else if (SECTION_LIKE.test(pattern)) {
    builder.problem('sectionHeader', line, start, patternEnd, { pattern });
  }
  const owners: CodeownersOwner[] = [];
  for (const token of tokens(raw, patternEnd, commentAt, /\s/)) {
    const kind = classifyGithubOwner(token.text);
    if (kind) owners.push(builder.owner(token.text, kind, line, token.start));
    else
      builder.problem('invalidOwner', line, token.start, token.start + token.text.length, {
        owner: token.text,
        pattern,
      });
  }
  if (owners.length === 0 && effective && raw[patternEnd] !== '#' && raw.slice(patternEnd, commentAt).trim() === '') {
    builder.problem('noOwners', line, start, patternEnd, { pattern });
  }
  if (pattern === '') return;
  builder.rules.push({
    line,
    column: start + 1,
    endColumn: patternEnd + 1,
    text: raw.slice(start, commentAt).trim(),
    pattern,
    compiled: compilePattern(pattern, 'github'),
    owners,
    hasOwnOwners: owners.length > 0,
    exclusion: false,
    section: 0,
    effective,
    order: builder.rules.length,
    duplicateOf: undefined,
  });
}

/** Index of the first `#` that follows white space (or starts the text) from `start`, or the line's end. */
function readComment(raw: string, start: number): number {
  const match = /(^|\s)#/.exec(raw.slice(start));
  return match ? start + match.index + (match[1] ?? '').length : raw.length;
}

/** GitLab's ReferenceExtractor, near enough: `@name`, `@group/sub`, `@@role` and e-mail addresses. */
function gitlabOwners(
  builder: Builder,
  raw: string,
  line: number,
  start: number,
  end: number,
): { owners: CodeownersOwner[]; ignored: Token[] } {
  const owners: CodeownersOwner[] = [];
  const ignored: Token[] = [];
  for (const token of tokens(raw, start, end, /\s,/)) {
    if (EMAIL.test(token.text)) {
      owners.push(builder.owner(token.text, 'email', line, token.start));
      continue;
    }
    const match = GITLAB_REFERENCE.exec(token.text);
    if (!match) {
      if (token.text !== '#') ignored.push(token);
      continue;
    }
    const path = (match[2] ?? '').replace(/[./]+$/, '');
    const role = match[1] === '@';
    const name = `@${role ? '@' : ''}${path}`;
    owners.push(builder.owner(name, role ? 'role' : path.includes('/') ? 'team' : 'user', line, token.start));
  }
  return { owners, ignored };
}

interface GitlabState {
  section: number;
  /** Per section: normalized pattern to the rule that holds its place. */
  keys: Map<number, Map<string, CodeownersRule>>;
  /** Section names in the order GitLab's parsed data has them ('codeowners' is the default section). */
  names: string[];
}

/** GitLab's SectionParser#find_section_name: exact while no named section exists, then without case. */
function gitlabSectionIndex(builder: Builder, state: GitlabState, name: string): number {
  let key = name;
  if (state.names.at(-1) !== 'codeowners')
    key = state.names.find((known) => known.toLowerCase() === name.toLowerCase()) ?? name;
  const existing = state.names.indexOf(key);
  if (existing !== -1) return existing;
  state.names.push(key);
  builder.sections.push({ name: key, optional: true, approvals: 0, headers: [] });
  return builder.sections.length - 1;
}

/** Reads a section header: `header` when it is one, `broken` for an unclosed one, `none` otherwise. */
function parseGitlabHeader(
  builder: Builder,
  state: GitlabState,
  raw: string,
  line: number,
  start: number,
): 'header' | 'broken' | 'none' {
  const text = raw.slice(start).trimEnd();
  const match = GITLAB_HEADER.exec(text);
  if (!match) {
    if (!GITLAB_INVALID_HEADER.test(text)) return 'none';
    builder.problem('invalidSection', line, start, start + text.length, { text });
    return 'broken';
  }
  const name = match[2] ?? '';
  const optional = match[1] === '^';
  const approvals = Number(match[3] ?? '0') || 0;
  const headerEnd = start + match[0].length - (match[4]?.length ?? 0);
  if (name === '') builder.problem('sectionNameMissing', line, start, headerEnd);
  if (optional && approvals > 0) builder.problem('optionalWithApprovals', line, start, headerEnd, { name });
  const defaultsEnd = start + match[0].length;
  const { owners } = gitlabOwners(builder, raw, line, headerEnd, defaultsEnd);
  if ((match[4] ?? '').trim() !== '' && owners.length === 0) {
    builder.problem('invalidSectionOwners', line, headerEnd, defaultsEnd, { name, text: (match[4] ?? '').trim() });
  }
  const rest = raw.slice(defaultsEnd).trim();
  if (rest !== '') {
    const restStart = raw.indexOf(rest, defaultsEnd);
    if (match[4] === undefined && !SPACE.test(raw[defaultsEnd] ?? ' ')) {
      builder.problem('patternReadAsSection', line, start, start + text.length, { text, name });
    } else {
      builder.problem('sectionTrailingText', line, restStart, restStart + rest.length, { name, text: rest });
    }
  }
  const index = gitlabSectionIndex(builder, state, name);
  const section = builder.sections[index];
  if (section) {
    section.headers.push({ line, optional, approvals, defaultOwners: owners });
    // GitLab: a section is optional only when every header of it is; the first approvals count stands.
    section.optional = section.headers.every((header) => header.optional);
    if (section.approvals === 0) section.approvals = approvals;
  }
  state.section = index;
  return 'header';
}

function parseGitlabLine(builder: Builder, state: GitlabState, raw: string, line: number): void {
  const start = raw.search(/\S/);
  if (start === -1 || raw[start] === '#') return;
  const header =
    raw[start] === '[' || raw.startsWith('^[', start) ? parseGitlabHeader(builder, state, raw, line, start) : 'none';
  if (header === 'header') return;
  // GitLab reads a broken header as an entry; its one problem is the header.
  const reported = builder.problems.length;
  // GitLab splits at the first white space that is not escaped.
  const patternEnd = readPattern(raw, start, false);
  const exclusion = raw[start] === '!';
  const patternStart = exclusion ? start + 1 : start;
  const pattern = raw.slice(patternStart, patternEnd);
  const ownersEnd = raw.trimEnd().length;
  const ownersText = raw.slice(patternEnd, ownersEnd).trim();
  const { owners: own, ignored } = gitlabOwners(builder, raw, line, patternEnd, ownersEnd);
  const section = builder.sections[state.section];
  const defaults = section?.headers.at(-1)?.defaultOwners ?? [];
  if (ownersText !== '' && own.length === 0) {
    builder.problem('invalidOwner', line, patternEnd + raw.slice(patternEnd).search(/\S/), ownersEnd, {
      owner: ownersText,
      pattern,
    });
  } else {
    for (const token of ignored) {
      builder.problem('ignoredOwnerText', line, token.start, token.start + token.text.length, {
        text: token.text,
        pattern,
      });
    }
  }
  const hash = ownersText === '' ? -1 : raw.indexOf('#', patternEnd);
  if (hash !== -1 && own.some((owner) => owner.column > hash + 1)) {
    builder.problem('inlineComment', line, hash, ownersEnd, { pattern });
  }
  const owners = ownersText === '' ? defaults : own;
  if (exclusion && own.length > 0) builder.problem('exclusionOwners', line, patternEnd, ownersEnd, { pattern });
  if (!exclusion && owners.length === 0 && ownersText === '')
    builder.problem('missingOwner', line, start, patternEnd, { pattern });
  if (hasUnterminatedClass(pattern)) builder.problem('unterminatedClass', line, patternStart, patternEnd, { pattern });
  const compiled = compilePattern(pattern, 'gitlab');
  const rule: CodeownersRule = {
    line,
    column: patternStart + 1,
    endColumn: patternEnd + 1,
    text: raw.trim(),
    pattern,
    compiled,
    owners: exclusion ? [] : owners,
    hasOwnOwners: ownersText !== '',
    exclusion,
    section: state.section,
    effective: pattern !== '',
    order: builder.rules.length,
    duplicateOf: undefined,
  };
  // GitLab keeps one entry per normalized pattern and section: a later line replaces an earlier
  // one in its place (a Ruby hash keeps the first insertion's position).
  let keys = state.keys.get(state.section);
  if (!keys) state.keys.set(state.section, (keys = new Map<string, CodeownersRule>()));
  const earlier = keys.get(compiled.key);
  if (earlier) {
    earlier.effective = false;
    earlier.duplicateOf = line;
    rule.order = earlier.order;
  }
  keys.set(compiled.key, rule);
  builder.rules.push(rule);
  if (header === 'broken') builder.problems.length = reported;
}

/** GitHub: an earlier line with the same pattern as a later one never decides anything. */
function markGithubDuplicates(rules: readonly CodeownersRule[]): void {
  const later = new Map<string, number>();
  for (let index = rules.length - 1; index >= 0; index -= 1) {
    const rule = rules[index];
    if (!rule?.effective) continue;
    rule.duplicateOf = later.get(rule.compiled.key);
    later.set(rule.compiled.key, rule.line);
  }
}

/** Parses a CODEOWNERS file's text as the given host reads it. */
export function parseCodeowners(text: string, dialect: Dialect): CodeownersFile {
  const builder = new Builder(dialect);
  const state: GitlabState = { section: 0, keys: new Map(), names: ['codeowners'] };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (dialect === 'github') parseGithubLine(builder, raw, index + 1);
    else parseGitlabLine(builder, state, raw, index + 1);
  });
  if (dialect === 'github') markGithubDuplicates(builder.rules);
  const defaultSection = builder.sections[0];
  if (defaultSection) defaultSection.optional = false;
  return { dialect, rules: builder.rules, sections: builder.sections, problems: builder.problems };
}
