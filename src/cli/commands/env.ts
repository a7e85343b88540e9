import type { Command } from 'commander';
import { oneLine } from '../../errors.js';
import { describeChanges, describeKept } from '../day2-output.js';
import { asking, confirmPlan, day2Mode, requireArgument } from '../day2-wizard.js';
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
    .argument('[name]', 'environment name (a DNS label; asked on a terminal when missing)')
    .option('--after <env>', 'the environment it is promoted from (default: before the last one)')
    .option('--dry-run', 'print the plan (create, modify with a diff) and write nothing')
    .option('-y, --yes', 'ask nothing: no wizard, no confirmation (what a script or CI passes)')
    .action(async (name: string | undefined, flags: EnvFlags) => {
      context.setExitCode(await runEnv('add', name, flags, context.cwd(), context.io));
    });
  remove
    .command('env')
    .description('remove an environment: delete the files new generated for it, and take it out of gitops.yaml')
    .argument('[name]', 'environment name (chosen on a terminal when missing)')
    .option('--dry-run', 'print the plan (modify with a diff, delete) and write nothing')
    .option('--force', 'delete its files even where they were changed since they were generated')
    .option('-y, --yes', 'ask nothing: no wizard, no confirmation (what a script or CI passes)')
    .action(async (name: string | undefined, flags: EnvFlags) => {
      context.setExitCode(await runEnv('remove', name, flags, context.cwd(), context.io));
    });
}

export async function runEnv(
  verb: 'add' | 'remove',
  given: string | undefined,
  flags: EnvFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  const api = await import('../../api/day2.js');
  const mode = day2Mode(io, flags);
  requireArgument(mode, given, `gitops-init ${verb} env <name>`, 'the environment name');
  let name = given ?? '';
  let after = flags.after;
  if (mode.interactive) {
    const answers = await asking(() =>
      api.askEnvironment(
        verb,
        { ...(given === undefined ? {} : { name: given }), ...(after === undefined ? {} : { after }) },
        cwd,
      ),
    );
    ({ name, after } = answers);
  }
  const options = {
    cwd,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    ...(after === undefined ? {} : { after }),
  };
  if (mode.interactive) {
    const plan =
      verb === 'add'
        ? await api.addEnvironment(name, { ...options, dryRun: true })
        : await api.removeEnvironment(name, { ...options, dryRun: true });
    await confirmPlan(io, plan, `Plan to ${verb} environment ${oneLine(name)}`);
  }
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
    `${verb === 'add' ? 'Added' : 'Removed'} environment ${shown}: ${result.written.length} file${result.written.length === 1 ? '' : 's'} changed.\n${mode.interactive ? '' : describeChanges(result.changes)}${order}\n${kept}`,
  );
  return 0;
}
