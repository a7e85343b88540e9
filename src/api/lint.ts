import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GitopsTool, LoadedDescriptor, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import { repositoryRoot } from '../config/repository.js';
import { nameOptions, type OptionNamer, quote, UsageError } from '../errors.js';
import type { LintCacheLayer } from '../cache/cache-layer.js';
import { applyDirectives } from '../engine/apply-directives.js';
import { compareDiagnostics, type Diagnostic } from '../engine/diagnostic.js';
import { compareStrings, WorkingTreeSource, type ConfigurableSource, type FileSource } from '../engine/file-source.js';
import { fixUntilStable, mergedFix } from '../engine/fix-loop.js';
import { writeEach, writeFixedFiles, type FixWriter } from '../engine/fix-writer.js';
import { GitIndexSource } from '../engine/git-index-source.js';
import { runRules, type WorkerSetup } from '../engine/linter.js';
import { OverlaySource } from '../engine/overlay-source.js';
import { readDescriptor, readRepository } from '../engine/read.js';
import type { Repository } from '../engine/repository.js';
import { toLintResults, type LintResult } from '../engine/results.js';
import type { AnyRule } from '../engine/rule.js';
import type { RunStore } from '../engine/run-store.js';
import { RuleConfig } from '../engine/rule-config.js';
import {
  applySuppressions,
  countsWithCurrent,
  prunedCounts,
  tally,
  toRecord,
  type SuppressionCounts,
  type SuppressionOutcome,
} from '../engine/suppressions.js';
import {
  locateSuppressions,
  readSuppressions,
  updateSuppressions,
  type ReadSuppressions,
  type SuppressionsLocation,
} from '../engine/suppressions-file.js';
import { selectTargets } from '../engine/targets.js';
import { relativePosix } from '../files/paths.js';
import { MAX_CONFIG_FILE_BYTES } from '../files/read-regular.js';
import { openBaseRevision, type BaseRevision } from '../git/base-revision.js';
import { packageInfo } from '../package-info.js';

export { MAX_FIX_PASSES } from '../engine/fix-loop.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface LintOptions {
  /** Directory the command runs in; paths are relative to it. Defaults to process.cwd(). */
  cwd?: string;
  /** Files, directories or globs to lint; all files when empty. Repository-wide rules always run. */
  paths?: readonly string[];
  /** Apply fixes and write the fixed files. */
  fix?: boolean;
  /** Repository kind, overriding gitops.yaml (or standing in for a missing one). */
  kind?: RepositoryKind;
  tool?: GitopsTool;
  /**
   * How notices name an option of this call (`{{option:key}}` in their text): by its key, by
   * default; the CLI passes its flag names.
   */
  nameOption?: OptionNamer;
  /** A descriptor other than <root>/gitops.yaml. */
  configFile?: string;
  /** Rule settings on top of gitops.yaml's. */
  rules?: Record<string, RuleEntry>;
  /** The rules to run; all of gitops-init's by default. */
  ruleSet?: readonly AnyRule[];
  /**
   * Whether the report needs `rulesMeta` (default true). With false, a cached run over unchanged
   * files does not load the rules at all, and `rulesMeta` is empty when they were not loaded.
   */
  rulesMeta?: boolean;
  /**
   * Lint what the next commit records: the file list and contents of git's index. Per-file
   * rules look at the staged files only (those of them matching `paths`, when given);
   * repository rules see the whole index.
   */
  staged?: boolean;
  /** Reuse the results of earlier runs for unchanged files, and store this run's. */
  cache?: boolean;
  /** The cache file, or a directory for it (relative to cwd); see resolveCacheFile. */
  cacheLocation?: string;
  /** A git revision to compare with, for rules such as chart-version-bumped. */
  base?: string;
  /**
   * Threads for the per-file rules: a number (1 runs everything in this thread), or `auto`
   * (the default) for one per core once there are enough files to lint to pay for them.
   * The findings are the same either way.
   */
  concurrency?: number | 'auto';
  /**
   * Bulk suppressions, as ESLint's: set the suppressions file's count of every file and rule
   * with errors in this run to how many it has, so that they stop failing the run. Only errors
   * are counted; run with `fix` to fix what can be fixed first.
   */
  suppressAll?: boolean;
  /** As `suppressAll`, for these rules only. */
  suppressRules?: readonly string[];
  /** Lower the counts that exceed the errors found now, and drop those of files that are gone. */
  pruneSuppressions?: boolean;
  /** The suppressions file (relative to cwd, in the repository); gitops-init-suppressions.json in the root by default. */
  suppressionsLocation?: string;
  /** Unused suppressions are not a problem (`suppressions.problem` stays unset). */
  passOnUnprunedSuppressions?: boolean;
}

