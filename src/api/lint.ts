import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import {
  DESCRIPTOR_FILES,
  parseDescriptor,
  type GitopsTool,
  type LoadedDescriptor,
  type RepositoryKind,
  type RuleEntry,
} from '../config/descriptor.js';
import { RuleConfig } from '../config/rule-config.js';
import { ConfigError, UsageError } from '../errors.js';
import { lintCacheKey, LintCache, resolveCacheFile } from '../cache/lint-cache.js';
import { WorkingTreeSource, type FileSource } from '../engine/file-source.js';
import { GitIndexSource } from '../engine/git-index-source.js';
import { readKnownPaths } from '../git/index-entries.js';
import { packageInfo } from '../package-info.js';
import { runRules, type Diagnostic } from '../engine/linter.js';
import { openBaseRevision } from '../git/base-revision.js';
import { repositoryRoot } from '../config/repository.js';
import { OverlaySource } from '../engine/overlay-source.js';
import { Repository } from '../engine/repository.js';
import { toLintResults, type LintResult } from '../engine/results.js';
import type { AnyRule, TextEdit } from '../engine/rule.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { parseYamlFile, type FileReadFailure } from '../manifests/yaml-file.js';
import { relativePosix } from '../files/paths.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
/** How many times --fix re-lints its own output before it stops. */
export const MAX_FIX_PASSES = 10;

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

/** Reads a descriptor outside the repository (a --config elsewhere) from disk. */
function readOutside(file: string): Buffer | FileReadFailure {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT'
      ? { reason: 'missing', detail: 'it does not exist' }
      : { reason: 'unreadable', detail: `it cannot be read (${code})` };
  }
}

/** Reads the descriptor through the file source, so that --staged reads the staged one. */
function loadDescriptor(
  source: FileSource,
  root: string,
  configFile: string | undefined,
  cwd: string,
): LoadedDescriptor | undefined {
  const candidates = configFile
    ? [path.resolve(cwd, configFile)]
    : DESCRIPTOR_FILES.map((name) => path.join(root, name));
  for (const candidate of candidates) {
    const relative = relativePosix(root, candidate);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    const bytes = inside ? source.readBytes(relative) : readOutside(candidate);
    if (!Buffer.isBuffer(bytes)) {
      if (bytes.reason === 'missing' && !configFile) continue;
      if (bytes.reason === 'missing')
        throw new UsageError(`{{option:configFile}} "${configFile}": file not found; give the path of a gitops.yaml`);
      throw new ConfigError(
        `${path.relative(cwd, candidate) || candidate} cannot be read (${bytes.detail.split(';')[0] ?? bytes.reason}); check its permissions`,
      );
    }
    return parseDescriptor(inside ? relative : candidate, bytes.toString('utf8'));
  }
  return undefined;
}

/** At most this many names in one notice line. */
const NAMES_IN_NOTICE = 5;

function nameList(files: readonly string[]): string {
  const shown = files.slice(0, NAMES_IN_NOTICE).join(', ');
  return files.length > NAMES_IN_NOTICE ? `${shown} and ${files.length - NAMES_IN_NOTICE} more` : shown;
}

/** The staged files that the given paths (files, directories or globs, as in the index) select. */
function selectStaged(cwd: string, root: string, staged: readonly string[], paths: readonly string[]): string[] {
  if (paths.length === 0) return [...staged];
  const cwdPrefix = relativePosix(root, cwd);
  const matchers = paths.map((given) => {
    const relative = relativePosix(root, path.resolve(cwd, given));
    if (picomatch.scan(given).isGlob)
      return picomatch(cwdPrefix === '' ? given : `${cwdPrefix}/${given}`, { dot: true });
    return (file: string) => relative === '' || file === relative || file.startsWith(`${relative}/`);
  });
  return staged.filter((file) => matchers.some((matches) => matches(file)));
}

