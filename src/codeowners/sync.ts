/**
 * The CODEOWNERS block generated from the `ownership` map in gitops.yaml. Only the lines
 * between the markers are generated; everything else in the file is hand-written and kept.
 */
import type { Descriptor } from '../config/descriptor.js';
import type { ReleaseApprovals } from '../release/approvers.js';
import type { Dialect } from './dialect.js';

export const BLOCK_BEGIN = '# BEGIN gitops-init ownership';
export const BLOCK_END = '# END gitops-init ownership';
const BLOCK_NOTE =
  '# Generated from the ownership map in gitops.yaml: edit it there, then run `gitops-init codeowners sync`.';

/** Owner names that gitops.yaml's ownership map may use instead of a handle. */
export function teamAliases(descriptor: Descriptor): Map<string, string> {
  const aliases = new Map<string, string>();
  const teams = descriptor.teams;
  if (teams?.platform) aliases.set('platform', teams.platform);
  if (teams?.application) aliases.set('application', teams.application);
  for (const tenant of teams?.applications ?? []) if (!aliases.has(tenant.name)) aliases.set(tenant.name, tenant.team);
  return aliases;
}

/** A handle as CODEOWNERS writes it: `@user`, `@org/team`, `@@role` or an e-mail address. */
export function isOwnerHandle(value: string): boolean {
  return value.startsWith('@') || /^[^\s@]+@[^\s@]+$/.test(value);
}

export interface RenderedBlock {
  /** The block, markers included, ending with a newline. */
  text: string;
  /** Owner names in the map that are neither a handle nor a team declared under `teams`. */
  unknown: { pattern: string; name: string }[];
}

/**
 * Escapes white space in a pattern, as both hosts read `\ `, and on GitLab a leading `[`,
 * which GitLab would read as a section header.
 */
function escapePattern(pattern: string, dialect: Dialect): string {
  const escaped = pattern.replace(/(?<!\\)([ \t])/g, '\\$1');
  return dialect === 'gitlab' ? escaped.replace(/^\[/, '\\[') : escaped;
}

/** Renders the block from the map, in the map's order (later entries win, as in CODEOWNERS). */
export function renderOwnershipBlock(descriptor: Descriptor, dialect: Dialect): RenderedBlock {
  const aliases = teamAliases(descriptor);
  const unknown: RenderedBlock['unknown'] = [];
  const entries = Object.entries(descriptor.ownership ?? {}).map(([pattern, value]) => {
    const owners = (typeof value === 'string' ? [value] : value).map((name) => {
      if (isOwnerHandle(name)) return name;
      const handle = aliases.get(name);
      if (handle === undefined) unknown.push({ pattern, name });
      return handle ?? name;
    });
    return { pattern: escapePattern(pattern, dialect), owners: [...new Set(owners)] };
  });
  const width = Math.min(
    40,
    entries.reduce((width, entry) => Math.max(width, entry.pattern.length), 0),
  );
  const lines = entries.map((entry) => `${entry.pattern.padEnd(width)} ${entry.owners.join(' ')}`.trimEnd());
  return { text: [BLOCK_BEGIN, BLOCK_NOTE, ...lines, BLOCK_END].join('\n') + '\n', unknown };
}

export type BlockUpdate =
  | { status: 'unchanged'; text: string }
  | { status: 'inserted' | 'updated'; text: string; range: [number, number]; replacement: string }
  | { status: 'broken'; line: number; reason: 'unterminated' | 'unopened' | 'repeated' };

interface MarkerLine {
  kind: 'begin' | 'end';
  line: number;
  start: number;
  end: number;
}

function markerLines(text: string): MarkerLine[] {
  const markers: MarkerLine[] = [];
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const content = text.slice(start, newline === -1 ? text.length : newline).trim();
    if (content.startsWith(BLOCK_BEGIN)) markers.push({ kind: 'begin', line, start, end });
    else if (content.startsWith(BLOCK_END)) markers.push({ kind: 'end', line, start, end });
    if (newline === -1) break;
    start = end;
    line += 1;
  }
  return markers;
}

/**
 * Puts the block into a CODEOWNERS text: in place of the existing block, or at the top of the
 * file when there is none, so that hand-written lines below it can refine it. Never guesses
 * at broken markers.
 */