/** What the bulk suppressions did in a run. */
export interface SuppressionsSummary {
  /** Absolute path of the suppressions file (there may be none). */
  file: string;
  /** Whether this run wrote it (`suppressAll`, `suppressRules`, `pruneSuppressions`). */
  written: boolean;
  /** Counts above the errors this run found, by how much: file → rule id → `{ count }`, as ESLint's file. */
  unused: Record<string, Record<string, { count: number }>>;
  /**
   * One line saying that some suppressions no longer occur, unless `passOnUnprunedSuppressions`:
   * ESLint's exit 2.
   */
  problem?: string;
}

export interface LintReport {
  /** Absolute path of the repository root. */
  root: string;
  results: LintResult[];
  /** The findings that count: bulk-suppressed ones are in `suppressed` instead. */
  diagnostics: Diagnostic[];
  /** Errors the suppressions file accepts (each result's `suppressedMessages`). */
  suppressed: Diagnostic[];
  /** The bulk suppressions of the run; unset for a source other than a directory (the rule tester). */
  suppressions?: SuppressionsSummary;
  /** Repository-relative path of the descriptor, if one was found. */
  descriptorFile: string | undefined;
  kind: RepositoryKind | undefined;
  /** One-line notes for the user (not findings), e.g. that no descriptor was found. */
  notices: string[];
  rulesMeta: Record<string, AnyRule['meta']>;
  /** Repository-relative paths that --fix rewrote. */
  fixedFiles: string[];
  /** Absolute path of the cache file, when the cache was used. */
  cacheFile?: string;
  /** How many threads ran the per-file rules (1 unless `concurrency` allowed more and there were enough files). */
  threads: number;
}

/** The repository root: the closest directory with a descriptor, else with .git, else cwd. */
export function findRoot(cwd: string): string {
  return repositoryRoot(cwd);
}

/**
 * Lints a repository and returns ESLint-shaped results. Never prints and never exits: the
 * CLI turns the report into output and an exit code. Throws UsageError or ConfigError for
 * bad input; findings are data.
 */
export async function lint(options: LintOptions = {}): Promise<LintReport> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  let cwdStat;
  try {
    cwdStat = statSync(cwd);
  } catch {
    cwdStat = undefined;
  }
  if (!cwdStat?.isDirectory())
    throw new UsageError(`directory "${options.cwd ?? cwd}" does not exist; check {{option:cwd}}`);
  const root = findRoot(cwd);
  if (options.staged && options.fix) {
    throw new UsageError(
      '{{option:fix}} cannot be used with {{option:staged}}: fixes are written to the working tree, not the index; lint the working tree with {{option:fix}}, then stage the fixes with git add',
    );
  }
  const suppressions = openSuppressions(root, cwd, options);
  // With the cache, a staged run reads few files: nothing is read ahead.
  const source = options.staged
    ? await GitIndexSource.open(root, { readAhead: options.cache !== true })
    : new WorkingTreeSource(root);
  return lintSource(source, cwd, options, { suppressions });
}

/** The suppressions file of a run, as read before anything is linted. */
interface OpenedSuppressions {
  location: SuppressionsLocation;
  read: ReadSuppressions;
}

/** Checks the suppression options and reads the file, so that a bad file fails before the lint. */
function openSuppressions(root: string, cwd: string, options: LintOptions): OpenedSuppressions {
  const suppressRules = options.suppressRules ?? [];
  const together: [boolean, string][] = [
    [options.suppressAll === true && suppressRules.length > 0, '{{option:suppressAll}} and {{option:suppressRules}}'],
    [
      options.suppressAll === true && options.pruneSuppressions === true,
      '{{option:suppressAll}} and {{option:pruneSuppressions}}',
    ],
    [
      suppressRules.length > 0 && options.pruneSuppressions === true,
      '{{option:suppressRules}} and {{option:pruneSuppressions}}',
    ],
  ];
  for (const [clash, names] of together) {
    if (clash) throw new UsageError(`${names} cannot be used together (as in ESLint): run one, then the other`);
  }
  const location = locateSuppressions(root, cwd, options.suppressionsLocation);
  const read = readSuppressions(root, location);
  if (read.text === null && location.given && options.suppressAll !== true && suppressRules.length === 0) {
    throw new UsageError(
      `the suppressions file ${location.shown} ({{option:suppressionsLocation}}) does not exist; create it with {{option:suppressAll}} or {{option:suppressRules}}`,
    );
  }
  return { location, read };
}

