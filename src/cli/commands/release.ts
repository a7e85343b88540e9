import type { Command } from 'commander';
import type { StoredRelease } from '../../api/release.js';
import { UsageError } from '../../errors.js';
import { collect, type CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export function registerReleaseCommand(program: Command, context: CommandContext): void {
  const { io, setExitCode } = context;
  const releaseCommand = program
    .command('release')
    .description('coordinated releases: the application and infrastructure versions tested together');
  releaseCommand
    .command('create')
    .description(
      'write releases/release-<app>-<infra>.yaml (releases/<tenant>/… where releases are per application) as a candidate',
    )
    .option('--app <version>', 'application version')
    .option('--infra <version>', 'infrastructure version')
    .option('--environment <env>', 'target environment')
    .option('--app-team <team>', 'application team that must approve (default: the one in gitops.yaml)')
    .option(
      '--app-name <tenant>',
      "the application whose release line this is, where releases are per application (default: the --app-team's)",
    )
    .option('--component <name=version>', 'another component and its version (repeatable)', collect)
    .option('--notes <text>', 'release notes')
    .option('--allow-downgrade', 'allow versions older than the newest release')
    .action(async (options: ReleaseCreateFlags) => {
      setExitCode(await runReleaseCreate(options, context.cwd(), io));
    });
  releaseCommand
    .command('approve')
    .description("record a team's approval of a release")
    .argument('<name>', 'release name, e.g. release-1.5.3-2.1.0')
    .option('--team <team>', 'the approving team, @org/team')
    .option('--by <user>', 'the approver')
    .action(async (name: string, options: { team?: string; by?: string }) => {
      setExitCode(await runReleaseApprove(name, options, context.cwd(), io));
    });
  releaseCommand
    .command('promote')
    .description('mark an approved release promoted (inside a release window, if configured)')
    .argument('<name>', 'release name')
    .option('--emergency', 'promote without approvals or outside the windows; needs --reason')
    .option('--reason <text>', 'why, recorded in the manifest')
    .action(async (name: string, options: { emergency?: boolean; reason?: string }) => {
      setExitCode(await runReleasePromote(name, options, context.cwd(), io));
    });
  releaseCommand
    .command('tag')
    .description(
      'create the annotated tag named like the release (release-<app>-<infra>) on HEAD for an approved release',
    )
    .argument('<name>', 'release name')
    .action(async (name: string) => {
      setExitCode(await runReleaseTag(name, context.cwd(), io));
    });
  releaseCommand
    .command('changelog')
    .description('write RELEASES.md with every release, its versions, approvals and dates (grouped per application)')
    .action(async () => {
      setExitCode(await runReleaseChangelog(context.cwd(), io));
    });
  releaseCommand
    .command('list')
    .description('list releases in semver order with their status')
    .option('--json', 'print JSON')
    .option('--app <tenant>', "only this application's releases")
    .action(async (options: { json?: boolean; app?: string }) => {
      setExitCode(await runReleaseList(options, context.cwd(), io));
    });
  releaseCommand
    .command('rollback')
    .description("roll forward to the previous (or named) release's versions: a new manifest with rollback_of")
    .option('--to <name>', 'the release to return to')
    .option('--app-name <tenant>', 'where releases are per application: the application whose line is rolled back')
    .option('--app-team <team>', 'where releases are per application: the team of that application')
    .action(async (options: RollbackFlags) => {
      setExitCode(await runReleaseRollback(options, context.cwd(), io));
    });
}

interface ReleaseCreateFlags {
  app?: string;
  infra?: string;
  environment?: string;
  appTeam?: string;
  appName?: string;
  component?: string[];
  notes?: string;
  allowDowngrade?: boolean;
}

function parseComponents(values: readonly string[] | undefined): Record<string, string> {
  const components: Record<string, string> = {};
  for (const value of values ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match?.[1] || !match[2])
      throw new UsageError(`--component "${value}": expected <name>=<version>, e.g. --component search=2.0.1`);
    components[match[1]] = match[2];
  }
  return components;
}

interface RollbackFlags {
  to?: string;
  appName?: string;
  appTeam?: string;
}

function describe(release: StoredRelease): string {
  return `${release.name} (${release.application === undefined ? '' : `${release.application}: `}application ${release.application_version}, infrastructure ${release.infrastructure_version}, ${release.status ?? 'candidate'})`;
}

