import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface MergeResult {
  /** The merged text; with conflict markers where `conflicts` > 0. */
  text: string;
  /** Number of conflicting hunks (0: a clean merge). */
  conflicts: number;
}

export interface MergeLabels {
  ours?: string;
  base?: string;
  theirs?: string;
}

/**
 * A line-based three-way merge, as `git merge-file` does it: the changes from `base` to
 * `theirs` applied to `ours`. Changes in different places are both kept; changes to the same
 * lines are a conflict, marked `<<<<<<< ours` … `>>>>>>> theirs` in `text`. git needs no
 * repository for this.
 */
export function mergeFile(ours: string, base: string, theirs: string, labels: MergeLabels = {}): MergeResult {
  if (ours === base) return { text: theirs, conflicts: 0 };
  if (theirs === base || theirs === ours) return { text: ours, conflicts: 0 };
  const directory = mkdtempSync(path.join(tmpdir(), 'gitops-init-merge-'));
  try {
    const files = (['ours', 'base', 'theirs'] as const).map((name, index) => {
      const file = path.join(directory, name);
      writeFileSync(file, [ours, base, theirs][index]!);
      return file;
    });
    const result = spawnSync(
      'git',
      [
        'merge-file',
        '-p',
        '-L',
        labels.ours ?? 'ours',
        '-L',
        labels.base ?? 'base',
        '-L',
        labels.theirs ?? 'theirs',
        ...files,
      ],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
    );
    if (result.error) {
      throw new UsageError('git is not installed or not on PATH; install git to merge changes into edited files', {
        cause: result.error,
      });
    }
    // The status is the number of conflicts (capped at 127); a negative one (255) is an error.
    if (result.status === null || result.status > 127) {
      throw new Error(`git merge-file failed (${result.status ?? result.signal}): ${result.stderr.trim()}`);
    }
    return { text: result.stdout, conflicts: result.status };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
