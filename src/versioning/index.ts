import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as semver from './semver.js';
import { openRepository } from '../config/repository.js';
import { RefusedError, UsageError } from '../errors.js';
import { assertInsideRepository, writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { GitCommandError, runGit } from '../git/command.js';
import { releaseChangelog } from './changelog.js';
import {
  isStrictSemver,
  sourceSpecsFor,
  readVersion,
  writeVersion,
  type VersionReading,
  type VersionSourceSpec,
} from './sources.js';

export interface VersionSourceStatus {
  /** `VERSION`, `gitops.yaml#version`, `chart/Chart.yaml#version`. */
  source: string;
  version: string | undefined;
  /** ok: equal to the current version; missing: no such file or field; invalid: not semver; differs: another version. */
  status: 'ok' | 'missing' | 'invalid' | 'differs';
}

export interface VersionStatus {
  root: string;
  /** The version of VERSION (the first source), if valid. */
  current: string | undefined;
  sources: VersionSourceStatus[];
  consistent: boolean;
}

export type BumpLevel = 'major' | 'minor' | 'patch' | 'prerelease';
export const BUMP_LEVELS: readonly BumpLevel[] = ['major', 'minor', 'patch', 'prerelease'];

function readText(root: string, file: string): string | undefined {
  try {
    return readFileSync(path.join(root, ...file.split('/')), 'utf8');
  } catch {
    return undefined;
  }
}

/** The status and the sources it was read from, with gitops.yaml read once. */
function readStatus(cwd: string | undefined): { status: VersionStatus; specs: VersionSourceSpec[] } {
  const { root, loaded } = openRepository(cwd);
  const descriptor = loaded?.descriptor;
  const specs = sourceSpecsFor(descriptor?.versioning?.sources, descriptor?.kind, descriptor?.tool);
  const readings: VersionReading[] = specs.map((spec) => readVersion(spec, readText(root, spec.file)));
  const first = readings[0]?.raw;
  const current = first !== undefined && isStrictSemver(first) ? first : undefined;
  const sources = readings.map((reading): VersionSourceStatus => {
    const version = reading.raw;
    const status =
      version === undefined ? 'missing' : !isStrictSemver(version) ? 'invalid' : version === current ? 'ok' : 'differs';
    return { source: reading.label, version, status };
  });
  // A source missing altogether (no file, or no field) does not count against consistency,
  // except the first one, which is where the version lives.
  const consistent =
    current !== undefined && sources.every((source) => source.status === 'ok' || source.status === 'missing');
  return { status: { root, current, sources, consistent }, specs };
}

/** Reports the current version and where each source stands. */
export function versionStatus(options: { cwd?: string } = {}): VersionStatus {
  return readStatus(options.cwd).status;
}

export interface BumpResult {
  root: string;
  previous: string;
  version: string;
  /** Repository-relative files written. */
  files: string[];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface BumpOptions {
  cwd?: string;
  level: BumpLevel;
  /** Pre-release identifier, e.g. rc: with major, minor or patch, a pre-release of that version. */
  preid?: string;
  /** The date of the CHANGELOG.md section (YYYY-MM-DD); today by default. */
  date?: string;
}

/**
 * Raises the version in every source at once and moves CHANGELOG.md's Unreleased section to
 * the new version with the date. Refuses when the sources disagree. Every file is computed
 * first and then written atomically, so a refusal writes nothing.
 */
export async function bumpVersion(options: BumpOptions): Promise<BumpResult> {
  if (!BUMP_LEVELS.includes(options.level)) {
    throw new UsageError(`version bump "${String(options.level)}": expected one of ${BUMP_LEVELS.join(', ')}`);
  }
  if (options.preid !== undefined && !/^[0-9A-Za-z-]+$/.test(options.preid)) {
    throw new UsageError(
      `{{option:preid}} "${options.preid}": only letters, digits and '-' are allowed (e.g. rc, beta)`,
    );
  }
  const { root } = openRepository(options.cwd);
  // Read, bump and write under the lock, so two bumps at once never lose one.
  return withRepositoryLock(root, async () => {
    const { status, specs } = readStatus(options.cwd);
    if (status.current === undefined) {
      const first = status.sources[0];
      throw new RefusedError(
        first?.status === 'missing'
          ? `${first.source} is missing: create it with the current version (e.g. 0.1.0) first`
          : `${first?.source ?? 'VERSION'} holds "${first?.version ?? ''}", which is not a semantic version; fix it first`,
      );
    }
    if (!status.consistent) {
      const wrong = status.sources.filter((source) => source.status === 'differs' || source.status === 'invalid');
      throw new RefusedError(
        `the version sources disagree (${status.sources[0]?.source ?? 'VERSION'} is ${status.current}; ${wrong.map((source) => `${source.source} is ${source.version ?? '-'}`).join(', ')}); make them agree, then bump`,
      );
    }
    // With --preid, major/minor/patch open a pre-release of the next version (premajor, …): 1.2.3 → 1.3.0-rc.0.
    const version =
      options.level === 'prerelease'
        ? semver.inc(status.current, 'prerelease', options.preid ?? 'rc')
        : options.preid === undefined
          ? semver.inc(status.current, options.level)
          : semver.inc(status.current, `pre${options.level}`, options.preid);
    if (version === null || !isStrictSemver(version))
      throw new RefusedError(
        `cannot bump ${status.current} by ${options.level}: ${version ?? 'the result'} is beyond the largest version number gitops-init handles (${Number.MAX_SAFE_INTEGER}); nothing was changed`,
      );
    const changes = new Map<string, string>();
    for (const spec of specs) {
      const text = changes.get(spec.file) ?? readText(root, spec.file);
      if (readVersion(spec, text).raw === undefined) continue;
      changes.set(spec.file, writeVersion(spec, text, version));
    }
    const changelog = readText(root, 'CHANGELOG.md');
    if (changelog !== undefined) {
      try {
        changes.set('CHANGELOG.md', releaseChangelog(changelog, version, options.date ?? today(), status.current));
      } catch (error) {
        throw new RefusedError(`${(error as Error).message}; nothing was changed`);
      }
    }
    // Every target is checked before the first write, so a refused link leaves the sources agreeing.
    const targets = [...changes].map(([file, text]) => [path.join(root, ...file.split('/')), text] as const);
    for (const [absolute] of targets) assertInsideRepository(root, absolute);
    for (const [absolute, text] of targets) await writeFileAtomically(absolute, text, { root });
    return { root, previous: status.current, version, files: [...changes.keys()].sort() };
  });
}

export interface TagResult {
  root: string;
  tag: string;
  commit: string;
}

async function git(root: string, args: string[]): Promise<string> {
  return (await runGit(args, { cwd: root })).toString('utf8');
}

/** Refuses unless the work tree is a git repository with nothing uncommitted. */
export async function requireCleanTree(root: string, action: string): Promise<void> {
  let status: string;
  try {
    status = await git(root, ['status', '--porcelain', '--untracked-files=normal']);
  } catch (error) {
    if (error instanceof GitCommandError)
      throw new RefusedError(`${root} is not a git repository with a commit; ${action} needs one`);
    throw error;
  }
  // Each line is `XY path`: X may be a space, so the lines are not trimmed.
  const lines = status.split('\n').filter((line) => line.trim() !== '');
  if (lines.length > 0) {
    const files = lines.slice(0, 5).map((line) => line.slice(3));
    throw new RefusedError(
      `the work tree has uncommitted changes (${files.join(', ')}${lines.length > 5 ? ', …' : ''}); commit or stash them before ${action}`,
    );
  }
}

export async function tagExists(root: string, tag: string): Promise<boolean> {
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`]);
    return true;
  } catch (error) {
    if (error instanceof GitCommandError) return false;
    throw error;
  }
}

/** Creates the annotated tag `v<version>` on HEAD; refuses a dirty tree or an existing tag. */
export async function tagVersion(options: { cwd?: string } = {}): Promise<TagResult> {
  const { root: repositoryRoot } = openRepository(options.cwd);
  // Under the lock: a bump running at the same time cannot change the version being tagged.
  return withRepositoryLock(repositoryRoot, async () => {
    const status = versionStatus(options);
    const root = status.root;
    if (status.current === undefined)
      throw new RefusedError(`no valid version in ${status.sources[0]?.source ?? 'VERSION'}; nothing to tag`);
    if (!status.consistent)
      throw new RefusedError(
        'the version sources disagree; run gitops-init version to see them, and make them agree before tagging',
      );
    await requireCleanTree(root, 'tagging');
    const tag = `v${status.current}`;
    if (await tagExists(root, tag))
      throw new RefusedError(`tag ${tag} already exists; bump the version first (gitops-init version bump patch)`);
    await git(root, ['tag', '-a', tag, '-m', `Release ${tag}`]);
    const commit = (await git(root, ['rev-list', '-n', '1', tag])).trim();
    return { root, tag, commit };
  });
}
