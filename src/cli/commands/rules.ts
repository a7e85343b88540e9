import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export function registerRulesCommand(program: Command, context: CommandContext): void {
  program
    .command('rules')
    .description('list the rules with their category, default severity and description')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      context.setExitCode(await runRules(options, context.io));
    });
}

export async function runRules(options: { json?: boolean }, io: CliIo): Promise<number> {
  const { listRules } = await import('../../api/rules.js');
  const rules = listRules();
  if (options.json) {
    io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const header = ['RULE', 'CATEGORY', 'DEFAULT', 'DESCRIPTION'];
  const rows = rules.map((rule) => [
    rule.id,
    rule.category,
    rule.severity + (rule.fixable ? ' (fix)' : ''),
    rule.description,
  ]);
  const widths = header
    .slice(0, 3)
    .map((title, column) => rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return 0;
}