/** One pass of the rules and directives stages over a repository as read (bulk suppressions come after the last). */
interface Pass {
  repository: Repository;
  diagnostics: Diagnostic[];
  notes: string[];
  threads: number;
}

/** What the descriptor and the options settle before anything is linted. */
interface RunSettings {
  loaded: LoadedDescriptor | undefined;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  /** The source with the descriptor's ignores and size limit. */
  source: FileSource;
  /** The same, under the fixes --fix makes. */
  overlay: OverlaySource;
  notices: string[];
}

/**
 * lint() over a given source (the working tree, git's index, or the rule tester's files in
 * memory): the pipeline's stages composed, with the lint cache around them when asked for.
 * `cwd` is where the given paths are relative to.
 */
export async function lintSource(
  unconfigured: ConfigurableSource,
  cwd: string,
  options: LintOptions = {},
  { writeFixed, suppressions }: { writeFixed?: FixWriter; suppressions?: OpenedSuppressions } = {},
): Promise<LintReport> {
  const { root } = unconfigured;
  const settings = settle(unconfigured, cwd, options);
  const { loaded, overlay, notices } = settings;
  const rules = new RuleLoader(options, loaded);
  // The settings are checked first, unless a cached run may do without the rules.
  if (!options.cache) await rules.config();
  if (suppressions) await checkSuppressRules(rules, options.suppressRules ?? []);
  const base =
    options.base === undefined ? undefined : await openBaseRevision(root, options.base, options.staged === true);
  // What changed since a base revision is not part of any file's content, so a cached result
  // could not tell that it is stale: --base runs without the cache.
  if (options.cache && base)
    notices.push('{{option:cache}} is not used with {{option:base}}: results depend on the base revision');
  const cache = options.cache && !base ? await openCache(cwd, root, settings, options) : undefined;
  const read = (): Promise<Repository> =>
    readRepository(overlay, {
      dependencies: cache !== undefined,
      ...(cache ? { exclude: cache.relativeFile, known: cache.known } : {}),
    });

  const first = await read();
  const selection = await selectTargets({
    cwd,
    source: overlay,
    files: first.files,
    paths: options.paths ?? [],
    // The staged files among those listed (the descriptor's ignores apply).
    ...(settings.source instanceof GitIndexSource ? { staged: await settings.source.stagedFiles() } : {}),
  });
  for (const item of selection.notices) notices.push(item);
  const { targets } = selection;
  const fix = options.fix === true;
  const snapshot = cache?.reuse(first, targets, fix);
  let next: Repository | undefined = first;
  const pass = async (): Promise<Pass> => {
    const repository = next ?? (await read());
    next = undefined;
    return lintPass(repository, targets, { settings, rules, base, options, store: cache?.store(fix) });
  };
  const outcome = snapshot
    ? {
        last: { repository: first, diagnostics: snapshot.diagnostics, notes: snapshot.notes, threads: 1 },
        fixedFiles: [],
        readContents: new Map<string, string | undefined>(),
      }
    : fix
      ? await fixUntilStable(overlay, pass)
      : { last: await pass(), fixedFiles: [], readContents: new Map<string, string | undefined>() };
  let { last } = outcome;
  const toWrite = outcome.fixedFiles.flatMap((file) => {
    const content = overlay.changes.get(file);
    return content === undefined ? [] : [{ file, content, readContent: outcome.readContents.get(file) }];
  });
  const { written: fixedFiles, changed } = writeFixed
    ? await writeEach(root, toWrite, writeFixed)
    : await writeFixedFiles(root, toWrite);
  if (changed.length > 0) {
    // A file edited during the run keeps the edit: its findings are those of the file as it is now.
    for (const file of changed) {
      overlay.changes.delete(file);
      notices.push(
        `${file} changed while gitops-init was fixing it: its fixes were not written and the change is kept; run {{option:fix}} again`,
      );
    }
    last = await pass();
  }
  for (const item of last.notes) notices.push(item);

  // The cache keeps the findings before suppressions: a changed suppressions file applies to them.
  const cacheNotice = await cache?.save({ ...last, fixed: fixedFiles.length > 0 });
  const bulk = suppressions
    ? await applyBulkSuppressions(last, { root, targets, rules, options, opened: suppressions })
    : undefined;
  const suppressed = bulk?.outcome ?? applySuppressions(last);
  for (const item of bulk?.notices ?? []) notices.push(item);
  if (cacheNotice !== undefined) notices.push(cacheNotice);
  const results = toResults(
    root,
    { repository: last.repository, ...suppressed },
    targets,
    overlay,
    fixedFiles,
    suppressions?.location.shown,
  );
  return {
    root,
    results,
    diagnostics: suppressed.diagnostics,
    suppressed: suppressed.suppressed,
    ...(bulk ? { suppressions: bulk.summary(options.nameOption) } : {}),
    descriptorFile: loaded?.file,
    kind: settings.kind,
    notices: notices.map((notice) => nameOptions(notice, options.nameOption)),
    rulesMeta: await rules.meta(options.rulesMeta !== false),
    fixedFiles,
    ...(cache ? { cacheFile: cache.file } : {}),
    threads: last.threads,
  };
}