export function updateOwnershipBlock(text: string, block: string): BlockUpdate {
  const markers = markerLines(text);
  const [begin, end, ...rest] = markers;
  if (!begin) {
    const replacement = text.trim() === '' ? block : `${block}\n`;
    const range: [number, number] = text.trim() === '' ? [0, text.length] : [0, 0];
    return { status: 'inserted', text: replacement + text.slice(range[1]), range, replacement };
  }
  if (begin.kind === 'end') return { status: 'broken', line: begin.line, reason: 'unopened' };
  if (!end) return { status: 'broken', line: begin.line, reason: 'unterminated' };
  if (end.kind === 'begin') return { status: 'broken', line: end.line, reason: 'repeated' };
  const extra = rest[0];
  if (extra) return { status: 'broken', line: extra.line, reason: extra.kind === 'begin' ? 'repeated' : 'unopened' };
  const current = text.slice(begin.start, end.end);
  // A file that ends right after the END marker, without a newline, is in sync too.
  if (current === block || `${current}\n` === block) return { status: 'unchanged', text };
  const range: [number, number] = [begin.start, end.end];
  return { status: 'updated', text: text.slice(0, range[0]) + block + text.slice(range[1]), range, replacement: block };
}

export const RELEASE_BLOCK_BEGIN = '# BEGIN gitops-init release approvals';
export const RELEASE_BLOCK_END = '# END gitops-init release approvals';

/**
 * GitLab's sections for release approvals, one per team (`[Release: platform][1]`,
 * `[Release: payments][1]`…) over its part of the releases directory: GitLab requires an
 * approval from every section that matches a changed file
 * (https://docs.gitlab.com/user/project/codeowners/reference/#sections), so a release needs one
 * from each team. Empty when there is nothing to approve.
 */
export function renderReleaseSections(approvals: ReleaseApprovals | undefined): string {
  if (!approvals || approvals.approvers.length === 0) return '';
  const sections = new Map<string, { team: string; directories: string[] }>();
  for (const approver of approvals.approvers) {
    const section = sections.get(approver.label) ?? { team: approver.team, directories: [] };
    if (!section.directories.includes(approver.directory)) section.directories.push(approver.directory);
    sections.set(approver.label, section);
  }
  const lines = [
    RELEASE_BLOCK_BEGIN,
    '# GitLab requires an approval from every section that matches a changed file: a release needs one',
    '# from the platform team and one from its application team. Generated from the teams in gitops.yaml',
    '# by `gitops-init codeowners sync`; keep it last, since the lines below a section header belong to it.',
  ];
  for (const [label, section] of sections) {
    lines.push(`[Release: ${label}][1]`);
    for (const directory of section.directories)
      lines.push(`${escapePattern(`/${directory}`, 'gitlab')} ${section.team}`);
  }
  lines.push(RELEASE_BLOCK_END);
  return `${lines.join('\n')}\n`;
}

/**
 * Puts the release sections into a CODEOWNERS text: in place of the existing block, or at the
 * end of the file (a section takes every line below its header, so the block goes last). An
 * empty block removes the one there is.
 */
export function updateReleaseBlock(text: string, block: string): BlockUpdate {
  const lines = text.split('\n');
  const begin = lines.findIndex((line) => line.trim().startsWith(RELEASE_BLOCK_BEGIN));
  const end = lines.findIndex((line) => line.trim().startsWith(RELEASE_BLOCK_END));
  if (begin === -1 && end === -1) {
    if (block === '') return { status: 'unchanged', text };
    const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
    const replacement = base.trim() === '' ? block : `\n${block}`;
    const range: [number, number] = [base.length, base.length];
    return { status: 'inserted', text: base + replacement, range, replacement };
  }
  if (begin === -1) return { status: 'broken', line: end + 1, reason: 'unopened' };
  if (end === -1 || end < begin) return { status: 'broken', line: begin + 1, reason: 'unterminated' };
  const start = lines.slice(0, begin).reduce((offset, line) => offset + line.length + 1, 0);
  const stop = Math.min(
    text.length,
    lines.slice(0, end + 1).reduce((offset, line) => offset + line.length + 1, 0),
  );
  const current = text.slice(start, stop);
  if (current === block || `${current}\n` === block) return { status: 'unchanged', text };
  const range: [number, number] = [start, stop];
  return { status: 'updated', text: text.slice(0, start) + block + text.slice(stop), range, replacement: block };
}
