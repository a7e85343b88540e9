import type { Diagnostic } from './diagnostic.js';
import type { OverlaySource } from './overlay-source.js';
import type { Repository } from './repository.js';
import type { TextEdit } from './rule.js';
import { parseYamlFile } from '../manifests/yaml-file.js';

/** How many times --fix re-lints its own output before it stops. */
export const MAX_FIX_PASSES = 10;

/** Applies non-overlapping edits, earliest first; an edit overlapping an earlier one waits for the next pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.range[0] < position) continue;
    output += text.slice(position, edit.range[0]) + edit.text;
    position = edit.range[1];
  }
  return output + text.slice(position);
}

/** ESLint's `fix` on a message: the edits of one file merged into one replacement. */
export function mergedFix(
  text: string | undefined,
  edits: readonly TextEdit[],
): { range: [number, number]; text: string } | undefined {
  if (text === undefined || edits.length === 0) return undefined;
  const start = edits.reduce((extreme, edit) => Math.min(extreme, edit.range[0]), Infinity);
  const end = edits.reduce((extreme, edit) => Math.max(extreme, edit.range[1]), -Infinity);
  const shifted = edits.map((edit) => ({
    range: [edit.range[0] - start, edit.range[1] - start] as const,
    text: edit.text,
  }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}

/**
 * The edits of the findings' fixes, by file. One finding's edits go in together or wait for
 * the next pass: a finding whose edits overlap those taken already is left out.
 */
export function collectEdits(diagnostics: readonly Diagnostic[]): Map<string, TextEdit[]> {
  // Each file's accepted edits, sorted by start and then end; they never overlap, so the one
  // that starts last before a new edit ends is the only one that can overlap it (a binary search
  // instead of a scan: a rule may offer tens of thousands of fixes in one file).
  const editsByFile = new Map<string, TextEdit[]>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fix) continue;
    const file = diagnostic.fix.file ?? diagnostic.file;
    let list = editsByFile.get(file);
    if (!list) editsByFile.set(file, (list = []));
    const accepted = list;
    if (diagnostic.fix.edits.some((edit) => overlapsAccepted(accepted, edit))) continue;
    for (const edit of diagnostic.fix.edits) accepted.splice(insertionIndex(accepted, edit), 0, edit);
  }
  for (const [file, list] of editsByFile) if (list.length === 0) editsByFile.delete(file);
  return editsByFile;
}

/** How many accepted edits sort before `edit` (by start, then end). */
function insertionIndex(sorted: readonly TextEdit[], edit: TextEdit): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = sorted[middle]!;
    const before =
      other.range[0] < edit.range[0] || (other.range[0] === edit.range[0] && other.range[1] <= edit.range[1]);
    if (before) low = middle + 1;
    else high = middle;
  }
  return low;
}

function overlapsAccepted(sorted: readonly TextEdit[], edit: TextEdit): boolean {
  const [start, end] = edit.range;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.range[0] < end) low = middle + 1;
    else high = middle;
  }
  const last = sorted[low - 1];
  return last !== undefined && start < last.range[1];
}

function parses(file: string, text: string, repository: Repository): boolean {
  if (!repository.isYamlFile(file) && !/\.ya?ml$/i.test(file)) return true;
  return parseYamlFile(file, text).errors.length === 0;
}

/** One lint pass: the repository it read and what it found. */
export interface LintPass {
  repository: Repository;
  diagnostics: Diagnostic[];
}

/** The fix loop's outcome: the last pass, and the files whose content changed (their new content is in the overlay). */
export interface FixOutcome<Pass extends LintPass> {
  last: Pass;
  /** Repository-relative, sorted. */
  fixedFiles: string[];
  /**
   * What each fixed file held when the loop first read it (undefined: it did not exist). The
   * fixes were made to this text: the writer replaces a file only while it still holds it.
   */
  readContents: Map<string, string | undefined>;
}

/**
 * Lints, applies the fixes to the overlay and lints the result again until no fix changes
 * anything, or MAX_FIX_PASSES passes have run (as ESLint's source-code-fixer loop). A file
 * that cannot be read, does not parse, or would not parse after the fix is never rewritten.
 * Nothing is written to the source: the caller writes the fixed files.
 */
export async function fixUntilStable<Pass extends LintPass>(
  overlay: OverlaySource,
  lintPass: () => Promise<Pass>,
  maxPasses = MAX_FIX_PASSES,
): Promise<FixOutcome<Pass>> {
  const fixedFiles = new Set<string>();
  const readContents = new Map<string, string | undefined>();
  let last = await lintPass();
  for (let pass = 1; ; pass += 1) {
    const { repository } = last;
    let changed = false;
    for (const [file, edits] of collectEdits(last.diagnostics)) {
      const exists = repository.hasFile(file);
      const before = exists ? repository.text(file) : '';
      if (before === undefined || (exists && !parses(file, before, repository))) continue;
      const after = applyEdits(before, edits);
      if (after === before || !parses(file, after, repository)) continue;
      // The first fix of a file is made to what the source held; later ones to the overlay's text.
      if (!overlay.changes.has(file)) readContents.set(file, exists ? before : undefined);
      overlay.changes.set(file, after);
      fixedFiles.add(file);
      changed = true;
    }
    if (!changed || pass >= maxPasses) break;
    last = await lintPass();
  }
  return { last, fixedFiles: [...fixedFiles].sort(), readContents };
}
