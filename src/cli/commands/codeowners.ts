import type { Command } from 'commander';
import { CONFIG_DESCRIPTION, CONFIG_FLAG, type CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export function registerCodeownersCommand(program: Command, context: CommandContext): void {
  program
    .command('codeowners')
    .description('manage CODEOWNERS')
    .command('sync')
    .description('write the block of CODEOWNERS generated from the ownership map in gitops.yaml (other lines are kept)')
    .option('--check', 'exit 1 when CODEOWNERS is out of date, without writing it')
    .option(CONFIG_FLAG, CONFIG_DESCRIPTION)
    .action(async (flags: { check?: boolean; config?: string }) => {
      context.setExitCode(await runCodeownersSync(flags, context.cwd(), context.io));
    });
}

export async function runCodeownersSync(
  flags: { check?: boolean; config?: string },
  cwd: string,
  io: CliIo,
): Promise<number> {
  const { syncCodeowners } = await import('../../api/codeowners.js');
  const result = await syncCodeowners({
    cwd,
    ...(flags.check ? { check: true } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
  });
  if (result.status === 'unchanged') {
    io.stdout(`${result.file} is up to date with the ownership map in gitops.yaml\n`);
    return 0;
  }
  if (flags.check) {
    io.stderr(
      `gitops-init: ${result.file} is out of date with the ownership map in gitops.yaml; run 'gitops-init codeowners sync'\n`,
    );
    return 1;
  }
  io.stdout(
    `${result.status === 'created' ? 'created' : 'updated'} ${result.file} from the ownership map in gitops.yaml\n`,
  );
  return 0;
}
