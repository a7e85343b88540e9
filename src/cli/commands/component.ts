import type { Command } from 'commander';
import { oneLine } from '../../errors.js';
import { describeChanges, describeKept } from '../day2-output.js';
import { asking, confirmPlan, day2Mode, requireArgument } from '../day2-wizard.js';
import type { CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export interface ComponentFlags {
  category?: string;
  chart?: string;
  chartRepo?: string;
  chartVersion?: string;
  namespace?: string;
  dryRun?: boolean;
  force?: boolean;
  yes?: boolean;
}

/** `add component` and `remove component`, under the day-2 commands `add` and `remove`. */
export function registerComponentSubcommands(add: Command, remove: Command, context: CommandContext): void {
  add
    .command('component')
    .description(
      "add a platform component (infrastructure): an Argo CD Application, a Flux HelmRelease or a Helm subchart, pinned, wired into its category's kustomization or chart",
    )
    .argument('[name]', 'component name (a DNS label; asked on a terminal when missing)')
    .option('--category <category>', 'network, security, storage, monitoring or logging')
    .option('--chart <name>', 'Helm chart (default: the component name)')
    .option('--chart-repo <url>', 'chart repository: an https:// or oci:// URL')
    .option('--chart-version <version>', 'exact chart version to pin (no range)')
    .option('--namespace <ns>', "Argo CD, Flux: namespace to install into (default: the category's)")
    .option('--dry-run', 'print the plan (create, modify with a diff) and write nothing')
    .option('-y, --yes', 'ask nothing: no wizard, no confirmation (what a script or CI passes)')
    .action(async (name: string | undefined, flags: ComponentFlags) => {
      context.setExitCode(await runComponent('add', name, flags, context.cwd(), context.io));
    });
  remove
    .command('component')
    .description('remove a component added with add component: its files and its wiring')
    .argument('[name]', 'component name (asked on a terminal when missing)')
    .option('--dry-run', 'print the plan (modify with a diff, delete) and write nothing')
    .option('--force', 'delete its files even where they were changed since they were generated')
    .option('-y, --yes', 'ask nothing: no wizard, no confirmation (what a script or CI passes)')
    .action(async (name: string | undefined, flags: ComponentFlags) => {
      context.setExitCode(await runComponent('remove', name, flags, context.cwd(), context.io));
    });
}

export async function runComponent(
  verb: 'add' | 'remove',
  given: string | undefined,
  flagsGiven: ComponentFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  const api = await import('../../api/day2.js');
  const mode = day2Mode(io, flagsGiven);
  requireArgument(mode, given, `gitops-init ${verb} component <name>`, 'the component name');
  let name = given ?? '';
  let flags = flagsGiven;
  if (mode.interactive) {
    const answers = await asking(() =>
      api.askComponent(
        verb,
        {
          ...(given === undefined ? {} : { name: given }),
          ...(flags.category === undefined ? {} : { category: flags.category }),
          ...(flags.chart === undefined ? {} : { chart: flags.chart }),
          ...(flags.chartRepo === undefined ? {} : { chartRepo: flags.chartRepo }),
          ...(flags.chartVersion === undefined ? {} : { chartVersion: flags.chartVersion }),
        },
        cwd,
      ),
    );
    name = answers.name;
    flags = { ...flags, ...answers };
  }
  const options = {
    cwd,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    ...(flags.category === undefined ? {} : { category: flags.category }),
    ...(flags.chart === undefined ? {} : { chart: flags.chart }),
    ...(flags.chartRepo === undefined ? {} : { chartRepo: flags.chartRepo }),
    ...(flags.chartVersion === undefined ? {} : { chartVersion: flags.chartVersion }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
  };
  if (mode.interactive) {
    const plan =
      verb === 'add'
        ? await api.addComponent(name, { ...options, dryRun: true })
        : await api.removeComponent(name, { ...options, dryRun: true });
    await confirmPlan(io, plan, `Plan to ${verb} component ${oneLine(name)}`);
  }
  const result = verb === 'add' ? await api.addComponent(name, options) : await api.removeComponent(name, options);
  const shown = oneLine(name);
  const kept = describeKept(result.kept);
  if (result.changes.length === 0) {
    io.stdout(
      `Nothing to change: component ${shown} is ${verb === 'add' ? 'already there with all its files' : 'already gone'}.\n${kept}`,
    );
    return 0;
  }
  const where = `${oneLine(result.chart)} ${oneLine(result.version)}${result.namespace === undefined ? '' : ` in namespace ${oneLine(result.namespace)}`}`;
  const summary = `component ${shown} (${oneLine(result.category)}): chart ${where}`;
  if (result.dryRun) {
    io.stdout(`Plan to ${verb} ${summary} (dry run, nothing written):\n${describeChanges(result.changes)}${kept}`);
    return 0;
  }
  io.stdout(
    `${verb === 'add' ? 'Added' : 'Removed'} ${summary}: ${result.written.length} file${result.written.length === 1 ? '' : 's'} changed.\n${mode.interactive ? '' : describeChanges(result.changes)}${kept}`,
  );
  return 0;
}
