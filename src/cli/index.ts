import { Command, CommanderError } from 'commander';
import { ConfigError, isGitopsError, nameOptions, oneLine, UsageError } from '../errors.js';
import { packageInfo } from '../package-info.js';
import { commandContext, type CommandContext } from './command-context.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerCodeownersCommand } from './commands/codeowners.js';
import { registerDay2Commands } from './commands/day2.js';
import { registerInitCommand } from './commands/init.js';
import { registerLintCommand } from './commands/lint.js';
import { registerNewCommand } from './commands/new.js';
import { registerOwnersCommand } from './commands/owners.js';
import { registerProtectCommand } from './commands/protect.js';
import { registerReleaseCommand } from './commands/release.js';
import { registerRulesCommand } from './commands/rules.js';
import { registerUpdateCommand } from './commands/update.js';
import { registerVersionCommand } from './commands/version.js';
import { flagName } from './flags.js';
import type { CliIo } from './io.js';

export type { CliIo } from './io.js';

/** Commander error codes that are the user's mistake: exit 2 with one line. */
const USAGE_CODES = new Set([
  'commander.unknownCommand',
  'commander.unknownOption',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.invalidArgument',
  'commander.excessArguments',
  'commander.conflictingOption',
]);

/**
 * The commands, in the order of `--help`. Each module defines its commander command and loads
 * the API only when the command runs.
 */
const COMMANDS: readonly ((program: Command, context: CommandContext) => void)[] = [
  registerLintCommand,
  registerNewCommand,
  registerInitCommand,
  registerDay2Commands,
  registerUpdateCommand,
  registerVersionCommand,
  registerReleaseCommand,
  registerRulesCommand,
  registerOwnersCommand,
  registerCodeownersCommand,
  registerProtectCommand,
  registerAuditCommand,
];

function formatError(error: unknown): string {
  if (error instanceof ConfigError) {
    const lines = error.problems.map((problem) => {
      const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
        .filter((part) => part !== undefined)
        .join(':');
      // One line per problem, whatever the file's name or the value quoted holds.
      return `  ${oneLine(where)}: ${oneLine(nameOptions(problem.message, flagName))}`;
    });
    return [`gitops-init: ${error.describe(flagName)}${lines.length > 0 ? ':' : ''}`, ...lines].join('\n');
  }
  if (isGitopsError(error)) return `gitops-init: ${error.describe(flagName)}`;
  return `gitops-init: ${oneLine((error as Error).message)}`;
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const { version } = packageInfo();
  const program = new Command();
  program
    .name('gitops-init')
    .description('Scaffold GitOps repositories for Argo CD, Flux and Helm, and keep them in line.')
    .version(version, '-v, --version', 'print the version')
    .option('-C, --cwd <dir>', 'run as if started in <dir> (as git -C)')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Commander puts its suggestion on a second line; keep the message to one line. The
      // values quoted ('…', "…") keep their newlines, escaped.
      outputError: (text, write) =>
        write(
          `gitops-init: ${oneLine(
            text
              .replace(/^error: /, '')
              .replace(/'[^']*'|"[^"]*"/g, (quoted) => quoted.replace(/\n/g, '\\n'))
              .replace(/\s*\n\s*/g, ' ')
              .trim(),
          )}; see 'gitops-init --help'\n`,
        ),
    });

  const context = commandContext(program, io, setExitCode);
  for (const register of COMMANDS) register(program, context);

  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit
 * status: 0 clean, 1 findings or a refused action, 2 usage, configuration or internal error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  // With no command (global options at most), gitops-init runs `new`: the wizard on a terminal.
  const args = [...argv];
  let index = 0;
  while (index < args.length) {
    const arg = args[index] ?? '';
    if (arg === '-C' || arg === '--cwd') index += 2;
    else if (arg.startsWith('--cwd=')) index += 1;
    else break;
  }
  if (index >= args.length) args.push('new');
  argv = args;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  // Commander's `help <name>` prints the general help and succeeds when no command has that
  // name: drop `help`, so that the name is an unknown command (exit 2, with the nearest one).
  const topic = args[index + 1];
  if (
    args[index] === 'help' &&
    topic !== undefined &&
    !topic.startsWith('-') &&
    !program.commands.some((command) => command.name() === topic || command.aliases().includes(topic))
  )
    argv = [...args.slice(0, index), ...args.slice(index + 1)];
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
      return USAGE_CODES.has(error.code) ? 2 : error.exitCode === 0 ? 0 : 2;
    }
    if (isGitopsError(error) && error.code !== 'INTERNAL') {
      io.stderr(`${formatError(error)}\n`);
      return error.exitCode;
    }
    const { version, bugs } = packageInfo();
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `gitops-init: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
        `This is a bug in gitops-init; please report it at ${bugs} with the lines below.\n` +
        `gitops-init ${version}, Node.js ${process.version}, ${process.platform}\n${detail}\n`,
    );
    return 2;
  }
}

export { UsageError };
