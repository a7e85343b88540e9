import type { Descriptor } from '../config/descriptor.js';
import type { Release } from '../config/generated/release-schema.types.js';

/** Today's names: one release line for the repository. */
export const SINGLE_LINE_TAG_FORMAT = 'release-{appVersion}-{infraVersion}';
/** The default where each application has a release line of its own. */
export const PER_APPLICATION_TAG_FORMAT = 'release-{app}-{appVersion}-{infraVersion}';

/** An application whose releases the repository holds: a tenant of teams.applications. */
export interface ReleaseApplication {
  name: string;
  team: string;
}

/** Where releases live and how they are named, from gitops.yaml's `releases` and `teams`. */
export interface ReleaseLayout {
  /** The releases directory, without a trailing slash. */
  directory: string;
  /** Each application has a line of its own, in `<directory>/<application>/`. */
  perApplication: boolean;
  /** The name and tag of a release (`releases.tagFormat` or the default of the layout). */
  tagFormat: string;
  applications: ReleaseApplication[];
}

/**
 * The applications of a repository: the tenants of `teams.applications`; in an application
 * repository, the repository itself with `teams.application`.
 */
function applicationsOf(descriptor: Descriptor | undefined): ReleaseApplication[] {
  const tenants = descriptor?.teams?.applications ?? [];
  if (tenants.length > 0) return tenants.map((tenant) => ({ name: tenant.name, team: tenant.team }));
  const team = descriptor?.teams?.application;
  return descriptor && team !== undefined ? [{ name: descriptor.name, team }] : [];
}

/**
 * The release layout of a repository, and what is wrong with its configuration if anything (then
 * the layout falls back to the default tag format, so that lint still checks the rest).
 * `perApplication: auto` (the default) gives each application its own line when gitops.yaml names
 * more than one: a repository with one application keeps `release-<app>-<infra>`.
 */
export function releaseLayout(descriptor: Descriptor | undefined): { layout: ReleaseLayout; problem?: string } {
  const config = descriptor?.releases;
  const applications = applicationsOf(descriptor);
  const mode = config?.perApplication ?? 'auto';
  const perApplication = mode === 'always' || (mode === 'auto' && applications.length > 1);
  const fallback = perApplication ? PER_APPLICATION_TAG_FORMAT : SINGLE_LINE_TAG_FORMAT;
  const layout: ReleaseLayout = {
    directory: (config?.directory ?? 'releases').replace(/\/+$/, ''),
    perApplication,
    tagFormat: config?.tagFormat ?? fallback,
    applications,
  };
  if (perApplication && applications.length === 0) {
    return {
      layout,
      problem:
        'releases.perApplication is always, but teams.applications names no application; add the tenants, or set perApplication: auto',
    };
  }
  const formatProblem = tagFormatProblem(layout.tagFormat);
  if (formatProblem !== undefined) return { layout: { ...layout, tagFormat: fallback }, problem: formatProblem };
  if (perApplication && !layout.tagFormat.includes('{app}')) {
    return {
      layout: { ...layout, tagFormat: fallback },
      problem: `releases.tagFormat "${layout.tagFormat}" has no {app}, but each application has its own release line (releases.perApplication: ${mode}); add {app}, e.g. ${PER_APPLICATION_TAG_FORMAT}`,
    };
  }
  return { layout };
}

/**
 * What is wrong with a tag format, if anything. The name it gives is a git tag and a file
 * name: letters, digits and `. _ @ + -` (git's rules for ref names, `git check-ref-format`,
 * forbid `..`, and a tag starting with `-` or `.` is taken for an option or hidden).
 */
export function tagFormatProblem(format: string): string | undefined {
  const quoted = `releases.tagFormat "${format}"`;
  const unknown = /\{(?!(?:app|appVersion|infraVersion)\})[^}]*\}?/.exec(format);
  if (unknown) return `${quoted} has an unknown placeholder ${unknown[0]}; use {app}, {appVersion} and {infraVersion}`;
  const literal = format.replace(/\{(?:app|appVersion|infraVersion)\}/g, '');
  const bad = /[^A-Za-z0-9._@+-]/.exec(literal);
  if (bad)
    return `${quoted} has "${bad[0]}"; a release's name is its tag and file name: letters, digits, . _ @ + - and the placeholders`;
  if (!format.includes('{appVersion}') || !format.includes('{infraVersion}'))
    return `${quoted} needs both {appVersion} and {infraVersion}, so that every pair has a name of its own`;
  if (/^[-.]/.test(format) || format.includes('..'))
    return `${quoted} starts with - or . or holds "..", which git refuses in a tag; e.g. release-{app}-{appVersion}-{infraVersion}`;
  return undefined;
}

/** A name from a tag format; undefined when the format needs {app} and there is none. */
export function formatReleaseName(
  format: string,
  values: { app: string | undefined; appVersion: string; infraVersion: string },
): string | undefined {
  if (format.includes('{app}') && values.app === undefined) return undefined;
  return format.replace(/\{(app|appVersion|infraVersion)\}/g, (_, key: 'app' | 'appVersion' | 'infraVersion') =>
    key === 'app' ? (values.app ?? '') : values[key],
  );
}

/**
 * The name, without a rollback's suffix, of a release in an application's directory: the tag
 * format with {app} (the default per-application one if the configured format has none).
 */
export function applicationLineName(layout: ReleaseLayout, application: string, release: Release): string {
  const format = layout.tagFormat.includes('{app}') ? layout.tagFormat : PER_APPLICATION_TAG_FORMAT;
  return (
    formatReleaseName(format, {
      app: application,
      appVersion: release.application_version,
      infraVersion: release.infrastructure_version,
    }) ?? ''
  );
}

/** The `-rollback-<n>` ending of a name, or ''. */
export function rollbackSuffix(name: string): string {
  return /-rollback-[1-9]\d*$/.exec(name)?.[0] ?? '';
}

/**
 * The application a release belongs to: its directory (`<directory>/<application>/`), its
 * `application` field, the one application whose team is its application_team, or the only
 * application.
 */
export function applicationOf(
  release: Release,
  directoryApplication: string | undefined,
  applications: readonly ReleaseApplication[],
): string | undefined {
  if (directoryApplication !== undefined) return directoryApplication;
  if (release.application !== undefined) return release.application;
  const byTeam = applications.filter((application) => application.team === release.application_team);
  if (byTeam.length === 1) return byTeam[0]?.name;
  return applications.length === 1 ? applications[0]?.name : undefined;
}

/** The line a release is compared within: its application's where releases are per application, else the one line. */
export function lineOf(layout: ReleaseLayout, application: string | undefined): string {
  return layout.perApplication ? (application ?? '') : '';
}

/**
 * The names a release manifest may have without its rollback suffix. In an application's
 * directory: the tag format with {app} (the default per-application one if the configured
 * format has none). Directly in the releases directory: today's release-<app>-<infra>, or the
 * configured format (a manifest written before the repository had several applications keeps
 * its name).
 */
export function expectedNameBases(
  layout: ReleaseLayout,
  release: Release,
  directoryApplication: string | undefined,
  application: string | undefined,
): string[] {
  const values = {
    appVersion: release.application_version,
    infraVersion: release.infrastructure_version,
  };
  if (directoryApplication !== undefined) return [applicationLineName(layout, directoryApplication, release)];
  const bases = [formatReleaseName(SINGLE_LINE_TAG_FORMAT, { ...values, app: undefined }) ?? ''];
  const configured = formatReleaseName(layout.tagFormat, { ...values, app: application });
  if (configured !== undefined && !bases.includes(configured)) bases.push(configured);
  return bases;
}
