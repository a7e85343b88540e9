import type { FileChange } from '../api/day2.js';
import { oneLine } from '../errors.js';

/** The plan of a day-2 command: one line per file (create, modify, delete), a unified diff under each modify. */
export function describeChanges(changes: readonly FileChange[]): string {
  return changes
    .map((change) => `  ${change.action.padEnd(6)}  ${oneLine(change.path)}\n${change.diff ?? ''}`)
    .join('');
}

/** The files a removal kept because the user changed them since they were generated ('' when none). */
export function describeKept(kept: readonly string[]): string {
  if (kept.length === 0) return '';
  const one = kept.length === 1;
  return `Kept ${kept.length} file${one ? '' : 's'} changed since gitops-init generated ${one ? 'it' : 'them'} (delete ${one ? 'it' : 'them'} by hand if no longer needed; --force deletes such files):\n${kept.map((file) => `  ${oneLine(file)}\n`).join('')}`;
}
