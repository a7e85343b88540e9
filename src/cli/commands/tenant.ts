import type { Command } from 'commander';
import { oneLine } from '../../errors.js';
import { describeChanges, describeKept } from '../day2-output.js';
import { asking, confirmPlan, day2Mode, requireArgument } from '../day2-wizard.js';
import type { CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export interface TenantFlags {
  name?: string;
  namespace?: string;
  repository?: string;
  envs?: string;
  dryRun?: boolean;
  force?: boolean;
  yes?: boolean;
}

/** A comma-separated flag as a list (empty items dropped). */
function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `add tenant` and `remove tenant`, under the day-2 commands `add` and `remove`. */
export function registerTenantSubcommands(add: Command, remove: Command, context: CommandContext): void {
  add
    .command('tenant')
    .description(
      'onboard an application team (infrastructure): the files new generates for a tenant, and the team in gitops.yaml',
    )
    .argument('[team]', 'the application team, as @org/team-slug (asked on a terminal when missing)')
    .option('--name <name>', "the tenant's name (default: the team slug)")
    .option('--namespace <ns,...>', 'its namespaces, the first the one it deploys to (default: its name)')
    .option('--repository <url>', "its application repository's clone URL (default: <host>/<org>/<name>.git)")
    .option('--envs <list>', 'the environments it is onboarded in (default: all)')
    .option('--dry-run', 'print the plan (create, modify with a diff) and write nothing')
    .option('-y, --yes', 'ask nothing: no wizard, no confirmation (what a script or CI passes)')
    .action(async (team: string | undefined, flags: TenantFlags) => {
      context.setExitCode(await runTenant('add', team, flags, context.cwd(), context.io));
    });
  remove
    .command('tenant')
    .description('offboard a tenant: delete the files new generated for it, and take the team out of gitops.yaml')
    .argument('[name]', 'the tenant name, or its team as @org/team-slug (chosen on a terminal when missing)')
    .option('--dry-run', 'print the plan (modify with a diff, delete) and write nothing')
    .option('--force', 'delete its files even where they were changed since they were generated')
    .option('-y, --yes', 'ask nothing: no wizard, no confirmation (what a script or CI passes)')
    .action(async (name: string | undefined, flags: TenantFlags) => {
      context.setExitCode(await runTenant('remove', name, flags, context.cwd(), context.io));
    });
}

export async function runTenant(
  verb: 'add' | 'remove',
  given: string | undefined,
  flags: TenantFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  const api = await import('../../api/day2.js');
  const mode = day2Mode(io, flags);
  requireArgument(
    mode,
    given,
    `gitops-init ${verb} tenant ${verb === 'add' ? '<@org/team>' : '<name>'}`,
    verb === 'add' ? 'the team' : 'the tenant name',
  );
  let options: NonNullable<Parameters<typeof api.addTenant>[1]> = {
    cwd,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    ...(flags.name === undefined ? {} : { name: flags.name }),
    ...(flags.namespace === undefined ? {} : { namespaces: list(flags.namespace) }),
    ...(flags.repository === undefined ? {} : { repositoryUrl: flags.repository }),
    ...(flags.envs === undefined ? {} : { environments: list(flags.envs) }),
  };
  let nameOrTeam = given ?? '';
  if (mode.interactive) {
    const { team, ...details } = await asking(() =>
      api.askTenant(
        verb,
        {
          ...(given === undefined ? {} : { team: given }),
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.namespaces === undefined ? {} : { namespaces: options.namespaces }),
          ...(options.repositoryUrl === undefined ? {} : { repositoryUrl: options.repositoryUrl }),
          ...(options.environments === undefined ? {} : { environments: options.environments }),
        },
        cwd,
      ),
    );
    nameOrTeam = team;
    options = { ...options, ...details };
  }
  const run = (dryRun: boolean): ReturnType<typeof api.addTenant> =>
    verb === 'add'
      ? api.addTenant(nameOrTeam, { ...options, dryRun })
      : api.removeTenant(nameOrTeam, { ...options, dryRun });
  if (mode.interactive) await confirmPlan(io, await run(true), `Plan to ${verb} tenant ${oneLine(nameOrTeam)}`);
  const result = await run(options.dryRun === true);
  const shown = `${oneLine(result.tenant.name)} (${oneLine(result.tenant.team)})`;
  const kept = describeKept(result.kept);
  if (result.changes.length === 0) {
    io.stdout(
      `Nothing to change: tenant ${shown} is already ${verb === 'add' ? 'there' : 'gone'} with all its files.\n${kept}`,
    );
    return 0;
  }
  const where = `namespaces: ${result.tenant.namespaces.map(oneLine).join(', ')}; environments: ${result.tenant.environments.map(oneLine).join(', ')}`;
  if (result.dryRun) {
    io.stdout(
      `Plan to ${verb} tenant ${shown} (dry run, nothing written):\n${describeChanges(result.changes)}${where}\n${kept}`,
    );
    return 0;
  }
  io.stdout(
    `${verb === 'add' ? 'Added' : 'Removed'} tenant ${shown}: ${result.written.length} file${result.written.length === 1 ? '' : 's'} changed.\n${mode.interactive ? '' : describeChanges(result.changes)}${where}\n${kept}`,
  );
  return 0;
}