/** Reads the descriptor through the source (so that --staged reads the staged one) and settles what it decides. */
function settle(unconfigured: ConfigurableSource, cwd: string, options: LintOptions): RunSettings {
  // Read under the descriptor's own limit: a huge gitops.yaml is refused before it is read.
  const loaded = readDescriptor(
    unconfigured.withOptions({ maxFileSize: MAX_CONFIG_FILE_BYTES }),
    cwd,
    options.configFile,
  );
  const descriptor = loaded?.descriptor;
  const kind = options.kind ?? descriptor?.kind;
  const notices: string[] = [];
  if (!kind) {
    notices.push(
      `No gitops.yaml in ${unconfigured.root}: only kind-independent rules ran. Add one with 'gitops-init new', or pass {{option:kind}} infrastructure|application.`,
    );
  }
  const source = unconfigured.withOptions({
    ignores: descriptor?.ignores ?? [],
    maxFileSize: descriptor?.linterOptions?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    versions: options.cache === true && options.base === undefined,
  });
  const overlay = new OverlaySource(source);
  // git lists the files in its own processes while this thread goes on; the listing is awaited
  // (and its failure reported) where the files are needed.
  void overlay.listFiles().catch(() => undefined);
  return { loaded, kind, tool: options.tool ?? descriptor?.tool, source, overlay, notices };
}

/**
 * The lint cache, keyed on everything besides the files that decides the results. It loads
 * only for a run that uses it.
 */
async function openCache(
  cwd: string,
  root: string,
  settings: RunSettings,
  options: LintOptions,
): Promise<LintCacheLayer> {
  const { builtinRulesDigest, LintCacheLayer } = await import('../cache/cache-layer.js');
  return LintCacheLayer.open(
    { cwd, root, cacheLocation: options.cacheLocation },
    {
      version: packageInfo().version,
      descriptor: settings.loaded?.descriptor,
      cliRules: options.rules ?? {},
      kind: settings.kind,
      tool: settings.tool,
      rules: options.ruleSet ?? builtinRulesDigest(),
    },
  );
}

/** The rules and directives stages over one reading of the repository. */
async function lintPass(
  repository: Repository,
  targets: readonly string[],
  run: {
    settings: RunSettings;
    rules: RuleLoader;
    base: BaseRevision | undefined;
    options: LintOptions;
    store: RunStore | undefined;
  },
): Promise<Pass> {
  const { settings, rules, base, options, store } = run;
  const descriptor = settings.loaded?.descriptor;
  const ruleSet = await rules.load();
  const found = await runRules({
    repository,
    rules: ruleSet,
    config: await rules.config(),
    descriptor,
    kind: settings.kind,
    tool: settings.tool,
    targetFiles: targets,
    ...(base ? { base } : {}),
    ...(store ? { store } : {}),
    concurrency: options.concurrency ?? 'auto',
    ...rules.workerSetup(ruleSet, base),
  });
  const directed = applyDirectives(found, {
    repository,
    targetFiles: targets,
    ruleIds: new Set(ruleSet.map((rule) => rule.id)),
    reportUnusedDisableDirectives: descriptor?.linterOptions?.reportUnusedDisableDirectives ?? 'warn',
  });
  // Bulk suppressions apply after the fix loop, to the last pass: fixes are made to every finding,
  // and the cache keeps what the rules found, before suppressions.
  const diagnostics = directed.diagnostics.sort(compareDiagnostics);
  return { repository, diagnostics, notes: directed.notes, threads: found.threads };
}

