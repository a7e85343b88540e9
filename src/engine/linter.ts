import { availableParallelism } from 'node:os';
import type { Descriptor, GitopsTool, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import type { BaseRevision } from '../git/base-revision.js';
import type { Diagnostic } from './diagnostic.js';
import { compareStrings } from './file-source.js';
import { Fingerprints } from './fingerprints.js';
import { contentsFile, encodeQuery, searchOf, type QueryKey } from './queries.js';
import type { Repository } from './repository.js';
import type { RuleConfig } from './rule-config.js';
import type { AnyRule } from './rule.js';
import { executeRule, interpolate, lintChunk, type ChunkResult, type RunInputs } from './rule-runner.js';
import type { RunStore, StoredRun } from './run-store.js';
import { addTallies, type Tallies } from './tallies.js';
import { byRulesPays, canStartWorkers, CHUNK_SIZE, claimChunk, startWorkers, type TextWork } from './worker-pool.js';

// The public API's Diagnostic type has always been exported from here (src/index.ts).
export type { Diagnostic } from './diagnostic.js';

/** The rules stage's input: the repository as read, the rules and their settings, the files to lint. */
export interface LinterOptions {
  repository: Repository;
  rules: readonly AnyRule[];
  config: RuleConfig;
  descriptor: Descriptor | undefined;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  /** The files this run lints. */
  targetFiles: readonly string[];
  /** Results of earlier runs to reuse, and where this run's go (the lint cache; absent without it). */
  store?: RunStore;
  /** The revision given with `--base`. */
  base?: BaseRevision;
  /**
   * Threads for the file-scope rules, this one included: a number, or `auto` for one per core
   * once there are enough files to lint and work in them to pay for starting them. Default 1.
   */
  concurrency?: number | 'auto';
  /**
   * What worker threads need to rebuild this run. Without it (rules other than gitops-init's
   * own, or a source that cannot be opened again, such as git's index) everything runs here.
   */
  workerSetup?: WorkerSetup;
}

/** The rules stage's output: what the rules found, before inline directives. */
export interface RuleFindings {
  /** In no particular order. */
  diagnostics: Diagnostic[];
  /** Files whose contents the rules looked at: only their unused directives are reported. */
  readFiles: ReadonlySet<string>;
  /** The rules' notes (`context.note` and `context.tally`), prefixed with the rule id, without repeats. */
  notes: string[];
  /** How many threads linted the files. */
  threads: number;
}

/** The parts of a run that worker threads rebuild from plain data. */
export interface WorkerSetup {
  descriptorFile: string | undefined;
  cliRules: Record<string, RuleEntry>;
  base: { ref: string; staged: boolean } | undefined;
}

/** With `concurrency: 'auto'`, fewer files to lint than this are linted in one thread: starting workers would cost more. */
export const AUTO_PARALLEL_MIN_FILES = 2500;
/** From this many files to lint, worker threads lint them all and this thread only runs the repository rules. */
export const WORKERS_ONLY_FROM_FILES = 25_000;
/** How many keys a tallied note names before it says "and N more". */
export const TALLY_KEYS_SHOWN = 5;

/**
 * The rules stage: runs rules over a repository and returns their findings, before inline
 * directives. Does no file I/O of its own: contents come from the Repository, which reads
 * through its FileSource.
 *
 * Repository rules run once, here. File-scope rules run on the target files a chunk at a
 * time, each chunk's values and documents dropped once its rules have run (texts stay for the
 * run); with `concurrency`, worker threads share the work (see lintInChunks) while this thread
 * runs the repository rules. The findings and notes are the same in one thread and in several.
 */
export async function runRules(options: LinterOptions): Promise<RuleFindings> {
  const { repository, config, store } = options;
  const inputs: RunInputs = {
    repository,
    config,
    descriptor: options.descriptor,
    kind: options.kind,
    tool: options.tool,
    base: options.base,
    targetFiles: options.targetFiles,
  };
  const fingerprints = store ? new Fingerprints(repository, options.targetFiles) : undefined;
  const holds = (run: StoredRun): boolean => fingerprints?.holds(run) === true;

  /** Files whose contents the rules looked at: only their unused directives are reported. */
  const readFiles = new Set<string>();
  const searched = new Set<string>();
  const noteReads = (queries: Iterable<string>): void => {
    for (const query of queries) {
      const file = contentsFile(query);
      if (file !== undefined) {
        readFiles.add(file);
      } else if (searchOf(query) !== undefined && !searched.has(query)) {
        // Many runs share a search: its files are counted once.
        searched.add(query);
        for (const matched of repository.filesRead(query as QueryKey)) readFiles.add(matched);
      }
    }
  };
  const diagnostics: Diagnostic[] = [];
  const tallies: Tallies = {};
  const repositoryNotes: string[] = [];

  const applies = (rule: AnyRule): boolean =>
    !rule.meta.kinds || (options.kind !== undefined && rule.meta.kinds.includes(options.kind));
  const fileRules = options.rules.filter((rule) => rule.meta.scope === 'file' && applies(rule));
  const repositoryRules = options.rules.filter((rule) => rule.meta.scope === 'repository' && applies(rule));

  // Each target file's stored run, reused when it still holds; the others are linted.
  const storedByFile = new Map<string, StoredRun>();
  let toLint = options.targetFiles;
  if (store) {
    toLint = [];
    for (const file of options.targetFiles) {
      const stored = store.get({ scope: 'file', file });
      if (stored && holds(stored)) storedByFile.set(file, stored);
      else (toLint as string[]).push(file);
    }
  }

  // Repository rules run once, and each finding takes its file's severity.
  const runRepositoryRules = (): void => {
    for (const rule of repositoryRules) {
      const setting = config.base(rule.id);
      if (setting.severity === 'off' && !hasOverrideTurningOn(rule.id, options)) continue;
      const key = { scope: 'rule', ruleId: rule.id } as const;
      // A rule that checks only what a commit can affect (--staged) finds a part of what a full
      // run finds: it neither reuses nor stores a whole run's result. It reads a few files.
      const isScoped = rule.meta.checks !== undefined && repository.source.change?.() !== undefined;
      const stored = isScoped ? undefined : store?.get(key);
      if (stored && holds(stored)) {
        noteReads(Object.keys(stored.dependencies));
        for (const item of stored.diagnostics) diagnostics.push(item);
        for (const item of stored.notes ?? []) repositoryNotes.push(item);
        addTallies(tallies, stored.tallies);
        continue;
      }
      const run = executeRule(inputs, rule, options.targetFiles, setting.options);
      noteReads(run.queries);
      if (store && fingerprints && !isScoped) {
        store.set(key, {
          dependencies: fingerprints.dependencies(run.queries),
          diagnostics: run.diagnostics,
          ...(run.notes.length > 0 ? { notes: run.notes } : {}),
          ...(Object.keys(run.tallies).length > 0 ? { tallies: run.tallies } : {}),
        });
      }
      for (const item of run.diagnostics) diagnostics.push(item);
      for (const item of run.notes) repositoryNotes.push(item);
      addTallies(tallies, run.tallies);
    }
  };

  const { chunks, threads } = await lintInChunks(options, inputs, fileRules, toLint, fingerprints, runRepositoryRules);
  const fileNotes: string[] = [];
  for (const chunk of chunks) {
    for (const item of chunk.diagnostics) diagnostics.push(item);
    if (!store) {
      for (const item of chunk.notes) fileNotes.push(item);
    }
    addTallies(tallies, chunk.tallies);
    for (const file of chunk.reads) readFiles.add(file);
    const withDirectives = new Set(chunk.withDirectives);
    // Whether the files read (possibly by another thread) have directives, for the directives stage.
    for (const file of chunk.reads) repository.learn(file, { directives: withDirectives.has(file) });
    for (const [file, run] of chunk.stored ?? []) {
      store?.set({ scope: 'file', file }, run);
      storedByFile.set(file, run);
      // What another thread read: its hash, for the cache to know the file next time.
      const hash = run.dependencies[encodeQuery({ kind: 'contents', file })];
      if (hash !== undefined) repository.learn(file, { hash });
    }
  }
  if (store) {
    // Reused and new runs alike, in the order of the target files.
    const linted = new Set(toLint);
    for (const file of options.targetFiles) {
      const stored = storedByFile.get(file);
      if (!stored) continue;
      for (const item of stored.notes ?? []) fileNotes.push(item);
      if (linted.has(file)) continue;
      noteReads(Object.keys(stored.dependencies));
      for (const item of stored.diagnostics) diagnostics.push(item);
      addTallies(tallies, stored.tallies);
    }
  }
  const notes = [...fileNotes, ...repositoryNotes, ...tallyNotes(tallies, options.rules)];
  return { diagnostics, readFiles, notes: [...new Set(notes)], threads };
}

/** One note per tallied message: how many, of how many keys, and the first keys. */
function tallyNotes(tallies: Readonly<Tallies>, rules: readonly AnyRule[]): string[] {
  const notes: string[] = [];
  for (const rule of rules) {
    for (const [messageId, template] of Object.entries(rule.meta.messages)) {
      const counts = tallies[`${rule.id} ${messageId}`];
      if (!counts) continue;
      const keys = Object.keys(counts).sort(compareStrings);
      const count = keys.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
      const named = keys.slice(0, TALLY_KEYS_SHOWN).join(', ');
      const more = keys.length > TALLY_KEYS_SHOWN ? ` and ${keys.length - TALLY_KEYS_SHOWN} more` : '';
      notes.push(`${rule.id}: ${interpolate(template, { count, keyCount: keys.length, keys: `${named}${more}` })}`);
    }
  }
  return notes;
}

/**
 * Lints the files a chunk at a time, with worker threads when the run allows and asks for
 * them; `meanwhile` runs in this thread before it takes chunks itself. Returns the chunks'
 * results in chunk order.
 *
 * Threads share the work in one of two ways. By rules (the usual case): workers run the
 * self-contained rules (`meta.selfContained`) over every chunk while this thread runs the
 * others, which use what it has worked out already for the repository rules (custom resources,
 * patch files) and would each cost a worker as much to work out again as to lint. By chunks
 * (with the cache, whose stored runs hold all of a file's rules; with very many files; or when
 * the rules do not split): every thread takes the next chunk until none is left.
 */
async function lintInChunks(
  options: LinterOptions,
  inputs: RunInputs,
  fileRules: readonly AnyRule[],
  toLint: readonly string[],
  store: Fingerprints | undefined,
  meanwhile: () => void,
): Promise<{ chunks: ChunkResult[]; threads: number }> {
  const { repository } = options;
  const chunkCount = Math.ceil(toLint.length / CHUNK_SIZE);
  const chunk = (index: number): string[] => toLint.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE);
  const queue = new Int32Array(new SharedArrayBuffer(4));
  // With very many files this thread leaves them to the workers, whose heaps are bounded, and
  // keeps to the repository rules: the process stays small (V8 lets an unbounded heap grow to
  // several times what it holds). With fewer, it lints chunks too, which is faster.
  const workersOnly = toLint.length >= WORKERS_ONLY_FROM_FILES;
  const selfContained = fileRules.filter((rule) => rule.meta.selfContained === true);
  const byRules = !store && !workersOnly && selfContained.length > 0 && selfContained.length < fileRules.length;
  let threads = threadCount(options, toLint.length, chunkCount, fileRules.length);
  // `auto`, split by rules: a worker only when the work measured in the texts says it pays
  // (byRulesPays), not by the number of files. They are read here, before the workers would
  // start, as this thread reads them all anyway.
  if (
    threads > 1 &&
    byRules &&
    options.concurrency === 'auto' &&
    !byRulesPays(textWork(repository, toLint), threads, availableParallelism())
  )
    threads = 1;
  const source = threads > 1 ? repository.source.describe?.() : undefined;
  let started = 1;
  let pool: ReturnType<typeof startWorkers> | undefined;
  const workerRules = byRules ? selfContained : fileRules;
  const ownRules = byRules ? fileRules.filter((rule) => !selfContained.includes(rule)) : fileRules;
  if (source && options.workerSetup) {
    // The versions of the files are taken before other threads read them (see FileSource.version).
    if (store) for (const file of toLint) repository.versionOf(file);
    try {
      pool = startWorkers(workersOnly ? threads : threads - 1, {
        source,
        files: repository.files,
        toLint,
        store: store !== undefined,
        descriptorFile: options.workerSetup.descriptorFile,
        descriptor: options.descriptor,
        cliRules: options.workerSetup.cliRules,
        kind: options.kind,
        tool: options.tool,
        base: options.workerSetup.base,
        ruleIds: workerRules.map((rule) => rule.id),
        queue: queue.buffer,
      });
      started = threads;
    } catch {
      // No threads to be had here: this one lints every chunk.
      pool = undefined;
    }
  }
  try {
    if (pool && byRules) {
      // The texts this thread reads anyway, read now while the workers start, and sent to them
      // chunk by chunk: a worker then reads only what has not arrived when it gets there.
      for (let index = 0; index < chunkCount; index += 1) {
        const texts: [string, string][] = [];
        for (const file of chunk(index)) {
          const text = repository.hasFile(file) ? repository.text(file) : undefined;
          if (text !== undefined) texts.push([file, text]);
        }
        pool.shareTexts(texts);
      }
    }
    meanwhile();
    const chunkOf = new Map(toLint.map((file, index) => [file, Math.floor(index / CHUNK_SIZE)]));
    // Documents of chunks not linted yet are kept: this thread may lint them next.
    const forget = (next: number): void => {
      repository.forgetParsed((file) => (chunkOf.get(file) ?? -1) >= next);
    };
    const results: ChunkResult[] = [];
    const thread = { searched: new Set<string>() };
    if (pool && byRules) {
      // Every chunk here, with the rules the workers do not run; theirs are merged in after.
      forget(0);
      for (let index = 0; index < chunkCount; index += 1) {
        results[index] = lintChunk(inputs, ownRules, chunk(index), store, thread);
        forget(index + 1);
      }
      const theirs = new Map(await pool.done);
      for (let index = 0; index < chunkCount; index += 1) {
        // Chunks of a worker that ran out of memory: their rules are run here.
        const other = theirs.get(index) ?? lintChunk(inputs, workerRules, chunk(index), store, thread);
        results[index] = mergeChunkResults(results[index] as ChunkResult, other);
      }
      return { chunks: results, threads: started };
    }
    forget(Atomics.load(queue, 0));
    for (
      let index = pool && workersOnly ? chunkCount : claimChunk(queue);
      index < chunkCount;
      index = claimChunk(queue)
    ) {
      results[index] = lintChunk(inputs, fileRules, chunk(index), store, thread);
      forget(Atomics.load(queue, 0));
    }
    if (pool) for (const [index, result] of await pool.done) results[index] = result;
    // Chunks of a worker that ran out of memory: linted here.
    for (let index = 0; index < chunkCount; index += 1) {
      results[index] ??= lintChunk(inputs, fileRules, chunk(index), store, thread);
    }
    return { chunks: results, threads: started };
  } catch (error) {
    await pool?.stop();
    throw error;
  }
}

