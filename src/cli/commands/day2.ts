import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { registerComponentSubcommands } from './component.js';
import { registerEnvSubcommands } from './env.js';
import { registerTenantSubcommands } from './tenant.js';

/**
 * The day-2 commands, `add <what>` and `remove <what>`: changes to a repository made with
 * `gitops-init new`, planned in full (create, modify with a diff, delete) and then written.
 */
export function registerDay2Commands(program: Command, context: CommandContext): void {
  const add = program
    .command('add')
    .description('add to a repository made with gitops-init new (day 2): env, tenant, component');
  const remove = program
    .command('remove')
    .description('remove from a repository made with gitops-init new (day 2): env, tenant, component');
  registerEnvSubcommands(add, remove, context);
  registerTenantSubcommands(add, remove, context);
  registerComponentSubcommands(add, remove, context);
}
