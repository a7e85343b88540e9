import { Option, type Command } from 'commander';
import type { OwnersReport, PathOwners } from '../../api/owners.js';
import { CONFIG_DESCRIPTION, CONFIG_FLAG, type CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export function registerOwnersCommand(program: Command, context: CommandContext): void {
  program
    .command('owners')
    .description('show who owns each path and the CODEOWNERS line that decided, as the host reads it')
    .argument('[paths...]', 'paths to look up (they need not exist); every tracked file when none are given')
    .option('--json', 'print JSON: [{ path, owners, line, pattern, section }]')
    .addOption(
      new Option('--unowned', 'list the tracked files without an owner (exit 1 when there are any)').conflicts('owner'),
    )
    .option('--owner <owner>', 'list the tracked files this owner owns (@user, @org/team or an e-mail address)')
    .option(CONFIG_FLAG, CONFIG_DESCRIPTION)
    .action(async (paths: string[], flags: OwnersFlags) => {
      context.setExitCode(await runOwners(paths, flags, context.cwd(), context.io));
    });
}

interface OwnersFlags {
  json?: boolean;
  unowned?: boolean;
  owner?: string;
  config?: string;
}

function decidingLines(report: OwnersReport, entry: PathOwners): string {
  const matches = entry.matches ?? (entry.line === null ? [] : [{ line: entry.line, section: entry.section }]);
  return matches
    .map(
      ({ line, section }) =>
        `${report.codeownersFile}:${line} ${section === null ? '' : `[${section}] `}${report.lineTexts.get(line) ?? ''}`,
    )
    .join('; ');
}

export async function runOwners(paths: string[], flags: OwnersFlags, cwd: string, io: CliIo): Promise<number> {
  const { owners } = await import('../../api/owners.js');
  const report = await owners({
    cwd,
    paths,
    ...(flags.unowned ? { unowned: true } : {}),
    ...(flags.owner === undefined ? {} : { owner: flags.owner }),
    ...(flags.config ? { configFile: flags.config } : {}),
  });
  if (report.problems > 0) {
    io.stderr(
      `gitops-init: ${report.codeownersFile} has ${report.problems} syntax problem(s), read as ${report.host === 'github' ? 'GitHub' : 'GitLab'} reads them; run 'gitops-init lint' to see them\n`,
    );
  }
  let output: string;
  if (flags.json) {
    output = JSON.stringify(report.entries, null, 2);
  } else if (flags.unowned) {
    output = report.entries.map((entry) => entry.path).join('\n');
  } else {
    output = report.entries
      .map((entry) => {
        const lines = decidingLines(report, entry);
        return `${entry.path}  ${entry.owners.length > 0 ? entry.owners.join(' ') : '(no owner)'}${lines === '' ? '' : `  ${lines}`}`;
      })
      .join('\n');
  }
  if (output !== '') io.stdout(`${output}\n`);
  if (flags.unowned) {
    const count = report.entries.length;
    if (!flags.json)
      io.stderr(
        `gitops-init: ${count} of ${report.total} ${report.fileSource === 'arguments' ? 'paths' : 'files'} have no code owner\n`,
      );
    return count > 0 ? 1 : 0;
  }
  return 0;
}
