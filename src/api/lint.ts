import { statSync } from 'node:fs';
import path from 'node:path';
import type { GitopsTool, LoadedDescriptor, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import { repositoryRoot } from '../config/repository.js';
import { nameOptions, type OptionNamer, UsageError } from '../errors.js';
import type { LintCacheLayer } from '../cache/cache-layer.js';
import { applyDirectives } from '../engine/apply-directives.js';
import type { Diagnostic } from '../engine/diagnostic.js';
import { WorkingTreeSource, type ConfigurableSource, type FileSource } from '../engine/file-source.js';
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
import { applySuppressions } from '../engine/suppressions.js';
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
}

export interface LintReport {
  /** Absolute path of the repository root. */
  root: string;
  results: LintResult[];
  diagnostics: Diagnostic[];
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
  // With the cache, a staged run reads few files: nothing is read ahead.
  const source = options.staged
    ? await GitIndexSource.open(root, { readAhead: options.cache !== true })
    : new WorkingTreeSource(root);
  return lintSource(source, cwd, options);
}

/** One pass of the rules, directives and suppressions stages over a repository as read. */
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
  { writeFixed }: { writeFixed?: FixWriter } = {},
): Promise<LintReport> {
  const { root } = unconfigured;
  const settings = settle(unconfigured, cwd, options);
  const { loaded, overlay, notices } = settings;
  const rules = new RuleLoader(options, loaded);
  // The settings are checked first, unless a cached run may do without the rules.
  if (!options.cache) await rules.config();
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

  const results = toResults(root, last, targets, overlay, fixedFiles);
  const cacheNotice = await cache?.save({ ...last, fixed: fixedFiles.length > 0 });
  if (cacheNotice !== undefined) notices.push(cacheNotice);
  return {
    root,
    results,
    diagnostics: last.diagnostics,
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

/** The rules, directives and suppressions stages over one reading of the repository. */
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
  const { diagnostics, notes } = applySuppressions(directed);
  return { repository, diagnostics, notes, threads: found.threads };
}

/** The results stage: ESLint-shaped results, with each fix as one replacement and --fix's output. */
function toResults(
  root: string,
  { repository, diagnostics }: Pick<Pass, 'repository' | 'diagnostics'>,
  targets: readonly string[],
  overlay: OverlaySource,
  fixedFiles: readonly string[],
): LintResult[] {
  const fixes = new Map<Diagnostic, { range: [number, number]; text: string }>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fix || (diagnostic.fix.file ?? diagnostic.file) !== diagnostic.file) continue;
    const merged = mergedFix(
      repository.hasFile(diagnostic.file) ? repository.text(diagnostic.file) : '',
      diagnostic.fix.edits,
    );
    if (merged) fixes.set(diagnostic, merged);
  }
  const results = toLintResults(root, diagnostics, fixes, targets);
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
