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

export * from './manifest.js';

/** A release manifest read from the releases directory. */
export interface StoredRelease extends Release {
  name: string;
  /** Repository-relative path of the manifest. */
  file: string;
}

interface Context {
  root: string;
  descriptor: Descriptor;
  directory: string;
}

function context(cwd: string | undefined, command: string): Context {
  const { root, loaded } = openRepository(cwd);
  if (!loaded) {
    throw new UsageError(
      `no gitops.yaml in ${root}: '${command}' works in a repository made by 'gitops-init new' (or pass {{option:cwd}})`,
    );
  }
  const descriptor = loaded.descriptor;
  return { root, descriptor, directory: descriptor.releases?.directory ?? 'releases' };
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

/** Every manifest in the releases directory, in semver order. Invalid manifests are configuration errors. */
export function readReleases(root: string, directory: string): StoredRelease[] {
  const absolute = path.join(root, directory);
  if (!existsSync(absolute)) return [];
  const releases: StoredRelease[] = [];
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
    releases.push({ ...release, name: release.name ?? entry.replace(/\.ya?ml$/, ''), file });
  }
  return releases.sort(compareReleases);
}

function findRelease(releases: readonly StoredRelease[], name: string): StoredRelease {
  const release = releases.find(
    (candidate) => candidate.name === name || candidate.name === name.replace(/\.ya?ml$/, ''),
  );
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

export interface CreateReleaseOptions {
  cwd?: string;
  app: string | undefined;
  infra: string | undefined;
  environment?: string;
  /** The application team that must approve; defaults to the only one in gitops.yaml. */
  appTeam?: string;
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
  const teams = applicationTeams(descriptor);
  const appTeam = options.appTeam ?? (teams.length === 1 ? teams[0] : undefined);
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
    const releases = readReleases(ctx.root, ctx.directory);
    const name = releaseName(app, infra);
    if (
      releases.some((release) => release.name === name) ||
      existsSync(path.join(ctx.root, ctx.directory, `${name}.yaml`))
    ) {
      throw alreadyExists(name);
    }
    const newest = releases.filter((release) => release.rollback_of === undefined).at(-1);
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
      file: path.posix.join(ctx.directory, `${name}.yaml`),
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
    const release = findRelease(readReleases(ctx.root, ctx.directory), options.name);
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
    const releases = readReleases(ctx.root, ctx.directory);
    const release = findRelease(releases, options.name);
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
  const release = findRelease(readReleases(ctx.root, ctx.directory), options.name);
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

/** Every release in semver order. */
export function listReleases(options: { cwd?: string } = {}): StoredRelease[] {
  const ctx = context(options.cwd, 'release list');
  return readReleases(ctx.root, ctx.directory);
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
    const releases = readReleases(ctx.root, ctx.directory);
    const file = ctx.descriptor.releases?.changelog ?? 'RELEASES.md';
    const lines = [
      '# Releases',
      '',
      `Application and infrastructure versions deployed together, newest first. Generated from ${ctx.directory}/ by \`gitops-init release changelog\`; do not edit by hand.`,
      '',
    ];
    for (const release of [...releases].reverse()) {
      lines.push(`## ${release.name}`, '');
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
  /** The release to return to; by default the one before the newest. */
  to?: string;
  now?: Date;
}

/**
 * Rolls back by rolling forward: writes a new candidate manifest that pins the versions of the
 * previous release (or `to`), with rollback_of naming the newest release. History is never rewritten.
 */
export async function rollbackRelease(options: RollbackReleaseOptions): Promise<StoredRelease> {
  const ctx = context(options.cwd, 'release rollback');
  return withRepositoryLock(ctx.root, async () => {
    const releases = readReleases(ctx.root, ctx.directory);
    const live = releases.filter((release) => release.status !== 'rolled-back');
    const current = live.at(-1);
    if (!current) throw new RefusedError(`there is no release to roll back in ${ctx.directory}/`);
    let target: StoredRelease | undefined;
    if (options.to !== undefined) {
      target = findRelease(releases, options.to);
      if (target.name === current.name)
        throw new RefusedError(`${target.name} is the current release; name an earlier one with {{option:to}}`);
    } else {
      target = live
        .filter((release) => release.rollback_of === undefined && compareReleases(release, current) < 0)
        .at(-1);
      if (!target)
        throw new RefusedError(`${current.name} is the first release; there is nothing earlier to roll back to`);
    }
    const base = releaseName(target.application_version, target.infrastructure_version);
    let n = 1;
    while (releases.some((release) => release.name === `${base}-rollback-${n}`)) n += 1;
    const name = `${base}-rollback-${n}`;
    const release: StoredRelease = {
      name,
      file: path.posix.join(ctx.directory, `${name}.yaml`),
      application_version: target.application_version,
      infrastructure_version: target.infrastructure_version,
      ...(target.components ? { components: target.components } : {}),
      created: isoNow(options.now),
      ...(target.environment ? { environment: target.environment } : {}),
      status: 'candidate',
      ...(target.application_team ? { application_team: target.application_team } : {}),
      approvals: [],
      rollback_of: current.name,
    };
    if (!isExpectedName(release, name)) throw new Error(`internal: unexpected rollback name ${name}`);
    await save(ctx, release, { exclusive: true });
    return release;
  });
}
