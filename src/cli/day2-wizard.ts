import type { Day2Result } from '../api/day2.js';
import { RefusedError, UsageError } from '../errors.js';
import { describeChanges } from './day2-output.js';
import type { CliIo } from './io.js';

/** How a day-2 command runs: asking on a terminal, or from its arguments and flags alone. */
export interface Day2Mode {
  /** A terminal on both ends, no --yes and no --dry-run: missing answers are asked, the plan confirmed. */
  interactive: boolean;
}

export function day2Mode(io: CliIo, flags: { yes?: boolean; dryRun?: boolean }): Day2Mode {
  return { interactive: io.isTTY && io.stdinIsTTY && flags.yes !== true && flags.dryRun !== true };
}

/**
 * The argument a command needs: given, or asked on a terminal later; without a terminal (or
 * with --yes) a missing one is a usage error naming it.
 */
export function requireArgument(mode: Day2Mode, value: string | undefined, usage: string, what: string): void {
  if (value === undefined && !mode.interactive) {
    throw new UsageError(`${what} is missing: ${usage} (on a terminal, without --yes, the command asks for it)`);
  }
}

/** Runs the wizard's prompts; Ctrl-C or a closed terminal is a cancellation, nothing written. */
export async function asking<T>(prompts: () => Promise<T>): Promise<T> {
  try {
    return await prompts();
  } catch (error) {
    if (error instanceof Error && /force closed|SIGINT|ExitPrompt/i.test(`${error.name} ${error.message}`)) {
      throw new RefusedError('cancelled; nothing was written');
    }
    throw error;
  }
}

/**
 * On a terminal: shows the plan (a dry run) and asks before writing. Returns false when there
 * is nothing to change (the caller reports the dry run's result as it is), true to go on; a "no"
 * is a refusal, nothing written.
 */
export async function confirmPlan(io: CliIo, plan: Day2Result, title: string): Promise<boolean> {
  if (plan.changes.length === 0) return false;
  io.stdout(`${title}:\n${describeChanges(plan.changes)}`);
  const { confirmChanges } = await import('../api/day2.js');
  const count = plan.changes.length;
  const yes = await asking(() => confirmChanges(`Write ${count === 1 ? 'this change' : `these ${count} changes`}?`));
  if (!yes) throw new RefusedError('cancelled; nothing was written');
  return true;
}
