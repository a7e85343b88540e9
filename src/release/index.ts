import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as semver from '../versioning/semver.js';
import { isKustomizationFile } from '../manifests/kustomize.js';
import { parseYamlFile } from '../manifests/yaml-file.js';
import { openRepository } from '../config/repository.js';
import type { Descriptor, ReleaseWindow } from '../config/descriptor.js';
import { ConfigError, RefusedError, UsageError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { readConfigText } from '../files/read-regular.js';
import { GitCommandError, runGit } from '../git/command.js';
import { tagExists } from '../versioning/index.js';
import { isStrictSemver } from '../versioning/sources.js';
import {
  compareReleases,
  isExpectedName,
  manifestProblems,
  missingApprovals,
  releaseName,
  renderManifest,
  tagMessage,
  type Release,
  type ReleaseManifest,
} from './manifest.js';
import { isKubernetesObject } from './in-repository.js';
import {
  applicationLineName,
  applicationOf,
  formatReleaseName,
  lineOf,
  releaseLayout,
  rollbackSuffix,
  type ReleaseApplication,
  type ReleaseLayout,
} from './lines.js';
import { isVerificationRequired } from './pair.js';

export * from './manifest.js';
export * from './lines.js';

/** A release manifest read from the releases directory. */
export interface StoredRelease extends Release {
  name: string;
  /** Repository-relative path of the manifest. */
  file: string;
  /**
   * The application whose line the release belongs to: its directory, its `application` field,
   * or the application of its team. Not written to the manifest.
   */
  app?: string;
}

interface Context {
  root: string;
  descriptor: Descriptor;
  directory: string;
  layout: ReleaseLayout;
}

function context(cwd: string | undefined, command: string): Context {
  const { root, loaded } = openRepository(cwd);
  if (!loaded) {
    throw new UsageError(
      `no gitops.yaml in ${root}: '${command}' works in a repository made by 'gitops-init new' (or pass {{option:cwd}})`,
    );
  }
  const descriptor = loaded.descriptor;
  const { layout, problem } = releaseLayout(descriptor);
  if (problem !== undefined) throw new ConfigError(`gitops.yaml: ${problem}`);
  return { root, descriptor, directory: descriptor.releases?.directory ?? 'releases', layout };
}

function isoNow(now: Date | undefined): string {
  return (now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `option` names the option in a message: `{{option:app}}`, or `{{option:components}} search=`. */
function requireSemver(option: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${option} is required, e.g. ${option} 1.5.3`);
  if (!isStrictSemver(value)) {
    throw new UsageError(`${option} "${value}": not a semantic version (major.minor.patch, no leading v)`);
  }
  return value;
}

/**
 * Every manifest in the releases directory, and with a layout in its applications' directories
 * (`<directory>/<application>/`), in semver order. Invalid manifests are configuration errors.
 */
export function readReleases(root: string, directory: string, layout?: ReleaseLayout): StoredRelease[] {
  const releases: StoredRelease[] = [];
  readReleaseDirectory(root, directory, undefined, layout, releases);
  for (const application of layout?.applications ?? []) {
    readReleaseDirectory(root, path.posix.join(directory, application.name), application.name, layout, releases);
  }
  return releases.sort(compareReleases);
}

function readReleaseDirectory(
  root: string,
  directory: string,
  directoryApplication: string | undefined,
  layout: ReleaseLayout | undefined,
  releases: StoredRelease[],
): void {
  const absolute = path.join(root, ...directory.split('/'));
  if (!existsSync(absolute)) return;
  for (const entry of readdirSync(absolute).sort()) {
    if (!/\.ya?ml$/.test(entry) || isKustomizationFile(entry)) continue;
    const file = path.posix.join(directory, entry);
    // Without blocking on a named pipe, and up to 1 MiB: a device or a huge file is refused.
    const text = readConfigText(path.join(absolute, entry), file);
    if (typeof text !== 'string')
      throw new ConfigError(`${file} cannot be read (${text.code ?? text.reason}); check its permissions`);
    // Read as lint reads it, so that both agree on what a release manifest is.
    const yaml = parseYamlFile(file, text);
    const problem = yaml.errors[0] ?? yaml.documents.find((document) => document.valueError)?.valueError;
    if (problem) {
      throw new ConfigError(
        `${file} is not valid YAML (${problem.message}); fix it or run gitops-init lint for details`,
      );
    }
    const values = yaml.documents.map((document) => document.value);
    // A Kubernetes object (a Flux HelmRelease kept in releases/) is not a release manifest.
    if (values.some(isKubernetesObject)) continue;
    if (values.length !== 1) {
      throw new ConfigError(
        `${file} holds ${values.length} YAML documents; a release manifest holds exactly one: fix it or run gitops-init lint for details`,
      );
    }
    const value = values[0];
    const problems = manifestProblems(value);
    if (problems.length > 0) {
      throw new ConfigError(
        `${file} is not a valid release manifest: ${problems.map((problem) => problem.message).join('; ')}`,
      );
    }
    const release = (value as ReleaseManifest).release;
    const baseName = entry.replace(/\.ya?ml$/, '');
    const app = applicationOf(release, directoryApplication, layout?.applications ?? []);
    // In an application's directory the file is release-<app version>-<infra version>.yaml and the
    // name (the tag) carries the application.
    const derived =
      directoryApplication !== undefined && layout
        ? applicationLineName(layout, directoryApplication, release) + rollbackSuffix(baseName)
        : baseName;
    releases.push({
      ...release,
      name: release.name ?? derived,
      file,
      ...(app === undefined ? {} : { app }),
    });
  }
}

/** A release by its name (its tag), or by its file (`payments/release-1.5.3-2.1.0`, with or without the directory and .yaml). */
export function findRelease(releases: readonly StoredRelease[], name: string, directory = 'releases'): StoredRelease {
  const bare = name.replace(/\.ya?ml$/, '');
  let matches = releases.filter((candidate) => candidate.name === bare);
  if (matches.length === 0) {
    matches = releases.filter((candidate) => {
      const file = candidate.file.replace(/\.ya?ml$/, '');
      return file === bare || file === path.posix.join(directory, bare);
    });
  }
  if (matches.length > 1) {
    throw new UsageError(
      `"${name}" names several releases (${matches.map((candidate) => candidate.file).join(', ')}); give the file, e.g. ${matches[0]?.file ?? ''}`,
    );
  }
  const release = matches[0];
  if (!release) {
    const known = releases.map((candidate) => candidate.name);
    throw new UsageError(
      `no release "${name}"${known.length > 0 ? `; known releases: ${known.slice(-5).join(', ')}` : ' (releases/ is empty)'}`,
    );
  }
  return release;
}

/** Writes a manifest; `exclusive` refuses one that exists (a release is never rewritten by create or rollback). */
async function save(ctx: Context, release: StoredRelease, options: { exclusive?: boolean } = {}): Promise<void> {
  // renderManifest writes the schema's fields only: `app` (the line) stays out of the file.
  const { file, ...fields } = release;
  try {
    await writeFileAtomically(path.join(ctx.root, ...file.split('/')), renderManifest(fields), {
      root: ctx.root,
      exclusive: options.exclusive === true,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(release.name, error);
    throw error;
  }
}

function alreadyExists(name: string, cause?: unknown): RefusedError {
  return new RefusedError(
    `release ${name} already exists; a release is never rewritten (use a new version, or release rollback)`,
    cause === undefined ? undefined : { cause },
  );
}

/** Application teams named in gitops.yaml: the owning team, or the tenant teams. */
function applicationTeams(descriptor: Descriptor): string[] {
  return [descriptor.teams?.application, ...(descriptor.teams?.applications ?? []).map((tenant) => tenant.team)].filter(
    (team): team is string => team !== undefined,
  );
}

async function hasRemoteTag(root: string, repository: string, tag: string): Promise<boolean> {
  const target =
    /^[a-z][a-z0-9+.-]*:\/\//i.test(repository) || /^[^/]+@[^/]+:/.test(repository)
      ? repository
      : path.resolve(root, repository);
  try {
    const output = (await runGit(['ls-remote', '--tags', target, `refs/tags/${tag}`], { cwd: root })).toString('utf8');
    return output.trim() !== '';
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new RefusedError(
        `cannot read tags of ${repository} (git ls-remote: ${error.stderr.trim().split('\n')[0] ?? 'failed'}); check releases.repositories in gitops.yaml`,
      );
    }
    throw error;
  }
}

/**
 * The application whose line a command works on, from {{option:appName}} or {{option:appTeam}}
 * (the one tenant of that team), or the only application. Unknown or ambiguous: a usage error.
 * `required`: without either option and with several applications, a usage error; else undefined.
 */
function chooseApplication(
  layout: ReleaseLayout,
  options: { appName?: string; appTeam?: string },
  required: boolean,
): ReleaseApplication | undefined {
  const { applications } = layout;
  const known = applications.map((candidate) => `${candidate.name} ${candidate.team}`).join(', ') || 'none';
  if (options.appName !== undefined) {
    const application = applications.find((candidate) => candidate.name === options.appName);
    if (!application)
      throw new UsageError(
        `{{option:appName}} "${options.appName}": not an application in gitops.yaml's teams.applications (${known})`,
      );
    if (options.appTeam !== undefined && options.appTeam !== application.team)
      throw new UsageError(
        `{{option:appTeam}} "${options.appTeam}" is not the team of ${application.name} (${application.team}); give one of them`,
      );
    return application;
  }
  if (options.appTeam !== undefined) {
    const matching = applications.filter((candidate) => candidate.team === options.appTeam);
    if (matching.length > 1)
      throw new UsageError(
        `{{option:appTeam}} "${options.appTeam}" is the team of several applications (${matching.map((candidate) => candidate.name).join(', ')}); choose one with {{option:appName}}`,
      );
    if (matching[0]) return matching[0];
    if (!required) return undefined;
    throw new UsageError(
      `{{option:appTeam}} "${options.appTeam}": not the team of an application in gitops.yaml's teams.applications (${known})`,
    );
  }
  if (applications.length === 1) return applications[0];
  if (!required) return undefined;
  throw new UsageError(
    `{{option:appName}} or {{option:appTeam}} is required: each application has its own release line (${known})`,
  );
}

export interface CreateReleaseOptions {
  cwd?: string;
  app: string | undefined;
  infra: string | undefined;
  environment?: string;
  /**
   * The application team that must approve; defaults to the only one in gitops.yaml. Where
   * releases are per application, it also chooses the line: the application of that team.
   */
  appTeam?: string;
  /** The application (a tenant's name in teams.applications) whose line the release is in. */
  appName?: string;
  components?: Record<string, string>;
  notes?: string;
  allowDowngrade?: boolean;
  now?: Date;
}

/** Writes releases/release-<app>-<infra>.yaml as a candidate, after every check passes. */
export async function createRelease(options: CreateReleaseOptions): Promise<StoredRelease> {
  const app = requireSemver('{{option:app}}', options.app);
  const infra = requireSemver('{{option:infra}}', options.infra);
  const ctx = context(options.cwd, 'release create');
  const { descriptor } = ctx;
  if (
    options.environment !== undefined &&
    descriptor.environments &&
    !descriptor.environments.includes(options.environment)
  ) {
    throw new UsageError(
      `{{option:environment}} "${options.environment}": not in gitops.yaml's environments (${descriptor.environments.join(', ')})`,
    );
  }
  for (const [name, version] of Object.entries(options.components ?? {})) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
      throw new UsageError(`{{option:components}} "${name}=${version}": the name must be a DNS-1123 label`);
    requireSemver(`{{option:components}} ${name}=`, version);
  }
  const { layout } = ctx;
  // Where releases are per application, the line is required; otherwise an application is
  // chosen only when named (or needed by a tag format with {app}).
  const application = layout.perApplication
    ? chooseApplication(layout, options, true)
    : options.appName !== undefined || layout.tagFormat.includes('{app}')
      ? chooseApplication(layout, options, false)
      : undefined;
  const teams = applicationTeams(descriptor);
  const appTeam = options.appTeam ?? application?.team ?? (teams.length === 1 ? teams[0] : undefined);
  if (appTeam === undefined) {
    throw new UsageError(
      teams.length === 0
        ? '{{option:appTeam}} is required: gitops.yaml names no application team (teams.application or teams.applications)'
        : `{{option:appTeam}} is required: gitops.yaml names several application teams (${teams.join(', ')})`,
    );
  }
  if (!teams.includes(appTeam))
    throw new UsageError(
      `{{option:appTeam}} "${appTeam}": not an application team in gitops.yaml (${teams.join(', ') || 'none'})`,
    );
  // Under the lock: the releases read are the ones the new release is checked against.
  return withRepositoryLock(ctx.root, async () => {
    const releases = readReleases(ctx.root, ctx.directory, layout);
    const name = formatReleaseName(layout.tagFormat, { app: application?.name, appVersion: app, infraVersion: infra });
    if (name === undefined) {
      throw new UsageError(
        `{{option:appName}} is required: releases.tagFormat "${layout.tagFormat}" names the application (${layout.applications.map((candidate) => candidate.name).join(', ') || 'none in gitops.yaml'})`,
      );
    }
    const file = path.posix.join(
      ctx.directory,
      ...(layout.perApplication && application ? [application.name] : []),
      `${releaseName(app, infra)}.yaml`,
    );
    if (
      releases.some((release) => release.name === name || release.file === file) ||
      existsSync(path.join(ctx.root, ...file.split('/')))
    ) {
      throw alreadyExists(name);
    }
    // Each application's line moves forward on its own.
    const line = lineOf(layout, application?.name);
    const newest = releases
      .filter((release) => release.rollback_of === undefined && lineOf(layout, release.app) === line)
      .at(-1);
    let downgrade = false;
    if (newest) {
      const older = [
        semver.lt(app, newest.application_version) ? `application ${app} < ${newest.application_version}` : undefined,
        semver.lt(infra, newest.infrastructure_version)
          ? `infrastructure ${infra} < ${newest.infrastructure_version}`
          : undefined,
      ].filter((part): part is string => part !== undefined);
      downgrade = older.length > 0;
      if (downgrade && !options.allowDowngrade) {
        throw new RefusedError(
          `${name} is older than the newest release ${newest.name} (${older.join(', ')}); use release rollback, or {{option:allowDowngrade}} if this is deliberate`,
        );
      }
    }
    const repositories = descriptor.releases?.repositories ?? {};
    const missingTags: string[] = [];
    for (const [component, repository, version] of [
      ['application', repositories.application, app],
      ['infrastructure', repositories.infrastructure, infra],
    ] as const) {
      if (repository !== undefined && !(await hasRemoteTag(ctx.root, repository, `v${version}`))) {
        missingTags.push(`v${version} in the ${component} repository ${repository}`);
      }
    }
    if (missingTags.length > 0)
      throw new RefusedError(
        `missing tag${missingTags.length > 1 ? 's' : ''}: ${missingTags.join('; ')}; tag the tested versions first (gitops-init version tag)`,
      );
    const release: StoredRelease = {
      name,
      file,
      ...(layout.perApplication && application ? { application: application.name, app: application.name } : {}),
      application_version: app,
      infrastructure_version: infra,
      ...(options.components && Object.keys(options.components).length > 0 ? { components: options.components } : {}),
      created: isoNow(options.now),
      ...(options.environment === undefined ? {} : { environment: options.environment }),
      status: 'candidate',
      application_team: appTeam,
      approvals: [],
      ...(downgrade ? { downgrade: true as const } : {}),
      ...(options.notes === undefined ? {} : { notes: options.notes }),
    };
    await save(ctx, release, { exclusive: true });
    return release;
  });
}

