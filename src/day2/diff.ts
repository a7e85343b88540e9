/**
 * A unified diff of two texts (the format of `diff -u` and `git diff`), for the plan a day-2
 * command prints. The files it compares are small hand-kept YAML files, so a longest common
 * subsequence table is enough; test/day2/diff.test.ts checks the output against `diff -u`.
 */

type Edit = { kind: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  if (text === '') return [];
  const split = text.split('\n');
  if (split[split.length - 1] === '') split.pop();
  return split;
}

function edits(before: string[], after: string[]): Edit[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const result: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      result.push({ kind: ' ', line: before[i]! });
      i += 1;
      j += 1;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removed lines before added ones, as diff and git print them.
      result.push({ kind: '-', line: before[i]! });
      i += 1;
    } else {
      result.push({ kind: '+', line: after[j]! });
      j += 1;
    }
  }
  return result;
}

/** The hunks of a unified diff with `context` lines around each change; '' when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const all = edits(lines(before), lines(after));
  const changed = all.map((edit, index) => (edit.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context + 1) end += 1;
    const from = Math.max(0, changed[start]! - context);
    const to = Math.min(all.length, changed[end]! + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (const edit of all.slice(0, from)) {
      if (edit.kind !== '+') oldLine += 1;
      if (edit.kind !== '-') newLine += 1;
    }
    const hunk = all.slice(from, to);
    const oldCount = hunk.filter((edit) => edit.kind !== '+').length;
    const newCount = hunk.filter((edit) => edit.kind !== '-').length;
    const range = (line: number, count: number): string =>
      count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`;
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`);
    for (const edit of hunk) out.push(`${edit.kind}${edit.line}`);
    start = end + 1;
  }
  return `${out.join('\n')}\n`;
}
