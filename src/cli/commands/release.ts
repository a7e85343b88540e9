import type { Command } from 'commander';
import type { StoredRelease, VerifyReleaseReport } from '../../api/release.js';
import { UsageError } from '../../errors.js';
import { packageInfo } from '../../package-info.js';
import { collect, type CommandContext } from '../command-context.js';
import { useColor, type CliIo } from '../io.js';

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
    .description(
      "record a team's approval of a release: read from its pull request (--pr, verified through the host's API) or typed (--by, unverified)",
    )
    .argument('<name>', 'release name, e.g. release-1.5.3-2.1.0')
    .option(
      '--pr <number>',
      "the release's pull request (GitLab: merge request); its approvals on the head by team members count",
    )
    .option('--repo <owner/name>', 'the repository on the host (default: from repositoryUrl in gitops.yaml)')
    .option(
      '--api-url <url>',
      'REST API root (default GITHUB_API_URL or https://api.github.com; GitLab: GITLAB_API_URL or https://gitlab.com/api/v4)',
    )
    .option('--team <team>', 'the approving team, @org/team (with --pr: default every team still missing)')
    .option('--by <user>', 'the approver, typed: recorded as unverified (for hosts without API access)')
    .action(async (name: string, options: ReleaseApproveFlags) => {
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
    .command('verify')
    .description(
      'test a release: the application at v<app> and the infrastructure at v<infra>, linted and checked together',
    )
    .argument('<name>', 'release name')
    .option('--app-repo <path|url>', 'the application repository (default: from gitops.yaml)')
    .option('--infra-repo <path|url>', 'the infrastructure repository (default: from gitops.yaml)')
    .option('-f, --format <name>', 'output format: stylish, json, sarif, junit, github, gitlab', 'stylish')
    .option('-o, --output-file <path>', 'write the report to a file instead of standard output')
    .option('--no-record', 'do not record a successful verification in the manifest')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .action(async (name: string, options: ReleaseVerifyFlags) => {
      setExitCode(await runReleaseVerify(name, options, context.cwd(), io));
    });
  releaseCommand
    .command('rollback')
    .description("roll forward to the previous (or named) release's versions: a new manifest with rollback_of")
    .option('--to <name>', 'the release to return to')
    .option('--app-name <tenant>', 'where releases are per application: the application whose line is rolled back')
    .option('--app-team <team>', 'where releases are per application: the team of that application')
    .option('--no-verify', 'do not verify the target pair first')
    .option('--app-repo <path|url>', 'the application repository to verify (default: from gitops.yaml)')
    .option('--infra-repo <path|url>', 'the infrastructure repository to verify (default: from gitops.yaml)')
    .action(async (options: ReleaseRollbackFlags) => {
      setExitCode(await runReleaseRollback(options, context.cwd(), io));
    });
}

interface ReleaseVerifyFlags {
  appRepo?: string;
  infraRepo?: string;
  format?: string;
  outputFile?: string;
  record?: boolean;
  color?: boolean;
}

interface ReleaseRollbackFlags {
  to?: string;
  appName?: string;
  appTeam?: string;
  verify?: boolean;
  appRepo?: string;
  infraRepo?: string;
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

interface ReleaseApproveFlags {
  team?: string;
  by?: string;
  pr?: string;
  repo?: string;
  apiUrl?: string;
}

async function runReleaseApproveFromReview(
  name: string,
  options: ReleaseApproveFlags & { pr: string },
  cwd: string,
  io: CliIo,
): Promise<number> {
  if (options.by !== undefined)
    throw new UsageError('--by goes without --pr: an approval is either read from the pull request or typed');
  if (!/^[1-9]\d{0,9}$/.test(options.pr))
    throw new UsageError(`--pr "${options.pr}": give the pull request's number, e.g. --pr 42`);
  const { approveReleaseFromReview, describeRejection } = await import('../../api/release.js');
  const { env } = io;
  const result = await approveReleaseFromReview({
    cwd,
    name,
    pr: Number(options.pr),
    tokens: { github: env.GITHUB_TOKEN || env.GH_TOKEN || '', gitlab: env.GITLAB_TOKEN || '' },
    defaultApiUrls: { github: env.GITHUB_API_URL || '', gitlab: env.GITLAB_API_URL || env.CI_API_V4_URL || '' },
    ...(options.repo === undefined ? {} : { repository: options.repo }),
    ...(options.team === undefined ? {} : { team: options.team }),
    ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
  });
  for (const approval of result.recorded)
    io.stdout(
      `${approval.team} approved ${result.release.name} (by ${approval.approver}, ${approval.time}, verified in ${result.url})\n`,
    );
  for (const verdict of result.reviews) {
    if (verdict.counts.length === 0 && verdict.rejected.length > 0)
      io.stdout(`  not counted: ${verdict.user}: ${describeRejection(verdict, result.head)}\n`);
  }
  io.stdout(
    `status: ${result.release.status ?? 'candidate'}${result.missing.length > 0 ? `; still missing: ${result.missing.join(', ')}` : ''}\n`,
  );
  return 0;
}

export async function runReleaseApprove(
  name: string,
  options: ReleaseApproveFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  if (options.pr !== undefined) return runReleaseApproveFromReview(name, { ...options, pr: options.pr }, cwd, io);
  if (options.repo !== undefined || options.apiUrl !== undefined)
    throw new UsageError('--repo and --api-url go with --pr');
  if (!options.team) throw new UsageError('--team <@org/team> is required');
  if (!options.by)
    throw new UsageError(
      "--pr <number> or --by <user> is required: read the approval from the release's pull request, or type it (unverified)",
    );
  const { approveRelease } = await import('../../api/release.js');
  const release = await approveRelease({ cwd, name, team: options.team, by: options.by });
  io.stdout(
    `${options.team} approved ${release.name} (by ${options.by}, unverified); status: ${release.status ?? 'candidate'}\n`,
  );
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

/** The report in `format`, as lint writes it: findings under `<name>@<tag>/`. */
async function renderVerification(
  report: VerifyReleaseReport,
  format: string,
  cwd: string,
  color: boolean,
): Promise<string> {
  const { loadFormatter } = await import('../../formatters/index.js');
  const formatter = await loadFormatter(format, cwd);
  return formatter(report.results, {
    cwd: report.root,
    rulesMeta: report.rulesMeta,
    version: packageInfo().version,
    color,
  });
}

function verdict(report: VerifyReleaseReport): string {
  const pair = `application ${report.application.label} (${report.application.commit.slice(0, 12)}) and infrastructure ${report.infrastructure.label} (${report.infrastructure.commit.slice(0, 12)})`;
  if (!report.compatible) {
    const problems = report.diagnostics.filter((diagnostic) => diagnostic.severity === 2).length;
    return `${report.release}: ${pair} are not compatible: ${problems} problem${problems === 1 ? '' : 's'}`;
  }
  return `${report.release}: ${pair} are compatible${report.verified ? `; recorded as verified in the manifest` : ''}${report.kustomizeBuilt ? '' : ' (kustomize builds skipped)'}`;
}

export async function runReleaseVerify(
  name: string,
  options: ReleaseVerifyFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  const format = options.format ?? 'stylish';
  // An unknown format fails before any repository is fetched.
  const { loadFormatter, writeReport } = await import('../../formatters/index.js');
  await loadFormatter(format, cwd);
  const { verifyRelease } = await import('../../api/release.js');
  const report = await verifyRelease({
    cwd,
    name,
    record: options.record !== false,
    ...(options.appRepo === undefined ? {} : { appRepo: options.appRepo }),
    ...(options.infraRepo === undefined ? {} : { infraRepo: options.infraRepo }),
  });
  for (const notice of report.notices) io.stderr(`gitops-init: ${notice}\n`);
  const output = await renderVerification(
    report,
    format,
    cwd,
    options.outputFile ? false : useColor(io, options.color),
  );
  if (options.outputFile) await writeReport(cwd, options.outputFile, output);
  else if (output !== '') io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  io.stderr(`gitops-init: ${verdict(report)}\n`);
  return report.compatible ? 0 : 1;
}

export async function runReleaseRollback(options: ReleaseRollbackFlags, cwd: string, io: CliIo): Promise<number> {
  const { rollbackRelease, UnverifiedRollbackError } = await import('../../api/release.js');
  let release: StoredRelease;
  try {
    release = await rollbackRelease({
      cwd,
      verify: options.verify !== false,
      ...(options.to === undefined ? {} : { to: options.to }),
      ...(options.appName === undefined ? {} : { appName: options.appName }),
      ...(options.appTeam === undefined ? {} : { appTeam: options.appTeam }),
      ...(options.appRepo === undefined ? {} : { appRepo: options.appRepo }),
      ...(options.infraRepo === undefined ? {} : { infraRepo: options.infraRepo }),
    });
  } catch (error) {
    if (error instanceof UnverifiedRollbackError) {
      const output = await renderVerification(error.report, 'stylish', cwd, useColor(io, undefined));
      if (output !== '') io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    }
    throw error;
  }
  if (options.verify !== false && release.verified === undefined)
    io.stderr(
      `gitops-init: the pair of ${release.name} was not verified: gitops.yaml does not say where both repositories are; pass --app-repo/--infra-repo to verify it (release promote will not ask for it)\n`,
    );
  io.stdout(
    `wrote ${release.file}: ${describe(release)}, rolling back ${release.rollback_of ?? ''}; next: approve, promote and tag it like any release\n`,
  );
  return 0;
}
