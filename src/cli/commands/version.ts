import { Argument, type Command } from 'commander';
import type { BumpLevel } from '../../api/version.js';
import type { CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export function registerVersionCommand(program: Command, context: CommandContext): void {
  const versionCommand = program
    .command('version')
    .description('show the version and where each source stands; bump and tag it');
  versionCommand.option('--json', 'print JSON').action(async (options: { json?: boolean }) => {
    context.setExitCode(await runVersion(options, context.cwd(), context.io));
  });
  versionCommand
    .command('bump')
    .description("raise the version in every source and move CHANGELOG.md's Unreleased section to it")
    .addArgument(new Argument('<level>', 'which part to raise').choices(['major', 'minor', 'patch', 'prerelease']))
    .option(
      '--preid <id>',
      'pre-release identifier, e.g. rc (with major, minor or patch: a pre-release of that version)',
    )
    .action(async (level: string, options: { preid?: string }) => {
      context.setExitCode(await runBump(level, options, context.cwd(), context.io));
    });
  versionCommand
    .command('tag')
    .description('create the annotated tag v<version> on HEAD (refuses a dirty tree or an existing tag)')
    .action(async () => {
      context.setExitCode(await runTag(context.cwd(), context.io));
    });
}

export async function runVersion(options: { json?: boolean }, cwd: string, io: CliIo): Promise<number> {
  const { versionStatus } = await import('../../api/version.js');
  const status = versionStatus({ cwd });
  if (options.json) {
    io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  } else {
    io.stdout(`${status.current ?? '(no valid version)'}\n`);
    const width = status.sources.reduce((extreme, source) => Math.max(extreme, source.source.length), -Infinity);
    for (const source of status.sources) {
      io.stdout(`  ${source.source.padEnd(width)}  ${(source.version ?? '-').padEnd(12)}  ${source.status}\n`);
    }
  }
  return status.consistent ? 0 : 1;
}

export async function runBump(level: string, options: { preid?: string }, cwd: string, io: CliIo): Promise<number> {
  const { bumpVersion } = await import('../../api/version.js');
  const result = await bumpVersion({
    cwd,
    level: level as BumpLevel,
    ...(options.preid === undefined ? {} : { preid: options.preid }),
  });
  io.stdout(`${result.previous} -> ${result.version}: updated ${result.files.join(', ')}\n`);
  return 0;
}

export async function runTag(cwd: string, io: CliIo): Promise<number> {
  const { tagVersion } = await import('../../api/version.js');
  const result = await tagVersion({ cwd });
  io.stdout(`tagged ${result.commit.slice(0, 12)} as ${result.tag}; push it with: git push origin ${result.tag}\n`);
  return 0;
}
