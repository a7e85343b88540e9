import { createHash } from 'node:crypto';
import type { Descriptor, GitopsTool, RepositoryKind } from '../config/descriptor.js';
import type { RuleConfig } from '../config/rule-config.js';
import { InternalError } from '../errors.js';
import type { SourcePosition } from '../manifests/yaml-file.js';
import { DirectiveSet, parseDirectives } from './directives.js';
import type { Repository } from './repository.js';
import type { BaseRevision } from '../git/base-revision.js';
import type { AnyRule, Fix, ReportDescriptor, RuleContext, Severity } from './rule.js';
import { compareStrings } from './file-source.js';

/** One finding, with a repository-relative POSIX path and 1-based positions. */
export interface Diagnostic {
  ruleId: string | null;
  messageId?: string;
  severity: 1 | 2;
  message: string;
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
}

export interface LinterOptions {
  repository: Repository;
  rules: readonly AnyRule[];
  config: RuleConfig;
  descriptor: Descriptor | undefined;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  /** The files this run lints. */
  targetFiles: readonly string[];
  reportUnusedDisableDirectives: Severity;
  /** Receives the rules' notes (`context.note`), prefixed with the rule id. */
  notes?: string[];
  /** Results of earlier runs to reuse, and where this run's go. */
  cache?: RunCache;
  /** The revision given with `--base`. */
  base?: BaseRevision;
}

/** Fills `{{name}}` placeholders, leaving unknown ones as they are (as ESLint). */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}

function textPosition(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function severityNumber(severity: Severity): 0 | 1 | 2 {
  return severity === 'error' ? 2 : severity === 'warn' ? 1 : 0;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareStrings(a.ruleId ?? '', b.ruleId ?? '')
  );
}

/** A rule run's findings with what the run asked of the repository (see Repository.fingerprint). */
export interface StoredRun {
  /** Query key to fingerprint, at the time of the run. */
  dependencies: Record<string, string>;
  /** Findings before inline directives are applied. */
  diagnostics: Diagnostic[];
  /** The run's notes (`context.note`), when it made any. */
  notes?: string[];
}

/**
 * Results of earlier runs. Keys: `file:<path>` for the file-scope rules on one file,
 * `rule:<id>` for a repository rule. A stored run is reused when every dependency's
 * fingerprint is unchanged; the caller keys the whole store on the tool version and the
 * configuration.
 */
export interface RunCache {
  get(key: string): StoredRun | undefined;
  set(key: string, run: StoredRun): void;
}

/** The query key of the list of files being linted (a linter input, not a repository question). */
const TARGETS_QUERY = 't:';

/**
 * Runs rules over a repository and returns their findings. Does no file I/O of its own:
 * contents come from the Repository, which reads through its FileSource.
 */
