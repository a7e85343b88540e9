import type { Descriptor, GitopsTool, RepositoryKind } from '../config/descriptor.js';
import type { RuleConfig } from './rule-config.js';
import { InternalError } from '../errors.js';
import type { BaseRevision } from '../git/base-revision.js';
import type { SourcePosition } from '../manifests/yaml-file.js';
import type { Diagnostic } from './diagnostic.js';
import type { Fingerprints } from './fingerprints.js';
import { contentsFile, searchOf, TARGETS_QUERY, type QueryKey } from './queries.js';
import type { Repository } from './repository.js';
import type { AnyRule, ReportDescriptor, RuleContext, Severity } from './rule.js';
import type { StoredRun } from './run-store.js';
import { addTallies, type Tallies } from './tallies.js';

/**
 * Running rules over a Repository: one rule on some files (executeRule), and the file-scope
 * rules over a chunk of target files (lintChunk). The linter runs chunks in its own thread and
 * in worker threads (lint-worker.ts) alike, so that both produce the same results.
 */

/** What every rule run of one lint run shares. */
export interface RunInputs {
  repository: Repository;
  config: RuleConfig;
  descriptor: Descriptor | undefined;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  base: BaseRevision | undefined;
  /** The files this run lints. */
  targetFiles: readonly string[];
}

export interface RuleRun {
  diagnostics: Diagnostic[];
  notes: string[];
  tallies: Tallies;
  /** Query keys of everything the rule asked (see Fingerprints). */
  queries: Set<QueryKey>;
}

/** Fills `{{name}}` placeholders, leaving unknown ones as they are (as ESLint). */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}

export function severityNumber(severity: Severity): 0 | 1 | 2 {
  return severity === 'error' ? 2 : severity === 'warn' ? 1 : 0;
}

/**
 * Positions in a text that is not YAML, from the offsets of its line starts, found once: a rule
 * reporting every line of a long file would otherwise scan the text from its start each time.
 */
