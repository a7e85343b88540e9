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

/**
 * Decides which findings of one file are suppressed and which directives (per rule id) were
 * never used.
 */
export class DirectiveSet {
  readonly directives: readonly Directive[];
  /** `${directiveIndex}\0${ruleId or *}` entries that suppressed at least one finding. */
  readonly #used = new Set<string>();

  constructor(directives: readonly Directive[]) {
    this.directives = directives;
  }

  #use(index: number, directive: Directive, ruleId: string): void {
    this.#used.add(`${index}\0${directive.rules === null ? '*' : ruleId}`);
  }

  isSuppressed(ruleId: string, line: number): boolean {
    let suppressedBy: number | undefined;
    this.directives.forEach((directive, index) => {
      if (!covers(directive, ruleId)) return;
      switch (directive.type) {
        case 'disable-file':
          suppressedBy ??= index;
          break;
        case 'disable-line':
        case 'disable-next-line':
          if (directive.targetLine === line) suppressedBy = index;
          break;
        case 'disable':
          if (directive.line <= line && !this.#enabledBetween(index, ruleId, line)) suppressedBy ??= index;
          break;
        case 'enable':
          break;
      }
    });
    if (suppressedBy === undefined) return false;
    const directive = this.directives[suppressedBy];
    if (directive) this.#use(suppressedBy, directive, ruleId);
    return true;
  }

  #enabledBetween(disableIndex: number, ruleId: string, line: number): boolean {
    const disable = this.directives[disableIndex];
    if (!disable) return false;
    return this.directives.some(
      (directive, index) =>
        index > disableIndex &&
        directive.type === 'enable' &&
        directive.line <= line &&
        directive.line >= disable.line &&
        (directive.rules === null || (disable.rules !== null && covers(directive, ruleId))),
    );
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
