import { UsageError } from '../../errors.js';
import {
  approveRelease,
  createRelease,
  listReleases,
  promoteRelease,
  rollbackRelease,
  tagRelease,
  writeReleaseLog,
  type StoredRelease,
} from '../../release/index.js';
import { bumpVersion, tagVersion, versionStatus, type BumpLevel } from '../../versioning/index.js';
import type { CliIo } from '../io.js';

export function runVersion(options: { json?: boolean }, cwd: string, io: CliIo): number {
  const status = versionStatus({ cwd });
  if (options.json) {
    io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  } else {
    io.stdout(`${status.current ?? '(no valid version)'}\n`);
    const width = Math.max(...status.sources.map((source) => source.source.length));
    for (const source of status.sources) {
      io.stdout(`  ${source.source.padEnd(width)}  ${(source.version ?? '-').padEnd(12)}  ${source.status}\n`);
    }
  }
  return status.consistent ? 0 : 1;
}

export async function runBump(level: string, options: { preid?: string }, cwd: string, io: CliIo): Promise<number> {
  const result = await bumpVersion({
    cwd,
    level: level as BumpLevel,
    ...(options.preid === undefined ? {} : { preid: options.preid }),
  });
  io.stdout(`${result.previous} -> ${result.version}: updated ${result.files.join(', ')}\n`);
  return 0;
}

export async function runTag(cwd: string, io: CliIo): Promise<number> {
  const result = await tagVersion({ cwd });
  io.stdout(`tagged ${result.commit.slice(0, 12)} as ${result.tag}; push it with: git push origin ${result.tag}\n`);
  return 0;
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
  return `${release.name} (application ${release.application_version}, infrastructure ${release.infrastructure_version}, ${release.status ?? 'candidate'})`;
}

export async function runReleaseCreate(
  options: {
    app?: string;
    infra?: string;
    environment?: string;
    appTeam?: string;
    component?: string[];
    notes?: string;
    allowDowngrade?: boolean;
  },
  cwd: string,
  io: CliIo,
): Promise<number> {
  const release = await createRelease({
    cwd,
    app: options.app,
    infra: options.infra,
    components: parseComponents(options.component),
    allowDowngrade: options.allowDowngrade === true,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
    ...(options.appTeam === undefined ? {} : { appTeam: options.appTeam }),
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
  const result = await tagRelease({ cwd, name });
  io.stdout(`tagged ${result.commit.slice(0, 12)} as ${result.tag}: ${result.message.split('\n')[0] ?? ''}\n`);
  return 0;
}

export async function runReleaseChangelog(cwd: string, io: CliIo): Promise<number> {
  const result = await writeReleaseLog({ cwd });
  io.stdout(
    `${result.changed ? 'wrote' : 'unchanged:'} ${result.file} (${result.releases} release${result.releases === 1 ? '' : 's'})\n`,
  );
  return 0;
}

export function runReleaseList(options: { json?: boolean }, cwd: string, io: CliIo): number {
  const releases = listReleases({ cwd });
  if (options.json) {
    io.stdout(`${JSON.stringify(releases, null, 2)}\n`);
    return 0;
  }
  if (releases.length === 0) {
    io.stdout('no releases yet; create one with gitops-init release create --app <version> --infra <version>\n');
    return 0;
  }
  const rows = releases.map((release) => [
    release.name,
    release.application_version,
    release.infrastructure_version,
    release.status ?? 'candidate',
    release.environment ?? '',
    release.rollback_of ? `rollback of ${release.rollback_of}` : '',
  ]);
  const header = ['RELEASE', 'APPLICATION', 'INFRASTRUCTURE', 'STATUS', 'ENVIRONMENT', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
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

export async function runReleaseRollback(options: { to?: string }, cwd: string, io: CliIo): Promise<number> {
  const release = await rollbackRelease({ cwd, ...(options.to === undefined ? {} : { to: options.to }) });
  io.stdout(
    `wrote ${release.file}: ${describe(release)}, rolling back ${release.rollback_of ?? ''}; next: approve, promote and tag it like any release\n`,
  );
  return 0;
}
