import type { Command } from 'commander';
import { oneLine } from '../../errors.js';
import { describeChanges, describeKept } from '../day2-output.js';
import type { CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export interface EnvFlags {
  after?: string;
  dryRun?: boolean;
  force?: boolean;
  yes?: boolean;
}

/** `add env` and `remove env`, under the day-2 commands `add` and `remove`. */
export function registerEnvSubcommands(add: Command, remove: Command, context: CommandContext): void {
  add
    .command('env')
    .description(
      "add an environment: the files new generates for it, and the environment in gitops.yaml's promotion order",
    )
    .argument('<name>', 'environment name (a DNS label)')
    .option('--after <env>', 'the environment it is promoted from (default: before the last one)')
    .option('--dry-run', 'print the plan (create, modify with a diff) and write nothing')
    .option('-y, --yes', 'accepted for scripts; the command asks nothing')
    .action(async (name: string, flags: EnvFlags) => {
      context.setExitCode(await runEnv('add', name, flags, context.cwd(), context.io));
    });
  remove
    .command('env')
    .description('remove an environment: delete the files new generated for it, and take it out of gitops.yaml')
    .argument('<name>', 'environment name')
    .option('--dry-run', 'print the plan (modify with a diff, delete) and write nothing')
    .option('--force', 'delete its files even where they were changed since they were generated')
    .option('-y, --yes', 'accepted for scripts; the command asks nothing')
    .action(async (name: string, flags: EnvFlags) => {
      context.setExitCode(await runEnv('remove', name, flags, context.cwd(), context.io));
    });
}

export async function runEnv(
  verb: 'add' | 'remove',
  name: string,
  flags: EnvFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  const api = await import('../../api/day2.js');
  const options = {
    cwd,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    ...(flags.after === undefined ? {} : { after: flags.after }),
  };
  const result = verb === 'add' ? await api.addEnvironment(name, options) : await api.removeEnvironment(name, options);
  const shown = oneLine(name);
  const kept = describeKept(result.kept);
  if (result.changes.length === 0) {
    io.stdout(
      `Nothing to change: environment ${shown} is already ${verb === 'add' ? 'there' : 'gone'} with all its files.\n${kept}`,
    );
    return 0;
  }
  const order = `environments: ${result.environments.map(oneLine).join(' -> ')}`;
  if (result.dryRun) {
    io.stdout(
      `Plan to ${verb} environment ${shown} (dry run, nothing written):\n${describeChanges(result.changes)}${order}\n${kept}`,
    );
    return 0;
  }
  io.stdout(
    `${verb === 'add' ? 'Added' : 'Removed'} environment ${shown}: ${result.written.length} file${result.written.length === 1 ? '' : 's'} changed.\n${describeChanges(result.changes)}${order}\n${kept}`,
  );
  return 0;
}
