/**
 * The CODEOWNERS file as the ownership rules see it: found, parsed, compiled and (when a rule
 * asks) run over every file once per lint pass, however many rules ask.
 */
import type { Descriptor } from '../config/descriptor.js';
import type { RuleContext } from '../engine/rule.js';
import { computeCoverage, type Coverage } from './coverage.js';
import { locateCodeowners, resolveDialect, type CodeownersLocation, type Dialect } from './dialect.js';
import { CodeownersMatcher } from './matcher.js';
import { parseCodeowners, type CodeownersFile } from './parse.js';

export interface LoadedCodeowners {
  dialect: Dialect;
  location: CodeownersLocation;
  /** Repository-relative path of the file the host reads. */
  path: string;
  text: string;
  parsed: CodeownersFile;
  matcher: CodeownersMatcher;
  /** Every file of the repository run through the matcher (computed on first use). */
  coverage(): Coverage;
}

/** Keyed by the run's file list, which is one array per lint pass. */
const cache = new WeakMap<readonly string[], Map<string, LoadedCodeowners>>();

type ContextView = Pick<RuleContext<string>, 'files' | 'descriptor' | 'hasFile' | 'hasDirectory' | 'text'>;

/** The host whose rules apply to this repository. */
export function dialectOf(context: ContextView): Dialect {
  return resolveDialect(context.descriptor?.host, context);
}

/** The CODEOWNERS file the host reads, or undefined when there is none (or it cannot be read). */
export function loadCodeowners(context: ContextView): LoadedCodeowners | undefined {
  const dialect = dialectOf(context);
  const location = locateCodeowners(dialect, (path) => context.hasFile(path));
  const path = location.active;
  if (path === undefined) return undefined;
  const text = context.text(path);
  if (text === undefined) return undefined;
  let byFile = cache.get(context.files);
  if (!byFile) cache.set(context.files, (byFile = new Map<string, LoadedCodeowners>()));
  const key = `${dialect}\0${path}`;
  let loaded = byFile.get(key);
  if (loaded?.text !== text) {
    const parsed = parseCodeowners(text, dialect);
    const matcher = new CodeownersMatcher(parsed);
    let coverage: Coverage | undefined;
    const files = context.files;
    loaded = {
      dialect,
      location,
      path,
      text,
      parsed,
      matcher,
      coverage: () => (coverage ??= computeCoverage(matcher, files)),
    };
    byFile.set(key, loaded);
  }
  return loaded;
}

/**
 * Whether gitops.yaml declares who works on the repository. The ownership policy (a CODEOWNERS
 * file, every file owned, declared owners, critical paths) applies once it does: before that
 * there is nobody to give paths to.
 */
export function declaresTeams(descriptor: Descriptor | undefined): boolean {
  const teams = descriptor?.teams;
  return (
    teams !== undefined &&
    (teams.platform !== undefined ||
      teams.application !== undefined ||
      (teams.applications ?? []).length > 0 ||
      (teams.members ?? []).length > 0)
  );
}

/** `GitHub` or `GitLab`, for messages. */
export function hostName(dialect: Dialect): string {
  return dialect === 'github' ? 'GitHub' : 'GitLab';
}