/** Unknown ids in {{option:suppressRules}} are a usage error, before anything is linted. */
async function checkSuppressRules(rules: RuleLoader, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await rules.load()).map((rule) => rule.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `{{option:suppressRules}} ${unknown.map(quote).join(', ')}: no such rule; run 'gitops-init rules' for the list`,
    );
  }
}

/** How many unused suppressions a problem line names. */
const UNUSED_IN_PROBLEM = 3;

/**
 * The suppressions stage with the suppressions file: `suppressAll`/`suppressRules` and
 * `pruneSuppressions` rewrite it first (under the repository lock), then the counts set the
 * accepted errors aside, as ESLint does after it has linted and fixed.
 */
async function applyBulkSuppressions(
  last: Pass,
  run: {
    root: string;
    targets: readonly string[];
    rules: RuleLoader;
    options: LintOptions;
    opened: OpenedSuppressions;
  },
): Promise<{
  outcome: SuppressionOutcome;
  notices: string[];
  summary(nameOption: OptionNamer | undefined): SuppressionsSummary;
}> {
  const { root, targets, rules, options, opened } = run;
  const { location } = opened;
  let judge: ((file: string, ruleId: string) => boolean) | undefined;
  const isJudged = async (): Promise<(file: string, ruleId: string) => boolean> =>
    (judge ??= await judgedBy(last.repository, targets, rules));
  const suppressRules = options.suppressRules ?? [];
  let counts: SuppressionCounts = opened.read.counts;
  let written = false;
  const notices: string[] = [];
  if (options.suppressAll === true || suppressRules.length > 0) {
    const only = suppressRules.length > 0 ? new Set(suppressRules) : undefined;
    ({ counts, written } = await updateSuppressions(
      root,
      location,
      (read) => countsWithCurrent(read.counts, last.diagnostics, only),
      // Nothing to record and no file: none is made, unless one was named (later runs expect it).
      { createEmpty: location.given },
    ));
  } else if (options.pruneSuppressions === true) {
    const judged = await isJudged();
    const exists = (file: string): boolean => last.repository.hasFile(file) || existsOnDisk(root, file);
    ({ counts, written } = await updateSuppressions(
      root,
      location,
      (read) =>
        prunedCounts(read.counts, applySuppressions(last, { counts: read.counts, isJudged: judged }).unused, {
          isJudged: judged,
          exists,
        }),
      { createEmpty: false },
    ));
  }
  const outcome = applySuppressions(last, counts.size > 0 ? { counts, isJudged: await isJudged() } : undefined);
  if (written) {
    const { errors, files } = tally(counts);
    notices.push(
      `${location.shown} ${options.pruneSuppressions === true ? 'pruned' : 'written'}: it suppresses ${errors === 0 ? 'no errors' : `${errors} ${errors === 1 ? 'error' : 'errors'} in ${files} ${files === 1 ? 'file' : 'files'}`}; commit it with the changes`,
    );
  }
  const unused = outcome.unused;
  return {
    outcome,
    notices,
    summary: (nameOption) => ({
      file: location.file,
      written,
      unused: toRecord(unused),
      ...(unused.size > 0 && options.passOnUnprunedSuppressions !== true
        ? { problem: nameOptions(unusedProblem(location.shown, unused), nameOption) }
        : {}),
    }),
  };
}

/** ESLint's "There are suppressions left that do not occur anymore", naming a few. */
function unusedProblem(shown: string, unused: SuppressionCounts): string {
  const entries = [...unused]
    .sort(([a], [b]) => compareStrings(a, b))
    .flatMap(([file, rules]) =>
      [...rules].sort(([a], [b]) => compareStrings(a, b)).map(([ruleId, count]) => `${file} ${ruleId} (${count})`),
    );
  const named = entries.slice(0, UNUSED_IN_PROBLEM).join(', ');
  const more = entries.length > UNUSED_IN_PROBLEM ? ` and ${entries.length - UNUSED_IN_PROBLEM} more` : '';
  const { errors } = tally(unused);
  return `${shown} suppresses ${errors} ${errors === 1 ? 'error that does' : 'errors that do'} not occur anymore: ${named}${more}; remove ${errors === 1 ? 'it' : 'them'} with {{option:pruneSuppressions}}, or pass {{option:passOnUnprunedSuppressions}} to ignore unused suppressions`;
}