async function selectTargets(
  cwd: string,
  root: string,
  files: readonly string[],
  paths: readonly string[],
  notices: string[],
): Promise<string[]> {
  if (paths.length === 0) return [...files];
  const selected = new Set<string>();
  const fileSet = new Set(files);
  const ignored: string[] = [];
  const missing: { given: string; relative: string }[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const relative = relativePosix(root, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UsageError(
        `path "${given}" is outside the repository ${root}; run gitops-init in that repository or pass -C <dir>`,
      );
    }
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const prefix = relative === '' ? '' : `${relative}/`;
      for (const file of files) if (file.startsWith(prefix)) selected.add(file);
    } else if (stat) {
      if (fileSet.has(relative)) selected.add(relative);
      else ignored.push(relative);
    } else if (picomatch.scan(given).isGlob) {
      const cwdPrefix = relativePosix(root, cwd);
      const pattern = cwdPrefix === '' ? given : `${cwdPrefix}/${given}`;
      const matches = picomatch(pattern, { dot: true });
      const before = selected.size;
      for (const file of files) if (matches(file)) selected.add(file);
      if (selected.size === before)
        throw new UsageError(`no files match the pattern "${given}"; check the glob or quote it for your shell`);
    } else {
      missing.push({ given, relative });
    }
  }
  if (ignored.length > 0)
    notices.push(`ignored (by .gitignore or ignores in gitops.yaml), not linted: ${nameList(ignored)}`);
  if (missing.length > 0) {
    // A file that git knows but the working tree does not is a deletion (as the pre-commit
    // framework or lint-staged may name); anything else is a mistake.
    const known = await readKnownPaths(root);
    const unknown = missing.find(({ relative }) => !known?.has(relative));
    if (unknown)
      throw new UsageError(`path "${unknown.given}" does not exist; give an existing file or directory, or a glob`);
    notices.push(`deleted, not linted: ${nameList(missing.map(({ relative }) => relative))}`);
  }
  return [...selected].sort();
}

