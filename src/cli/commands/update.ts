import type { Command } from 'commander';
import type { UpdateResult } from '../../api/update.js';
import { oneLine } from '../../errors.js';
import type { CommandContext } from '../command-context.js';
import { describeChanges } from '../day2-output.js';
import { confirmPlan, day2Mode } from '../day2-wizard.js';
import type { CliIo } from '../io.js';

export interface UpdateFlags {
  base?: string;
  dryRun?: boolean;
  yes?: boolean;
  allowDirty?: boolean;
}

export function registerUpdateCommand(program: Command, context: CommandContext): void {
  program
    .command('update')
    .description(
      "bring a repository made with gitops-init new up to this version's templates, keeping your changes (a three-way merge)",
    )
    .option(
      '--base <dir|tarball>',
      'the gitops-init package it was generated with (default: scaffold.version, from npm)',
    )
    .option('--dry-run', 'print the plan (create, modify with a diff, delete) and write nothing')
    .option('-y, --yes', 'ask nothing: no confirmation on a terminal')
    .option('--allow-dirty', 'run in a git work tree with uncommitted changes')
    .action(async (flags: UpdateFlags) => {
      context.setExitCode(await runUpdate(flags, context.cwd(), context.io));
    });
}

function describeConflicts(result: UpdateResult): string {
  if (result.conflicts.length === 0) return '';
  const lines = result.conflicts.map((conflict) =>
    conflict.reason === 'markers'
      ? `  ${oneLine(conflict.path)}: changed by you and by the templates on the same lines; resolve the conflict markers`
      : `  ${oneLine(conflict.path)}: a new template's file, and a file of yours is there; it was not overwritten (compare, then move yours away and run update again)`,
  );
  return `${result.conflicts.length} conflict${result.conflicts.length === 1 ? '' : 's'}${result.dryRun ? ' to come' : ' left for you'}:\n${lines.join('\n')}\n`;
}

function describeKeptFiles(result: UpdateResult): string {
  if (result.kept.length === 0) return '';
  return `Kept as you have them (the templates changed or deleted them, and you had changed or deleted them):\n${result.kept.map((file) => `  ${oneLine(file)}\n`).join('')}`;
}

export async function runUpdate(flags: UpdateFlags, cwd: string, io: CliIo): Promise<number> {
  const { update } = await import('../../api/update.js');
  const mode = day2Mode(io, flags);
  const options = {
    cwd,
    dryRun: flags.dryRun === true,
    allowDirty: flags.allowDirty === true,
    ...(flags.base === undefined ? {} : { base: flags.base }),
  };
  if (mode.interactive) {
    const plan = await update({ ...options, dryRun: true });
    await confirmPlan(
      io,
      plan,
      `Plan to update from gitops-init ${plan.fromVersion} to ${plan.toVersion}${plan.conflicts.length ? ` (${plan.conflicts.length} conflict${plan.conflicts.length === 1 ? '' : 's'} to resolve after)` : ''}`,
    );
  }
  const result = await update(options);
  const tail = `${describeKeptFiles(result)}${describeConflicts(result)}`;
  if (result.changes.length === 0) {
    io.stdout(
      `Nothing to change: the repository is on gitops-init ${result.toVersion}'s templates${result.fromVersion === result.toVersion ? '' : ` (from ${result.fromVersion})`}.\n${tail}`,
    );
    return result.conflicts.length > 0 ? 1 : 0;
  }
  const count = `${result.changes.length} file${result.changes.length === 1 ? '' : 's'}`;
  if (result.dryRun) {
    io.stdout(
      `Plan to update from gitops-init ${result.fromVersion} to ${result.toVersion} (dry run, nothing written):\n${describeChanges(result.changes)}${tail}`,
    );
    return result.conflicts.length > 0 ? 1 : 0;
  }
  io.stdout(
    `Updated from gitops-init ${result.fromVersion} to ${result.toVersion}: ${count} changed.\n${mode.interactive ? '' : describeChanges(result.changes)}${tail}`,
  );
  if (result.conflicts.length > 0) {
    io.stdout('Resolve the conflicts, run gitops-init lint, then commit.\n');
    return 1;
  }
  io.stdout('Review it with git diff, run gitops-init lint, then commit.\n');
  return 0;
}