export interface ApproveReleaseOptions {
  cwd?: string;
  /** The release, e.g. release-1.5.3-2.1.0. */
  name: string;
  /** The approving team, @org/team: the platform team or the release's application team. */
  team: string;
  /** The approver's user name. */
  by: string;
  /**
   * Where the approval was read (release approve --pr): the approval is recorded as verified, with
   * the pull request, its head commit and the review's time. Without it the approval was typed
   * and is recorded as unverified.
   */
  evidence?: { pull_request: string; commit: string; time: string };
  now?: Date;
}

/** Records a team's approval; the release becomes approved once every required team has approved. */
export async function approveRelease(options: ApproveReleaseOptions): Promise<StoredRelease> {
  const ctx = context(options.cwd, 'release approve');
  return withRepositoryLock(ctx.root, async () => {
    const release = findRelease(readReleases(ctx.root, ctx.directory, ctx.layout), options.name, ctx.directory);
    const platformTeam = ctx.descriptor.teams?.platform;
    const allowed = [platformTeam, release.application_team].filter((team): team is string => team !== undefined);
    if (!allowed.includes(options.team)) {
      throw new UsageError(
        `{{option:team}} "${options.team}": ${release.name} needs approvals from ${allowed.join(' and ')}`,
      );
    }
    if (!/^[^\s]+$/.test(options.by))
      throw new UsageError(`{{option:by}} "${options.by}": give the approver's user name, without spaces`);
    if (release.status === 'promoted' || release.status === 'rolled-back') {
      throw new RefusedError(`${release.name} is already ${release.status}; approvals are recorded before promotion`);
    }
    if ((release.approvals ?? []).some((approval) => approval.team === options.team)) {
      throw new RefusedError(`${options.team} has already approved ${release.name}`);
    }
    release.approvals = [
      ...(release.approvals ?? []),
      options.evidence
        ? {
            team: options.team,
            approver: options.by,
            time: options.evidence.time,
            verified: true,
            pull_request: options.evidence.pull_request,
            commit: options.evidence.commit,
          }
        : { team: options.team, approver: options.by, time: isoNow(options.now), verified: false },
    ];
    if (missingApprovals(release, platformTeam).length === 0) release.status = 'approved';
    await save(ctx, release);
    return release;
  });
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Whether a moment falls in one of the release windows (UTC). */
export function inReleaseWindow(windows: readonly ReleaseWindow[], now: Date): boolean {
  const day = DAYS[now.getUTCDay()] ?? '';
  const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  return windows.some((window) => {
    const [from, to] = window.hours.split('-').map((time) => {
      const [hours, mins] = time.split(':').map(Number);
      return (hours ?? 0) * 60 + (mins ?? 0);
    });
    return window.days.includes(day) && minutes >= (from ?? 0) && minutes < (to ?? 0);
  });
}

export interface PromoteReleaseOptions {
  cwd?: string;
  name: string;
  /** Promote without approvals or outside the release windows; needs `reason`. */
  emergency?: boolean;
  /** Why, recorded in the manifest (with `emergency` only). */
  reason?: string;
  now?: Date;
}

/**
 * Marks a release promoted: it needs approvals from the platform team and its application team,
 * and a release window when gitops.yaml sets them, unless `emergency` with a reason, which is
 * recorded. Promoting a rollback marks the release it rolls back as rolled-back.
 */
export async function promoteRelease(options: PromoteReleaseOptions): Promise<StoredRelease> {
  const ctx = context(options.cwd, 'release promote');
  return withRepositoryLock(ctx.root, async () => {
    const releases = readReleases(ctx.root, ctx.directory, ctx.layout);
    const release = findRelease(releases, options.name, ctx.directory);
    if (options.emergency && (options.reason === undefined || options.reason.trim() === '')) {
      throw new UsageError('{{option:emergency}} needs {{option:reason}} "<why>", which is recorded in the manifest');
    }
    if (!options.emergency && options.reason !== undefined)
      throw new UsageError('{{option:reason}} goes with {{option:emergency}}');
    if (release.status === 'promoted' || release.status === 'rolled-back')
      throw new RefusedError(`${release.name} is already ${release.status}`);
    const now = options.now ?? new Date();
    if (!options.emergency) {
      const missing = missingApprovals(release, ctx.descriptor.teams?.platform);
      if (missing.length > 0) {
        throw new RefusedError(
          `${release.name} is not approved by ${missing.join(' and ')}; record it with release approve (or promote with {{option:emergency}} {{option:reason}})`,
        );
      }
      // Where gitops.yaml locates both repositories, the pair must have been tested together.
      if (release.verified === undefined && isVerificationRequired(ctx.descriptor, release)) {
        throw new RefusedError(
          `${release.name} is not verified: run gitops-init release verify ${release.name} (or promote with {{option:emergency}} {{option:reason}})`,
          { code: 'UNVERIFIED' },
        );
      }
      const windows = ctx.descriptor.releases?.windows ?? [];
      if (windows.length > 0 && !inReleaseWindow(windows, now)) {
        throw new RefusedError(
          `${isoNow(now)} is outside the release windows (${windows.map((window) => `${window.days.join(',')} ${window.hours} UTC`).join('; ')}); wait, or promote with {{option:emergency}} {{option:reason}}`,
        );
      }
    } else {
      release.emergency = { reason: (options.reason ?? '').trim(), time: isoNow(now) };
    }
    release.status = 'promoted';
    release.promoted = isoNow(now);
    await save(ctx, release);
    if (release.rollback_of) {
      const target = releases.find((candidate) => candidate.name === release.rollback_of);
      if (target && target.status !== 'rolled-back') {
        target.status = 'rolled-back';
        await save(ctx, target);
      }
    }
    return release;
  });
}

export interface ReleaseTagResult {
  tag: string;
  message: string;
  commit: string;
}

/** Creates the annotated tag named like the release on HEAD; the manifest must be approved and committed. */
export async function tagRelease(options: { cwd?: string; name: string }): Promise<ReleaseTagResult> {
  const ctx = context(options.cwd, 'release tag');
  const release = findRelease(readReleases(ctx.root, ctx.directory, ctx.layout), options.name, ctx.directory);
  if (release.status !== 'approved' && release.status !== 'promoted') {
    const missing = missingApprovals(release, ctx.descriptor.teams?.platform);
    throw new RefusedError(
      `${release.name} is ${release.status ?? 'a candidate'}, not approved${missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''}; approve it first`,
    );
  }
  let changed: string;
  try {
    changed = (await runGit(['status', '--porcelain', '--', release.file], { cwd: ctx.root })).toString('utf8');
  } catch (error) {
    if (error instanceof GitCommandError)
      throw new RefusedError(`${ctx.root} is not a git repository; release tag needs one`);
    throw error;
  }
  if (changed.trim() !== '')
    throw new RefusedError(`${release.file} has uncommitted changes; commit the manifest, then tag`);
  if (await tagExists(ctx.root, release.name)) throw new RefusedError(`tag ${release.name} already exists`);
  const message = tagMessage(release);
  await runGit(['tag', '-a', release.name, '-m', message], { cwd: ctx.root });
  const commit = (await runGit(['rev-list', '-n', '1', release.name], { cwd: ctx.root })).toString('utf8').trim();
  return { tag: release.name, message, commit };
}

/** Every release in semver order; with `app`, the releases of that application's line. */
export function listReleases(options: { cwd?: string; app?: string } = {}): StoredRelease[] {
  const ctx = context(options.cwd, 'release list');
  const releases = readReleases(ctx.root, ctx.directory, ctx.layout);
  if (options.app === undefined) return releases;
  const known = ctx.layout.applications.map((application) => application.name);
  if (!known.includes(options.app))
    throw new UsageError(
      `{{option:app}} "${options.app}": not an application in gitops.yaml's teams.applications (${known.join(', ') || 'none'})`,
    );
  return releases.filter((release) => release.app === options.app);
}

export interface ReleaseLogResult {
  /** Repository-relative path of the release log (RELEASES.md by default). */
  file: string;
  /** How many releases it lists. */
  releases: number;
  /** Whether the file was written (false: it was up to date). */
  changed: boolean;
}

/** Writes RELEASES.md (or releases.changelog) from the manifests, newest first. */
export async function writeReleaseLog(options: { cwd?: string } = {}): Promise<ReleaseLogResult> {
  const ctx = context(options.cwd, 'release changelog');
  return withRepositoryLock(ctx.root, async () => {
    const releases = readReleases(ctx.root, ctx.directory, ctx.layout);
    const file = ctx.descriptor.releases?.changelog ?? 'RELEASES.md';
    const lines = [
      '# Releases',
      '',
      `Application and infrastructure versions deployed together, newest first. Generated from ${ctx.directory}/ by \`gitops-init release changelog\`; do not edit by hand.`,
      '',
    ];
    // Where releases are per application, one section per application (in gitops.yaml's order),
    // its releases newest first; releases of no known application last.
    const { layout } = ctx;
    const sectionOf = (release: StoredRelease): string | undefined => {
      if (!layout.perApplication) return undefined;
      const application = layout.applications.find((candidate) => candidate.name === release.app);
      return application ? `${application.name} (${application.team})` : 'Other releases';
    };
    const rank = (release: StoredRelease): number => {
      const index = layout.applications.findIndex((candidate) => candidate.name === release.app);
      return index === -1 ? layout.applications.length : index;
    };
    const ordered = [...releases]
      .reverse()
      .map((release) => ({ release, section: sectionOf(release), rank: rank(release) }))
      .sort((a, b) => (layout.perApplication ? a.rank - b.rank : 0));
    let section: string | undefined;
    for (const entry of ordered) {
      const { release } = entry;
      if (entry.section !== undefined && entry.section !== section) {
        section = entry.section;
        lines.push(`## ${section}`, '');
      }
      lines.push(`${entry.section === undefined ? '##' : '###'} ${release.name}`, '');
      lines.push(`- Status: ${release.status ?? 'candidate'}`);
      lines.push(`- Application: ${release.application_version}`);
      lines.push(`- Infrastructure: ${release.infrastructure_version}`);
      for (const [name, version] of Object.entries(release.components ?? {})) lines.push(`- ${name}: ${version}`);
      if (release.environment) lines.push(`- Environment: ${release.environment}`);
      if (release.created) lines.push(`- Created: ${release.created}`);
      const approvals = release.approvals ?? [];
      lines.push(
        `- Approvals: ${approvals.length === 0 ? 'none' : approvals.map((approval) => `${approval.team} (${approval.approver}, ${approval.time})`).join('; ')}`,
      );
      if (release.promoted) lines.push(`- Promoted: ${release.promoted}`);
      if (release.emergency) lines.push(`- Emergency: ${release.emergency.reason} (${release.emergency.time})`);
      if (release.rollback_of) lines.push(`- Rollback of: ${release.rollback_of}`);
      if (release.notes) lines.push(`- Notes: ${release.notes.replace(/\s*\n\s*/g, ' ')}`);
      lines.push('');
    }
    const text = `${lines.join('\n').trimEnd()}\n`;
    const absolute = path.join(ctx.root, ...file.split('/'));
    let before: string | undefined;
    try {
      before = readFileSync(absolute, 'utf8');
    } catch {
      before = undefined;
    }
    if (before !== text) await writeFileAtomically(absolute, text, { root: ctx.root });
    return { file, releases: releases.length, changed: before !== text };
  });
}

export interface RollbackReleaseOptions {
  cwd?: string;
  /** The release to return to; by default the one before the newest of its line. */
  to?: string;
  /** Where releases are per application: the application whose line is rolled back (or `appTeam`, or the release `to`). */
  appName?: string;
  /** Where releases are per application: the team of the application whose line is rolled back. */
  appTeam?: string;
  now?: Date;
  /**
   * Checks the target pair before anything is written (the API verifies it as `release verify`
   * does, and throws to refuse); what it returns is recorded in the new manifest as `verified`.
   */
  verifyTarget?: (target: StoredRelease) => Promise<Release['verified']>;
}

/**
 * Rolls back by rolling forward: writes a new candidate manifest that pins the versions of the
 * previous release (or `to`), with rollback_of naming the newest release. History is never rewritten.
 */
export async function rollbackRelease(options: RollbackReleaseOptions): Promise<StoredRelease> {
  const ctx = context(options.cwd, 'release rollback');
  return withRepositoryLock(ctx.root, async () => {
    const { layout } = ctx;
    const releases = readReleases(ctx.root, ctx.directory, layout);
    // The line rolled back: the named target's, the application chosen, or the one line.
    const named = options.to === undefined ? undefined : findRelease(releases, options.to, ctx.directory);
    const chosen =
      options.appName !== undefined || options.appTeam !== undefined || (layout.perApplication && !named)
        ? chooseApplication(layout, options, layout.perApplication)
        : undefined;
    if (named && chosen && layout.perApplication && named.app !== chosen.name)
      throw new UsageError(
        `{{option:to}} "${options.to ?? ''}" is a release of ${named.app ?? 'no known application'}, not of ${chosen.name}`,
      );
    const line = lineOf(layout, named ? named.app : chosen?.name);
    const live = releases.filter((release) => release.status !== 'rolled-back' && lineOf(layout, release.app) === line);
    const current = live.at(-1);
    if (!current)
      throw new RefusedError(
        `there is no release to roll back in ${ctx.directory}/${layout.perApplication && line !== '' ? ` for ${line}` : ''}`,
      );
    let target: StoredRelease | undefined;
    if (named) {
      target = named;
      if (target.name === current.name)
        throw new RefusedError(`${target.name} is the current release; name an earlier one with {{option:to}}`);
    } else {
      target = live
        .filter((release) => release.rollback_of === undefined && compareReleases(release, current) < 0)
        .at(-1);
      if (!target)
        throw new RefusedError(`${current.name} is the first release; there is nothing earlier to roll back to`);
    }
    const verified = options.verifyTarget ? await options.verifyTarget(target) : undefined;
    // Where releases are per application, the rollback goes into the line's directory, named by the tag format.
    const application = layout.perApplication ? target.app : undefined;
    const base =
      formatReleaseName(layout.tagFormat, {
        app: target.app,
        appVersion: target.application_version,
        infraVersion: target.infrastructure_version,
      }) ?? releaseName(target.application_version, target.infrastructure_version);
    const fileBase = releaseName(target.application_version, target.infrastructure_version);
    const directory = path.posix.join(ctx.directory, ...(application === undefined ? [] : [application]));
    let n = 1;
    while (
      releases.some(
        (release) =>
          release.name === `${base}-rollback-${n}` ||
          release.file === path.posix.join(directory, `${fileBase}-rollback-${n}.yaml`),
      )
    )
      n += 1;
    const name = `${base}-rollback-${n}`;
    const release: StoredRelease = {
      name,
      file: path.posix.join(directory, `${fileBase}-rollback-${n}.yaml`),
      ...(application === undefined ? {} : { application, app: application }),
      application_version: target.application_version,
      infrastructure_version: target.infrastructure_version,
      ...(target.components ? { components: target.components } : {}),
      created: isoNow(options.now),
      ...(target.environment ? { environment: target.environment } : {}),
      status: 'candidate',
      ...(target.application_team ? { application_team: target.application_team } : {}),
      approvals: [],
      ...(verified ? { verified } : {}),
      rollback_of: current.name,
    };
    if (!isExpectedName(release, name, base)) throw new Error(`internal: unexpected rollback name ${name}`);
    await save(ctx, release, { exclusive: true });
    return release;
  });
}