export function runRules(options: LinterOptions): Diagnostic[] {
  const { repository, config, cache } = options;
  const targetSet = new Set(options.targetFiles);
  let targetsFingerprint: string | undefined;
  const fingerprint = (query: string): string => {
    if (query !== TARGETS_QUERY) return repository.fingerprint(query);
    targetsFingerprint ??= createHash('sha1').update(options.targetFiles.join('\0')).digest('base64url');
    return targetsFingerprint;
  };
  const fingerprints = (queries: Iterable<string>): Record<string, string> => {
    const dependencies: Record<string, string> = {};
    for (const query of [...queries].sort()) dependencies[query] = fingerprint(query);
    return dependencies;
  };
  const holds = (run: StoredRun): boolean =>
    Object.entries(run.dependencies).every(([query, value]) => fingerprint(query) === value);
  /** Files whose contents the rules looked at: only their unused directives are reported. */
  const readFiles = new Set<string>();
  const noteReads = (queries: Iterable<string>): void => {
    for (const query of queries) if (query.startsWith('c:')) readFiles.add(query.slice(2));
  };

  const locate = (descriptor: ReportDescriptor<string>): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> => {
    if (descriptor.line !== undefined) {
      return {
        line: descriptor.line,
        column: descriptor.column ?? 1,
        ...(descriptor.endLine === undefined ? {} : { endLine: descriptor.endLine }),
        ...(descriptor.endColumn === undefined ? {} : { endColumn: descriptor.endColumn }),
      };
    }
    const range = descriptor.node?.range ?? descriptor.range;
    if (!range) return {};
    const yamlFile = repository.yaml(descriptor.file);
    const text = yamlFile ? undefined : repository.text(descriptor.file);
    const position = yamlFile
      ? yamlFile.position
      : text === undefined
        ? undefined
        : (offset: number) => textPosition(text, offset);
    if (!position) return {};
    const start = position(range[0]);
    const end = position(range[1]);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };

  /** Runs one rule over some target files and returns its findings and what it asked. */
  const execute = (
    rule: AnyRule,
    targetFiles: readonly string[],
    ruleOptions: readonly unknown[],
  ): { diagnostics: Diagnostic[]; notes: string[]; queries: Set<string> } => {
    const found: Diagnostic[] = [];
    const notes: string[] = [];
    let usedTargets = false;
    const context: RuleContext<string> = {
      ruleId: rule.id,
      get files() {
        return repository.fileList();
      },
      get targetFiles() {
        // A run over one file's rules is keyed on that file already.
        if (targetFiles !== options.targetFiles) return targetFiles;
        usedTargets = true;
        return targetFiles;
      },
      descriptor: options.descriptor,
      kind: options.kind,
      tool: options.tool,
      base: options.base,
      hasFile: (file) => repository.hasFile(file),
      hasDirectory: (directory) => repository.hasDirectory(directory),
      filesUnder: (directory) => repository.filesUnder(directory),
      text: (file) => repository.text(file),
      readFailure: (file) => repository.readFailure(file),
      yaml: (file) => repository.yaml(file),
      isYamlFile: (file) => repository.isYamlFile(file),
      note(descriptor) {
        const template = rule.meta.messages[descriptor.messageId];
        if (template === undefined) {
          throw new InternalError(`rule "${rule.id}" noted an unknown messageId "${descriptor.messageId}"`);
        }
        notes.push(`${rule.id}: ${interpolate(template, descriptor.data)}`);
      },
      report(descriptor) {
        const template = rule.meta.messages[descriptor.messageId];
        if (template === undefined) {
          throw new InternalError(`rule "${rule.id}" reported an unknown messageId "${descriptor.messageId}"`);
        }
        const fileSetting = config.forFile(rule.id, descriptor.file);
        const configured = severityNumber(fileSetting.severity);
        const severity = descriptor.severity === 'warn' && configured === 2 ? 1 : configured;
        if (severity === 0) return;
        found.push({
          ruleId: rule.id,
          messageId: descriptor.messageId,
          severity,
          message: interpolate(template, descriptor.data),
          file: descriptor.file,
          ...locate(descriptor),
          ...(descriptor.fix && rule.meta.fixable ? { fix: descriptor.fix } : {}),
        });
      },
    };
    const { queries } = repository.recordQueries(() => {
      try {
        rule.check(context, ruleOptions);
      } catch (error) {
        if (error instanceof InternalError) throw error;
        throw new InternalError(`rule "${rule.id}" crashed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    });
    if (usedTargets) queries.add(TARGETS_QUERY);
    noteReads(queries);
    options.notes?.push(...notes);
    return { diagnostics: found, notes, queries };
  };

  const applies = (rule: AnyRule): boolean =>
    !rule.meta.kinds || (options.kind !== undefined && rule.meta.kinds.includes(options.kind));
  const fileRules = options.rules.filter((rule) => rule.meta.scope === 'file' && applies(rule));
  const repositoryRules = options.rules.filter((rule) => rule.meta.scope === 'repository' && applies(rule));
  const diagnostics: Diagnostic[] = [];
  const reuse = (stored: StoredRun): void => {
    noteReads(Object.keys(stored.dependencies));
    diagnostics.push(...stored.diagnostics);
    if (stored.notes) options.notes?.push(...stored.notes);
  };
  const toStoredRun = (queries: Iterable<string>, found: Diagnostic[], notes: string[]): StoredRun => ({
    dependencies: fingerprints(queries),
    diagnostics: found,
    ...(notes.length > 0 ? { notes } : {}),
  });

  if (cache) {
    // One stored run per target file, covering every file-scope rule on it, so that a change
    // to one file re-lints that file only.
    for (const file of options.targetFiles) {
      const key = `file:${file}`;
      const stored = cache.get(key);
      if (stored && holds(stored)) {
        reuse(stored);
        continue;
      }
      const found: Diagnostic[] = [];
      const notes: string[] = [];
      const queries = new Set<string>();
      for (const rule of fileRules) {
        const setting = config.forFile(rule.id, file);
        if (setting.severity === 'off') continue;
        const run = execute(rule, [file], setting.options);
        found.push(...run.diagnostics);
        notes.push(...run.notes);
        for (const query of run.queries) queries.add(query);
      }
      cache.set(key, toStoredRun(queries, found, notes));
      diagnostics.push(...found);
    }
  } else {
    for (const rule of fileRules) {
      // Per-file rules run once per group of files that overrides treat alike, with that group's options.
      const groups = new Map<string, string[]>();
      for (const file of options.targetFiles) {
        const key = config.overrideKey(file);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = []));
        group.push(file);
      }
      for (const [key, files] of groups) {
        const first = files[0];
        const setting = first !== undefined && key !== '' ? config.forFile(rule.id, first) : config.base(rule.id);
        if (setting.severity === 'off') continue;
        diagnostics.push(...execute(rule, files, setting.options).diagnostics);
      }
    }
  }

  // Repository rules run once, and each finding takes its file's severity.
  for (const rule of repositoryRules) {
    const setting = config.base(rule.id);
    if (setting.severity === 'off' && !hasOverrideTurningOn(rule.id, options)) continue;
    const key = `rule:${rule.id}`;
    const stored = cache?.get(key);
    if (stored && holds(stored)) {
      reuse(stored);
      continue;
    }
    const run = execute(rule, options.targetFiles, setting.options);
    cache?.set(key, toStoredRun(run.queries, run.diagnostics, run.notes));
    diagnostics.push(...run.diagnostics);
  }

  return applyDirectives(diagnostics, options, targetSet, readFiles).sort(compareDiagnostics);
}

function hasOverrideTurningOn(ruleId: string, options: LinterOptions): boolean {
  return (options.descriptor?.overrides ?? []).some((override) => {
    const entry = override.rules[ruleId];
    return entry !== undefined && entry !== 'off' && entry !== 0 && !(Array.isArray(entry) && (entry[0] === 'off' || entry[0] === 0));
  });
}

function applyDirectives(
  diagnostics: Diagnostic[],
  options: LinterOptions,
  targetSet: ReadonlySet<string>,
  readFiles: ReadonlySet<string>,
): Diagnostic[] {
  const { repository } = options;
  const sets = new Map<string, DirectiveSet>();
  const directivesOf = (file: string): DirectiveSet | undefined => {
    if (!sets.has(file)) {
      const text = repository.hasFile(file) ? repository.text(file) : undefined;
      const directives = text === undefined ? [] : parseDirectives(text);
      sets.set(file, new DirectiveSet(directives));
    }
    const set = sets.get(file);
    return set && set.directives.length > 0 ? set : undefined;
  };
  const kept = diagnostics.filter((diagnostic) => {
    if (diagnostic.ruleId === null) return true;
    const set = directivesOf(diagnostic.file);
    return !set?.isSuppressed(diagnostic.ruleId, diagnostic.line ?? 1);
  });
  const severity = severityNumber(options.reportUnusedDisableDirectives);
  if (severity === 0) return kept;
  const knownRules = new Set(options.rules.map((rule) => rule.id));
  for (const file of repository.files) {
    if (!targetSet.has(file) || !readFiles.has(file)) continue;
    const set = directivesOf(file);
    if (!set) continue;
    for (const { directive, ruleId } of set.unused()) {
      const unknown = ruleId !== null && !knownRules.has(ruleId);
      kept.push({
        ruleId: null,
        severity,
        message: unknown
          ? `Unknown rule "${ruleId}" in a gitops-lint-${directive.type} directive; run 'gitops-init rules' for the list`
          : ruleId === null
            ? `Unused gitops-lint-${directive.type} directive (no problems were reported)`
            : `Unused gitops-lint-${directive.type} directive (no problems were reported from "${ruleId}")`,
        file,
        line: directive.line,
        column: directive.column,
      });
    }
  }
  return kept;
}