function textPositions(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    // The last line start at or before the offset.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}

/** Runs one rule over some target files and returns its findings and what it asked. */
export function executeRule(
  inputs: RunInputs,
  rule: AnyRule,
  targetFiles: readonly string[],
  ruleOptions: readonly unknown[],
): RuleRun {
  const { repository, config } = inputs;
  const found: Diagnostic[] = [];
  const notes: string[] = [];
  const tallies: Tallies = {};
  let usedTargets = false;
  /** Each reported file's position lookup, kept for the rule's run. */
  const positions = new Map<string, ((offset: number) => SourcePosition) | undefined>();
  const positionsOf = (file: string): ((offset: number) => SourcePosition) | undefined => {
    if (positions.has(file)) return positions.get(file);
    const yamlFile = repository.yaml(file);
    const text = yamlFile ? undefined : repository.text(file);
    const position = yamlFile ? yamlFile.position : text === undefined ? undefined : textPositions(text);
    positions.set(file, position);
    return position;
  };
  const locate = (
    descriptor: ReportDescriptor<string>,
  ): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> => {
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
    const position = positionsOf(descriptor.file);
    if (!position) return {};
    const start = position(range[0]);
    const end = position(range[1]);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
  const template = (messageId: string, what: string): string => {
    const text = rule.meta.messages[messageId];
    if (text === undefined) throw new InternalError(`rule "${rule.id}" ${what} an unknown messageId "${messageId}"`);
    return text;
  };
  const context: RuleContext<string> = {
    ruleId: rule.id,
    get files() {
      return repository.fileList();
    },
    get targetFiles() {
      // A run over one file's rules is keyed on that file already.
      if (targetFiles !== inputs.targetFiles) return targetFiles;
      usedTargets = true;
      return targetFiles;
    },
    get checkedFiles() {
      const select = rule.meta.checks;
      return select ? repository.checkedFiles(select) : [];
    },
    descriptor: inputs.descriptor,
    kind: inputs.kind,
    tool: inputs.tool,
    base: inputs.base,
    hasFile: (file) => repository.hasFile(file),
    hasDirectory: (directory) => repository.hasDirectory(directory),
    filesUnder: (directory) => repository.filesUnder(directory),
    text: (file) => repository.text(file),
    readFailure: (file) => repository.readFailure(file),
    yaml: (file) => repository.yaml(file),
    isYamlFile: (file) => repository.isYamlFile(file),
    yamlFilesContaining: (...texts) => repository.yamlFilesContaining(...texts),
    shared: (key, compute) => repository.shared(key, compute),
    note(descriptor) {
      notes.push(`${rule.id}: ${interpolate(template(descriptor.messageId, 'noted'), descriptor.data)}`);
    },
    tally(descriptor) {
      template(descriptor.messageId, 'tallied');
      const counts = (tallies[`${rule.id} ${descriptor.messageId}`] ??= {});
      counts[descriptor.key] = (counts[descriptor.key] ?? 0) + 1;
    },
    report(descriptor) {
      const message = template(descriptor.messageId, 'reported');
      const fileSetting = config.forFile(rule.id, descriptor.file);
      const configured = severityNumber(fileSetting.severity);
      const severity = descriptor.severity === 'warn' && configured === 2 ? 1 : configured;
      if (severity === 0) return;
      found.push({
        ruleId: rule.id,
        messageId: descriptor.messageId,
        severity,
        message: interpolate(message, descriptor.data),
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
  return { diagnostics: found, notes, tallies, queries };
}

/** What one thread remembers from chunk to chunk. */
export interface ThreadState {
  /** Searches whose matched files this thread has counted as read. */
  searched: Set<string>;
}

/** The file-scope rules' results on one chunk of target files. */
export interface ChunkResult {
  diagnostics: Diagnostic[];
  /** Notes in rule order. */
  notes: string[];
  tallies: Tallies;
  /** Files whose contents the rules read (their unused directives are reported). */
  reads: string[];
  /** Of the files read, those with inline directives. */
  withDirectives: string[];
  /** With `store`: one stored run per file, for the cache. */
  stored?: [string, StoredRun][];
}

/**
 * Runs the file-scope rules on a chunk of target files. Without `store`, each rule runs once
 * per group of files that overrides treat alike, with that group's options. With `store`
 * (for the cache), the rules run file by file and each file's run is returned with what it
 * depends on, so that a change to one file re-lints that file only.
 */
export function lintChunk(
  inputs: RunInputs,
  fileRules: readonly AnyRule[],
  files: readonly string[],
  store: Fingerprints | undefined,
  thread: ThreadState,
): ChunkResult {
  const { config, repository } = inputs;
  const result: ChunkResult = { diagnostics: [], notes: [], tallies: {}, reads: [], withDirectives: [] };
  const reads = new Set<string>();
  const take = (run: RuleRun): void => {
    for (const query of run.queries) {
      const file = contentsFile(query);
      if (file !== undefined) {
        reads.add(file);
      } else if (searchOf(query) !== undefined && !thread.searched.has(query)) {
        // The files a search matched count as read once per thread, not once per chunk.
        thread.searched.add(query);
        for (const matched of repository.filesRead(query)) reads.add(matched);
      }
    }
  };
  if (store) {
    result.stored = [];
    for (const file of files) {
      const found: Diagnostic[] = [];
      const notes: string[] = [];
      const tallies: Tallies = {};
      const queries = new Set<QueryKey>();
      for (const rule of fileRules) {
        const setting = config.forFile(rule.id, file);
        if (setting.severity === 'off') continue;
        const run = executeRule(inputs, rule, [file], setting.options);
        for (const item of run.diagnostics) found.push(item);
        for (const item of run.notes) notes.push(item);
        addTallies(tallies, run.tallies);
        for (const query of run.queries) queries.add(query);
        take(run);
      }
      for (const item of found) result.diagnostics.push(item);
      for (const item of notes) result.notes.push(item);
      addTallies(result.tallies, tallies);
      result.stored.push([
        file,
        {
          dependencies: store.dependencies(queries),
          diagnostics: found,
          ...(notes.length > 0 ? { notes } : {}),
          ...(Object.keys(tallies).length > 0 ? { tallies } : {}),
        },
      ]);
    }
  } else {
    const groups = new Map<string, string[]>();
    for (const file of files) {
      const key = config.overrideKey(file);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(file);
    }
    for (const rule of fileRules) {
      for (const [key, group] of groups) {
        const first = group[0];
        const setting = first !== undefined && key !== '' ? config.forFile(rule.id, first) : config.base(rule.id);
        if (setting.severity === 'off') continue;
        const run = executeRule(inputs, rule, group, setting.options);
        for (const item of run.diagnostics) result.diagnostics.push(item);
        for (const item of run.notes) result.notes.push(item);
        addTallies(result.tallies, run.tallies);
        take(run);
      }
    }
  }
  result.reads = [...reads];
  result.withDirectives = result.reads.filter((file) => repository.hasLoadedDirectives(file) === true);
  return result;
}