/** Applies non-overlapping edits, earliest first; an edit overlapping an earlier one waits for the next pass. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.range[0] < position) continue;
    output += text.slice(position, edit.range[0]) + edit.text;
    position = edit.range[1];
  }
  return output + text.slice(position);
}

function parses(file: string, text: string, repository: Repository): boolean {
  if (!repository.isYamlFile(file) && !/\.ya?ml$/i.test(file)) return true;
  const parsed = parseYamlFile(file, text);
  return parsed.errors.length === 0;
}

/** ESLint's `fix` on a message: the edits of one file merged into one replacement. */
function mergedFix(
  text: string | undefined,
  edits: readonly TextEdit[],
): { range: [number, number]; text: string } | undefined {
  if (text === undefined || edits.length === 0) return undefined;
  const start = Math.min(...edits.map((edit) => edit.range[0]));
  const end = Math.max(...edits.map((edit) => edit.range[1]));
  const shifted = edits.map((edit) => ({
    range: [edit.range[0] - start, edit.range[1] - start] as const,
    text: edit.text,
  }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}

let rulesDigest: string | undefined;

/**
 * A digest of gitops-init's own rules as installed: the names and contents of the files in
 * rules/ (a rule's module holds its metadata, options and checks). It stands for the rules in
 * the cache key without loading them.
 */
function builtinRulesDigest(): string {
  if (rulesDigest === undefined) {
    const directory = fileURLToPath(new URL('../../rules/', import.meta.url));
    const hash = createHash('sha1');
    for (const name of readdirSync(directory)
      .filter((entry) => /\.(js|ts)$/.test(entry) && !entry.endsWith('.d.ts'))
      .sort()) {
      hash
        .update(`${name}\0`)
        .update(readFileSync(path.join(directory, name)))
        .update('\0');
    }
    rulesDigest = hash.digest('base64url');
  }
  return rulesDigest;
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
  if (!cwdStat?.isDirectory()) throw new UsageError(`directory "${options.cwd ?? cwd}" does not exist; check -C/--cwd`);
  const root = findRoot(cwd);
  if (options.staged && options.fix) {
    throw new UsageError(
      '--fix cannot be used with --staged: fixes are written to the working tree, not the index; run gitops-init lint --fix, then git add',
    );
  }
  const notices: string[] = [];
  // With the cache, a staged run reads few files: nothing is read ahead.
  const unconfigured = options.staged
    ? await GitIndexSource.open(root, { readAhead: options.cache !== true })
    : new WorkingTreeSource(root);
  const loaded = loadDescriptor(unconfigured, root, options.configFile, cwd);
  const descriptor = loaded?.descriptor;
  const kind = options.kind ?? descriptor?.kind;
  const tool = options.tool ?? descriptor?.tool;
  if (!kind) {
    notices.push(
      `No gitops.yaml in ${root}: only kind-independent rules ran. Add one with 'gitops-init new', or pass --kind infrastructure|application.`,
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
  // gitops-init's own rules are loaded when rules run: a cached run over unchanged files does
  // without them (its cache key has a digest of their source files instead).
  let builtinRules: readonly AnyRule[] | undefined;
  const loadRules = async (): Promise<readonly AnyRule[]> =>
    options.ruleSet ?? (builtinRules ??= (await import('../../rules/index.js')).rules);
  let config: RuleConfig | undefined;
  const configure = async (): Promise<RuleConfig> => {
    // The settings are checked here: a snapshot is only ever stored by a run that got past this
    // check with the same descriptor, --rule settings and rules (all in the cache key).
    config ??= new RuleConfig(new Map((await loadRules()).map((rule) => [rule.id, rule])), loaded, options.rules);
    return config;
  };
  if (!options.cache) await configure();
  const base =
    options.base === undefined ? undefined : await openBaseRevision(root, options.base, options.staged === true);
  let cache: LintCache | undefined;
  let cacheRelative: string | undefined;
  // What changed since a base revision is not part of any file's content, so a cached result
  // could not tell that it is stale: --base runs without the cache.
  if (options.cache && base) notices.push('--cache is not used with --base: results depend on the base revision');
  if (options.cache && !base) {
    const file = resolveCacheFile(cwd, root, options.cacheLocation);
    const key = lintCacheKey({
      version: packageInfo().version,
      descriptor,
      cliRules: options.rules ?? {},
      kind,
      tool,
      rules: options.ruleSet ?? builtinRulesDigest(),
    });
    cache = LintCache.load(file, key);
    cacheRelative = relativePosix(root, file);
  }
  const reportUnused = descriptor?.linterOptions?.reportUnusedDisableDirectives ?? 'warn';

  let repository!: Repository;
  let diagnostics: Diagnostic[] = [];
  let targets: string[] = [];
  const fixedFiles = new Set<string>();
  let notes: string[] = [];
  let snapshotInputs: string | undefined;
  let reusedSnapshot = false;
  const stats = { threads: 1 };
  for (let pass = 0; pass < (options.fix ? MAX_FIX_PASSES : 1); pass += 1) {
    const listed = await overlay.listFiles();
    // What the source reads ahead (the index's YAML files with --staged) is in before rules read synchronously.
    await overlay.prepare();
    // The cache file is the tool's, never the repository's content.
    const files = cacheRelative === undefined ? listed : listed.filter((file) => file !== cacheRelative);
    repository = new Repository(overlay, files, {
      dependencies: cache !== undefined,
      ...(cache ? { known: cache } : {}),
    });
    if (pass === 0) {
      targets =
        source instanceof GitIndexSource
          ? selectStaged(cwd, root, await source.stagedFiles(), options.paths ?? [])
          : await selectTargets(cwd, root, files, options.paths ?? [], notices);
    }
    // Only the last pass's notes count: they describe the files as they end up.
    notes = [];
    // A run over the same files, unchanged since the last run, has the last run's outcome.
    snapshotInputs = cache && !options.fix ? runInputsDigest(repository, targets) : undefined;
    const snapshot = snapshotInputs === undefined ? undefined : cache?.snapshot(snapshotInputs);
    if (snapshot) {
      diagnostics = snapshot.diagnostics;
      notes.push(...snapshot.notes);
      reusedSnapshot = true;
      break;
    }
    const ruleSet = await loadRules();
    diagnostics = await runRules({
      repository,
      rules: ruleSet,
      config: await configure(),
      descriptor,
      kind,
      tool,
      targetFiles: targets,
      reportUnusedDisableDirectives: reportUnused,
      notes,
      ...(base ? { base } : {}),
      // --fix re-lints changed content: it stores its last pass, but reuses nothing.
      ...(cache ? { cache: options.fix ? cache.writer() : cache } : {}),
      concurrency: options.concurrency ?? 'auto',
      stats,
      // Worker threads load gitops-init's own rules; other rule sets run in this thread.
      ...(builtinRules !== undefined && ruleSet === builtinRules
        ? {
            workerSetup: {
              descriptorFile: loaded?.file,
              cliRules: options.rules ?? {},
              base: options.base === undefined ? undefined : { ref: options.base, staged: options.staged === true },
            },
          }
        : {}),
    });
    if (!options.fix) break;
    const editsByFile = new Map<string, TextEdit[]>();
    for (const diagnostic of diagnostics) {
      if (!diagnostic.fix) continue;
      const file = diagnostic.fix.file ?? diagnostic.file;
      const list = editsByFile.get(file) ?? [];
      // One finding's edits go in together or wait for the next pass.
      const overlaps = diagnostic.fix.edits.some((edit) =>
        list.some((other) => edit.range[0] < other.range[1] && other.range[0] < edit.range[1]),
      );
      if (!overlaps) list.push(...diagnostic.fix.edits);
      editsByFile.set(file, list);
    }
    let changed = false;
    for (const [file, edits] of editsByFile) {
      const exists = repository.hasFile(file);
      const before = exists ? repository.text(file) : '';
      // Never rewrite a file that cannot be read or does not parse.
      if (before === undefined || (exists && !parses(file, before, repository))) continue;
      const after = applyEdits(before, edits);
      if (after === before || !parses(file, after, repository)) continue;
      overlay.changes.set(file, after);
      fixedFiles.add(file);
      changed = true;
    }
    if (!changed) break;
  }
  for (const file of [...fixedFiles].sort()) {
    const content = overlay.changes.get(file);
    if (content !== undefined)
      await writeFileAtomically(path.join(root, ...file.split('/')), content, { mode: modeOf(path.join(root, file)) });
  }

  notices.push(...notes);
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
  for (const result of fixedFiles.size > 0 ? results : []) {
    const relative = relativePosix(root, result.filePath);
    const output = fixedFiles.has(relative) ? overlay.changes.get(relative) : undefined;
    if (output !== undefined) result.output = output;
  }
  if (cache && !reusedSnapshot) {
    cache.setSnapshot(
      snapshotInputs === undefined || fixedFiles.size > 0 ? undefined : { inputs: snapshotInputs, diagnostics, notes },
    );
    cache.setFacts(repository.learnt());
    cache.prune(new Set(repository.files));
    try {
      await cache.save();
    } catch (error) {
      notices.push(
        `the cache file ${cache.file} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); results were not cached`,
      );
    }
  }
  const rulesMeta: Record<string, AnyRule['meta']> = {};
  const metaOf = options.ruleSet ?? builtinRules ?? (options.rulesMeta === false ? [] : await loadRules());
  for (const rule of metaOf) rulesMeta[rule.id] = rule.meta;
  return {
    root,
    results,
    diagnostics,
    descriptorFile: loaded?.file,
    kind,
    notices,
    rulesMeta,
    fixedFiles: [...fixedFiles].sort(),
    ...(cache ? { cacheFile: cache.file } : {}),
    threads: stats.threads,
  };
}

/**
 * A digest of everything a run's outcome depends on besides the configuration (which keys the
 * cache): the file list, the target files and what identifies every file's content (its
 * version, taken before it is read, or the hash of a file that changed too recently).
 */
function runInputsDigest(repository: Repository, targets: readonly string[]): string {
  const hash = createHash('sha1');
  hash.update(targets.join('\0')).update('\0\0');
  for (const file of repository.files) hash.update(file).update('\0').update(repository.identity(file)).update('\0');
  return hash.digest('base64url');
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}