export async function runReleaseCreate(options: ReleaseCreateFlags, cwd: string, io: CliIo): Promise<number> {
  const { createRelease } = await import('../../api/release.js');
  const release = await createRelease({
    cwd,
    app: options.app,
    infra: options.infra,
    components: parseComponents(options.component),
    allowDowngrade: options.allowDowngrade === true,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.appTeam === undefined ? {} : { appTeam: options.appTeam }),
    ...(options.appName === undefined ? {} : { appName: options.appName }),
    ...(options.notes === undefined ? {} : { notes: options.notes }),
  });
  io.stdout(
    `wrote ${release.file}: ${describe(release)}; next: both teams run gitops-init release approve ${release.name}\n`,
  );
  return 0;
}

export async function runReleaseApprove(
  name: string,
  options: { team?: string; by?: string },
  cwd: string,
  io: CliIo,
): Promise<number> {
  if (!options.team) throw new UsageError('--team <@org/team> is required');
  if (!options.by) throw new UsageError('--by <user> is required');
  const { approveRelease } = await import('../../api/release.js');
  const release = await approveRelease({ cwd, name, team: options.team, by: options.by });
  io.stdout(`${options.team} approved ${release.name} (by ${options.by}); status: ${release.status ?? 'candidate'}\n`);
  return 0;
}

export async function runReleasePromote(
  name: string,
  options: { emergency?: boolean; reason?: string },
  cwd: string,
  io: CliIo,
): Promise<number> {
  const { promoteRelease } = await import('../../api/release.js');
  const release = await promoteRelease({
    cwd,
    name,
    emergency: options.emergency === true,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  });
  io.stdout(
    `promoted ${describe(release)}${release.emergency ? ` as an emergency: ${release.emergency.reason}` : ''}; next: commit, then gitops-init release tag ${release.name}\n`,
  );
  return 0;
}

export async function runReleaseTag(name: string, cwd: string, io: CliIo): Promise<number> {
  const { tagRelease } = await import('../../api/release.js');
  const result = await tagRelease({ cwd, name });
  io.stdout(`tagged ${result.commit.slice(0, 12)} as ${result.tag}: ${result.message.split('\n')[0] ?? ''}\n`);
  return 0;
}

export async function runReleaseChangelog(cwd: string, io: CliIo): Promise<number> {
  const { writeReleaseLog } = await import('../../api/release.js');
  const result = await writeReleaseLog({ cwd });
  io.stdout(
    `${result.changed ? 'wrote' : 'unchanged:'} ${result.file} (${result.releases} release${result.releases === 1 ? '' : 's'})\n`,
  );
  return 0;
}

export async function runReleaseList(
  options: { json?: boolean; app?: string },
  cwd: string,
  io: CliIo,
): Promise<number> {
  const { listReleases } = await import('../../api/release.js');
  const releases = listReleases({ cwd, ...(options.app === undefined ? {} : { app: options.app }) });
  if (options.json) {
    io.stdout(`${JSON.stringify(releases, null, 2)}\n`);
    return 0;
  }
  if (releases.length === 0) {
    io.stdout(
      `no releases yet${options.app === undefined ? '' : ` of ${options.app}`}; create one with gitops-init release create --app <version> --infra <version>\n`,
    );
    return 0;
  }
  // Where releases are per application (the manifests name it), the first column is the application.
  const perApplication = releases.some((release) => release.application !== undefined);
  const rows = releases.map((release) => [
    ...(perApplication ? [release.app ?? ''] : []),
    release.name,
    release.application_version,
    release.infrastructure_version,
    release.status ?? 'candidate',
    release.environment ?? '',
    release.rollback_of ? `rollback of ${release.rollback_of}` : '',
  ]);
  const header = [
    ...(perApplication ? ['TENANT'] : []),
    'RELEASE',
    'APPLICATION',
    'INFRASTRUCTURE',
    'STATUS',
    'ENVIRONMENT',
    '',
  ];
  const widths = header.map((title, column) =>
    rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length),
  );
  for (const row of [header, ...rows])
    io.stdout(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

export async function runReleaseRollback(options: RollbackFlags, cwd: string, io: CliIo): Promise<number> {
  const { rollbackRelease } = await import('../../api/release.js');
  const release = await rollbackRelease({
    cwd,
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.appName === undefined ? {} : { appName: options.appName }),
    ...(options.appTeam === undefined ? {} : { appTeam: options.appTeam }),
  });
  io.stdout(
    `wrote ${release.file}: ${describe(release)}, rolling back ${release.rollback_of ?? ''}; next: approve, promote and tag it like any release\n`,
  );
  return 0;
}