/**
 * Which files and rules the run judged. A run over every file judges all of them; one over some
 * (paths, `--staged`) judges every rule over its target files, and repository rules (which see
 * every file) over all files. A rule the run does not know counts as judged: its entries are unused.
 */
async function judgedBy(
  repository: Repository,
  targets: readonly string[],
  rules: RuleLoader,
): Promise<(file: string, ruleId: string) => boolean> {
  if (targets.length >= repository.files.length) return () => true;
  const targetSet = new Set(targets);
  const scopes = new Map((await rules.load()).map((rule) => [rule.id, rule.meta.scope]));
  return (file, ruleId) => targetSet.has(file) || scopes.get(ruleId) !== 'file';
}

/** Whether anything (a dangling link included) is at a repository-relative path in the working tree. */
function existsOnDisk(root: string, file: string): boolean {
  try {
    lstatSync(path.join(root, ...file.split('/')));
    return true;
  } catch {
    return false;
  }
}

/** The results stage: ESLint-shaped results, with each fix as one replacement and --fix's output. */
function toResults(
  root: string,
  { repository, diagnostics, suppressed }: Pick<Pass, 'repository' | 'diagnostics'> & { suppressed: Diagnostic[] },
  targets: readonly string[],
  overlay: OverlaySource,
  fixedFiles: readonly string[],
  suppressionsFile: string | undefined,
): LintResult[] {
  const fixes = new Map<Diagnostic, { range: [number, number]; text: string }>();
  for (const diagnostic of suppressed.length > 0 ? [...diagnostics, ...suppressed] : diagnostics) {
    if (!diagnostic.fix || (diagnostic.fix.file ?? diagnostic.file) !== diagnostic.file) continue;
    const merged = mergedFix(
      repository.hasFile(diagnostic.file) ? repository.text(diagnostic.file) : '',
      diagnostic.fix.edits,
    );
    if (merged) fixes.set(diagnostic, merged);
  }
  const results = toLintResults(
    root,
    diagnostics,
    fixes,
    targets,
    suppressionsFile === undefined ? undefined : { diagnostics: suppressed, file: suppressionsFile },
  );
  const fixed = new Set(fixedFiles);
  for (const result of fixed.size > 0 ? results : []) {
    const relative = relativePosix(root, result.filePath);
    const output = fixed.has(relative) ? overlay.changes.get(relative) : undefined;
    if (output !== undefined) result.output = output;
  }
  return results;
}

/**
 * The run's rules, loaded when rules run: a cached run over unchanged files does without
 * gitops-init's own (its cache key has a digest of their source files instead).
 */
class RuleLoader {
  readonly #options: LintOptions;
  readonly #loaded: LoadedDescriptor | undefined;
  #builtin: readonly AnyRule[] | undefined;
  #config: RuleConfig | undefined;

  constructor(options: LintOptions, loaded: LoadedDescriptor | undefined) {
    this.#options = options;
    this.#loaded = loaded;
  }

  async load(): Promise<readonly AnyRule[]> {
    return this.#options.ruleSet ?? (this.#builtin ??= (await import('../../rules/index.js')).rules);
  }

  /**
   * The rule settings, checked: a snapshot is only ever stored by a run that got past this
   * check with the same descriptor, --rule settings and rules (all in the cache key).
   */
  async config(): Promise<RuleConfig> {
    this.#config ??= new RuleConfig(
      new Map((await this.load()).map((rule) => [rule.id, rule])),
      this.#loaded,
      this.#options.rules,
    );
    return this.#config;
  }

  /** Worker threads load gitops-init's own rules; other rule sets run in this thread. */
  workerSetup(ruleSet: readonly AnyRule[], base: BaseRevision | undefined): { workerSetup?: WorkerSetup } {
    if (this.#builtin === undefined || ruleSet !== this.#builtin) return {};
    const options = this.#options;
    return {
      workerSetup: {
        descriptorFile: this.#loaded?.file,
        cliRules: options.rules ?? {},
        base: base && options.base !== undefined ? { ref: options.base, staged: options.staged === true } : undefined,
      },
    };
  }

  /** The rules' metadata for the report; empty when `wanted` is false and the rules were not loaded. */
  async meta(wanted: boolean): Promise<Record<string, AnyRule['meta']>> {
    const rulesMeta: Record<string, AnyRule['meta']> = {};
    const rules = this.#options.ruleSet ?? this.#builtin ?? (wanted ? await this.load() : []);
    for (const rule of rules) rulesMeta[rule.id] = rule.meta;
    return rulesMeta;
  }
}
