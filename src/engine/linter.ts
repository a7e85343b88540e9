import type { Descriptor, GitopsTool, RepositoryKind } from '../config/descriptor.js';
import type { RuleConfig } from '../config/rule-config.js';
import { InternalError } from '../errors.js';
import type { SourcePosition } from '../manifests/yaml-file.js';
import { DirectiveSet, parseDirectives } from './directives.js';
import type { Repository } from './repository.js';
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

/**
 * Runs rules over a repository and returns their findings. Does no file I/O of its own:
 * contents come from the Repository, which reads through its FileSource.
 */
export function runRules(options: LinterOptions): Diagnostic[] {
  const { repository, config } = options;
  const diagnostics: Diagnostic[] = [];
  const targetSet = new Set(options.targetFiles);

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

  for (const rule of options.rules) {
    if (rule.meta.kinds && (options.kind === undefined || !rule.meta.kinds.includes(options.kind))) continue;
    const base = config.base(rule.id);
    // Per-file rules run once per group of files that overrides treat alike, with that group's
    // options; repository rules run once, and each finding takes its file's severity.
    const groups = new Map<string, string[]>();
    if (rule.meta.scope === 'file') {
      for (const file of options.targetFiles) {
        const key = config.overrideKey(file);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = []));
        group.push(file);
      }
    } else {
      groups.set('', [...options.targetFiles]);
    }
    for (const [key, files] of groups) {
      const first = files[0];
      const setting = rule.meta.scope === 'file' && first !== undefined && key !== '' ? config.forFile(rule.id, first) : base;
      if (rule.meta.scope === 'file' && setting.severity === 'off') continue;
      if (rule.meta.scope === 'repository' && setting.severity === 'off' && !hasOverrideTurningOn(rule.id, options)) continue;
      const context: RuleContext<string> = {
        ruleId: rule.id,
        files: repository.files,
        targetFiles: files,
        descriptor: options.descriptor,
        kind: options.kind,
        tool: options.tool,
        hasFile: (file) => repository.hasFile(file),
        hasDirectory: (directory) => repository.hasDirectory(directory),
        filesUnder: (directory) => repository.filesUnder(directory),
        text: (file) => repository.text(file),
        readFailure: (file) => repository.readFailure(file),
        yaml: (file) => repository.yaml(file),
        isYamlFile: (file) => repository.isYamlFile(file),
        report(descriptor) {
          const template = rule.meta.messages[descriptor.messageId];
          if (template === undefined) {
            throw new InternalError(`rule "${rule.id}" reported an unknown messageId "${descriptor.messageId}"`);
          }
          const fileSetting = config.forFile(rule.id, descriptor.file);
          const severity = severityNumber(fileSetting.severity);
          if (severity === 0) return;
          diagnostics.push({
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
      try {
        rule.check(context, setting.options);
      } catch (error) {
        if (error instanceof InternalError) throw error;
        throw new InternalError(`rule "${rule.id}" crashed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }
  }

  return applyDirectives(diagnostics, options, targetSet).sort(compareDiagnostics);
}

function hasOverrideTurningOn(ruleId: string, options: LinterOptions): boolean {
  return (options.descriptor?.overrides ?? []).some((override) => {
    const entry = override.rules[ruleId];
    return entry !== undefined && entry !== 'off' && entry !== 0 && !(Array.isArray(entry) && (entry[0] === 'off' || entry[0] === 0));
  });
}

function applyDirectives(diagnostics: Diagnostic[], options: LinterOptions, targetSet: ReadonlySet<string>): Diagnostic[] {
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
    if (!targetSet.has(file) || !repository.isLoaded(file)) continue;
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
