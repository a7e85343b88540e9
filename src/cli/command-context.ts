import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from './io.js';

/**
 * What a command's definition needs from the program: the I/O, where the command runs and how
 * to report its exit status. Command modules import nothing heavy at the top: each action loads
 * the API when it runs, so that `--help` and `--version` stay fast.
 */
export interface CommandContext {
  io: CliIo;
  /** The directory the command runs in: -C/--cwd resolved against where gitops-init started. */
  cwd: () => string;
  setExitCode: (code: number) => void;
}

export function commandContext(program: Command, io: CliIo, setExitCode: (code: number) => void): CommandContext {
  return {
    io,
    cwd: () => {
      const option = program.opts<{ cwd?: string }>().cwd;
      return option === undefined ? io.cwd : path.resolve(io.cwd, option);
    },
    setExitCode,
  };
}

export function parseInteger(flag: string): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${flag} takes a whole number, got "${value}"`);
    return Number(value);
  };
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `-c, --config <file>`, which several commands take. */
export const CONFIG_FLAG = '-c, --config <file>';
export const CONFIG_DESCRIPTION = 'descriptor to use instead of gitops.yaml at the repository root';
