import { describe, expect, it } from 'vitest';
import { DirectiveSet, parseDirectives, type Directive } from '../../src/engine/directives.js';

/**
 * What the directives of a file mean, read literally from their definition, one directive at a
 * time for each finding (slow, and plain to check): the last line directive for the line; else
 * the first `disable-file`, or `disable` with no applicable `enable` between it and the line.
 * DirectiveSet looks findings up by line instead; it must answer the same, and use the same
 * directives (so that the same ones are reported unused).
 */
function literalSuppressor(directives: readonly Directive[], ruleId: string, line: number): number | undefined {
  const covers = (directive: Directive): boolean => directive.rules === null || directive.rules.includes(ruleId);
  const enabledBetween = (disableIndex: number): boolean => {
    const disable = directives[disableIndex] as Directive;
    return directives.some(
      (directive, index) =>
        index > disableIndex &&
        directive.type === 'enable' &&
        directive.line <= line &&
        directive.line >= disable.line &&
        (directive.rules === null || (disable.rules !== null && covers(directive))),
    );
  };
  let suppressedBy: number | undefined;
  directives.forEach((directive, index) => {
    if (!covers(directive)) return;
    if (directive.type === 'disable-file') suppressedBy ??= index;
    else if (directive.type === 'disable-line' || directive.type === 'disable-next-line') {
      if (directive.targetLine === line) suppressedBy = index;
    } else if (directive.type === 'disable' && directive.line <= line && !enabledBetween(index)) suppressedBy ??= index;
  });
  return suppressedBy;
}

/** A deterministic pseudo-random sequence (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const FORMS = ['disable-line', 'disable-next-line', 'disable', 'enable', 'disable-file'] as const;
const RULE_LISTS = ['', ' rule-a', ' rule-b', ' rule-a, rule-b', ' rule-c'];

describe('DirectiveSet against the literal reading of the directives', () => {
  it('suppresses the same findings with the same directives, in 400 random files', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const lines: string[] = [];
      const length = 1 + Math.floor(next() * 30);
      for (let line = 0; line < length; line += 1) {
        // Blocks are what the lookup has to get right: disable and enable come often.
        const form = next() < 0.4 ? undefined : next() < 0.6 ? pick(['disable', 'enable'] as const) : pick(FORMS);
        lines.push(
          form === undefined ? `key${line}: value` : `key${line}: value # gitops-lint-${form}${pick(RULE_LISTS)}`,
        );
      }
      const text = lines.join('\n');
      const directives = parseDirectives(text);
      const set = new DirectiveSet(directives);
      const used = new Set<string>();
      for (let query = 0; query < 40; query += 1) {
        const ruleId = pick(['rule-a', 'rule-b', 'rule-c', 'rule-d']);
        const line = 1 + Math.floor(next() * (length + 1));
        const expected = literalSuppressor(directives, ruleId, line);
        expect(set.isSuppressed(ruleId, line), `seed ${seed}: ${ruleId} on line ${line} of\n${text}`).toBe(
          expected !== undefined,
        );
        if (expected !== undefined) {
          const directive = directives[expected] as Directive;
          used.add(`${expected} ${directive.rules === null ? '*' : ruleId}`);
        }
      }
      const unused = set.unused().map(({ directive, ruleId }) => `${directives.indexOf(directive)} ${ruleId ?? '*'}`);
      const expectedUnused = directives.flatMap((directive, index) =>
        directive.type === 'enable'
          ? []
          : (directive.rules ?? ['*']).map((ruleId) => `${index} ${ruleId}`).filter((entry) => !used.has(entry)),
      );
      expect(unused, `seed ${seed}:\n${text}`).toEqual(expectedUnused);
    }
  });
});