/** The results of two sets of rules on the same chunk, as one. */
function mergeChunkResults(first: ChunkResult, second: ChunkResult): ChunkResult {
  const tallies: Tallies = {};
  addTallies(tallies, first.tallies);
  addTallies(tallies, second.tallies);
  const withDirectives = new Set([...first.withDirectives, ...second.withDirectives]);
  // A file that either side read: whether it has directives is known if either read it.
  return {
    diagnostics: [...first.diagnostics, ...second.diagnostics],
    notes: [...first.notes, ...second.notes],
    tallies,
    reads: [...new Set([...first.reads, ...second.reads])],
    withDirectives: [...withDirectives],
  };
}

/** The characters of the texts of the files to lint, YAML and other. */
function textWork(repository: Repository, files: readonly string[]): TextWork {
  const work = { yamlChars: 0, otherChars: 0 };
  for (const file of files) {
    const text = repository.hasFile(file) ? repository.text(file) : undefined;
    if (text === undefined) continue;
    if (repository.isYamlFile(file)) work.yamlChars += text.length;
    else work.otherChars += text.length;
  }
  return work;
}

function threadCount(options: LinterOptions, files: number, chunkCount: number, fileRules: number): number {
  if (!options.workerSetup || chunkCount < 2 || fileRules === 0 || !canStartWorkers()) return 1;
  const concurrency = options.concurrency ?? 1;
  const wanted = concurrency === 'auto' ? (files >= AUTO_PARALLEL_MIN_FILES ? availableParallelism() : 1) : concurrency;
  return Math.max(1, Math.min(wanted, chunkCount));
}

function hasOverrideTurningOn(ruleId: string, options: LinterOptions): boolean {
  return (options.descriptor?.overrides ?? []).some((override) => {
    const entry = override.rules[ruleId];
    return (
      entry !== undefined &&
      entry !== 'off' &&
      entry !== 0 &&
      !(Array.isArray(entry) && (entry[0] === 'off' || entry[0] === 0))
    );
  });
}
