/**
 * Inline control comments in YAML and other `#`-commented files:
 *   # gitops-lint-disable-next-line <id>[, <id>] [-- reason]
 *   # gitops-lint-disable-line <id>
 *   # gitops-lint-disable <id>   …   # gitops-lint-enable <id>
 *   # gitops-lint-disable-file [<id>]
 * Without ids a directive covers every rule.
 */
export type DirectiveType = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  type: DirectiveType;
  /** Rule ids, or null for every rule. */
  rules: readonly string[] | null;
  line: number;
  column: number;
  /** The line the directive applies to, for the line forms. */
  targetLine: number;
}

const DIRECTIVE =
  /(^|[ \t])#[ \t]*gitops-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=$|[ \t])([^\r\n]*)/gm;

export function hasDirectives(text: string): boolean {
  return text.includes('gitops-lint-');
}

export function parseDirectives(text: string): Directive[] {
  if (!hasDirectives(text)) return [];
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const offset = (match.index ?? 0) + (match[1]?.length ?? 0);
    const type = match[2] as DirectiveType;
    const list = (match[3] ?? '').split(/\s--\s|^--\s|\s--$/)[0]?.trim() ?? '';
    const rules = list === '' ? null : list.split(/[\s,]+/).filter((rule) => rule !== '');
    const line = lineOf(offset);
    directives.push({
      type,
      rules,
      line,
      column: offset - (lineStarts[line - 1] ?? 0) + 1,
      targetLine: type === 'disable-next-line' ? line + 1 : line,
    });
  }
  return directives;
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.rules === null || directive.rules.includes(ruleId);
}

/** Lines a rule is disabled on by `disable` … `enable` blocks: [start, end) with the first directive that covers them. */
interface DisabledLines {
  start: number;
  end: number;
  index: number;
}

/** Where one rule is disabled in a file, worked out once per rule. */
interface RuleDirectives {
  /** The first `disable-file` covering the rule. */
  fileWide: number | undefined;
  /** Disjoint, sorted by line. */
  blocks: DisabledLines[];
}

/**
 * Decides which findings of one file are suppressed and which directives (per rule id) were
 * never used. The directives are in the order of the text, as parseDirectives returns them.
 *
 * A finding is looked up by its line, not by going through every directive: a file of 100,000
 * lines with a directive and a finding on each would otherwise take 10¹⁰ steps (more with
 * `enable`s, which each `disable` had to look for).
 */
export class DirectiveSet {
  readonly directives: readonly Directive[];
  /** `${directiveIndex}\0${ruleId or *}` entries that suppressed at least one finding. */
  readonly #used = new Set<string>();
  /** Indexes of the line forms by the line they apply to. */
  readonly #byTargetLine = new Map<number, number[]>();
  readonly #byRule = new Map<string, RuleDirectives>();

  constructor(directives: readonly Directive[]) {
    this.directives = directives;
    directives.forEach((directive, index) => {
      if (directive.type !== 'disable-line' && directive.type !== 'disable-next-line') return;
      const list = this.#byTargetLine.get(directive.targetLine);
      if (list) list.push(index);
      else this.#byTargetLine.set(directive.targetLine, [index]);
    });
  }

  #use(index: number, directive: Directive, ruleId: string): void {
    this.#used.add(`${index}\0${directive.rules === null ? '*' : ruleId}`);
  }

  isSuppressed(ruleId: string, line: number): boolean {
    // The last line directive for the line wins; else the first directive disabling the rule
    // for the whole file or for a block around the line.
    let suppressedBy: number | undefined;
    for (const index of this.#byTargetLine.get(line) ?? []) {
      const directive = this.directives[index];
      if (directive && covers(directive, ruleId)) suppressedBy = index;
    }
    if (suppressedBy === undefined) {
      const { fileWide, blocks } = this.#forRule(ruleId);
      const block = blockAt(blocks, line);
      suppressedBy = fileWide === undefined ? block : block === undefined ? fileWide : Math.min(fileWide, block);
    }
    if (suppressedBy === undefined) return false;
    const directive = this.directives[suppressedBy];
    if (directive) this.#use(suppressedBy, directive, ruleId);
    return true;
  }

  #forRule(ruleId: string): RuleDirectives {
    let found = this.#byRule.get(ruleId);
    if (found) return found;
    // Where each `disable` ends: at the next `enable` that applies to it. An `enable` without
    // ids ends every block; one naming the rule ends the blocks that name rules, not one that
    // disabled every rule.
    const ends = new Map<number, number>();
    let nextEnableOfAll = Infinity;
    let nextEnableOfRule = Infinity;
    for (let index = this.directives.length - 1; index >= 0; index -= 1) {
      const directive = this.directives[index];
      if (!directive || !covers(directive, ruleId)) continue;
      if (directive.type === 'enable') {
        nextEnableOfRule = directive.line;
        if (directive.rules === null) nextEnableOfAll = directive.line;
      } else if (directive.type === 'disable') {
        ends.set(index, directive.rules === null ? nextEnableOfAll : nextEnableOfRule);
      }
    }
    let fileWide: number | undefined;
    const blocks: DisabledLines[] = [];
    // Blocks start in index order, so the lines an earlier block already covers from a block's
    // start are one run, [start, furthest end so far): the rest of the block is its own.
    let covered = -Infinity;
    this.directives.forEach((directive, index) => {
      if (directive.type === 'disable-file' && covers(directive, ruleId)) fileWide ??= index;
      const end = ends.get(index);
      if (end === undefined) return;
      const start = Math.max(directive.line, covered);
      if (start < end) blocks.push({ start, end, index });
      covered = Math.max(covered, end);
    });
    found = { fileWide, blocks };
    this.#byRule.set(ruleId, found);
    return found;
  }

  /** Directives (and rule ids within them) that suppressed nothing. `enable` is never unused. */
  unused(): { directive: Directive; ruleId: string | null }[] {
    const unused: { directive: Directive; ruleId: string | null }[] = [];
    this.directives.forEach((directive, index) => {
      if (directive.type === 'enable') return;
      if (directive.rules === null) {
        if (!this.#used.has(`${index}\0*`)) unused.push({ directive, ruleId: null });
        return;
      }
      for (const ruleId of directive.rules) {
        if (!this.#used.has(`${index}\0${ruleId}`)) unused.push({ directive, ruleId });
      }
    });
    return unused;
  }
}

/** The directive of the block that holds a line, if any. */
function blockAt(blocks: readonly DisabledLines[], line: number): number | undefined {
  let low = 0;
  let high = blocks.length;
  // The first block that ends after the line.
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((blocks[middle]?.end ?? Infinity) <= line) low = middle + 1;
    else high = middle;
  }
  const block = blocks[low];
  return block && block.start <= line ? block.index : undefined;
}
