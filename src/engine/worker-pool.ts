import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Descriptor, GitopsTool, RepositoryKind, RuleEntry } from '../config/descriptor.js';
import { InternalError } from '../errors.js';
import type { SourceDescription } from './file-source.js';
import type { ChunkResult } from './rule-runner.js';

/**
 * Worker threads for the file-scope rules. Target files are cut into chunks of CHUNK_SIZE, and
 * the workers take the next chunk from one shared counter until none is left, so that a slow
 * chunk never leaves a core idle (the main thread takes chunks from it too, or runs the other
 * rules over every chunk: see lintInChunks). Results are put back in chunk order, which makes
 * them the same whichever thread linted which chunk, and the same as a run in one thread.
 */

/** Files per chunk: small enough to share out evenly, large enough that claiming one costs nothing. */
export const CHUNK_SIZE = 64;

/** Old-generation heap of a worker: a base, and more per thousand files of the repository (generous: a worker over it fails the run). */
const WORKER_BASE_HEAP_MB = 128;
const WORKER_HEAP_MB_PER_1000_FILES = 1;

/** Everything a worker needs to rebuild the run: plain data only. */
export interface WorkerTask {
  source: SourceDescription;
  /** The repository's file list. */
  files: readonly string[];
  /** The files whose per-file rules run, in chunks of CHUNK_SIZE. */
  toLint: readonly string[];
  /** Return stored runs for the cache. */
  store: boolean;
  descriptorFile: string | undefined;
  descriptor: Descriptor | undefined;
  cliRules: Record<string, RuleEntry>;
  kind: RepositoryKind | undefined;
  tool: GitopsTool | undefined;
  base: { ref: string; staged: boolean } | undefined;
  /** Ids of the file-scope rules to run, in order. */
  ruleIds: readonly string[];
  /** One Int32: the next chunk to claim. */
  queue: SharedArrayBuffer;
  /**
   * Where the main thread sends the texts it has read, as `[file, text][]` messages: the worker
   * takes them before each chunk and reads only what has not arrived. Set by startWorkers.
   */
  texts?: MessagePort;
}

export type WorkerReply = { chunks: [number, ChunkResult][] } | { error: string };

const WORKER_URL = new URL('./lint-worker.js', import.meta.url);

/** Whether worker threads can be started: the compiled worker module is there (not when running from sources). */
export function canStartWorkers(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/** The chunk index of the next chunk to lint, claimed for the calling thread. */
export function claimChunk(queue: Int32Array): number {
  return Atomics.add(queue, 0, 1);
}

/**
 * Starts `count` workers on a task; the promise resolves to their chunks once all have
 * finished. A worker that runs out of memory gives none of its chunks: the caller lints the
 * chunks that are missing.
 */
export function startWorkers(
  count: number,
  task: WorkerTask,
): {
  done: Promise<[number, ChunkResult][]>;
  stop: () => Promise<void>;
  shareTexts: (texts: [string, string][]) => void;
} {
  // A worker's heap left to V8's defaults grows to several times what it holds before it is
  // collected; bounded by what a run of this size needs, a worker keeps the process small.
  const maxOldGenerationSizeMb =
    WORKER_BASE_HEAP_MB + Math.ceil(task.files.length / 1000) * WORKER_HEAP_MB_PER_1000_FILES;
  const channels = Array.from({ length: count }, () => new MessageChannel());
  const workers = channels.map(
    (channel) =>
      new Worker(WORKER_URL, {
        workerData: { ...task, texts: channel.port2 },
        transferList: [channel.port2],
        resourceLimits: { maxOldGenerationSizeMb },
      }),
  );
  const replies = workers.map(
    (worker) =>
      new Promise<[number, ChunkResult][]>((resolve, reject) => {
        let replied = false;
        worker.once('message', (reply: WorkerReply) => {
          replied = true;
          if ('error' in reply) reject(new InternalError(reply.error));
          else resolve(reply.chunks);
        });
        worker.once('error', (error) => {
          replied = true;
          // Out of its heap (a huge file): its chunks are left to this thread, which has no such bound.
          if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') resolve([]);
          else reject(new InternalError(`a lint worker thread failed: ${error.message}`, { cause: error }));
        });
        worker.once('exit', (code) => {
          if (!replied) reject(new InternalError(`a lint worker thread exited with code ${code} before it replied`));
        });
      }),
  );
  const done = Promise.all(replies).then((lists) => lists.flat());
  // A worker may fail while this thread is still busy with chunks of its own: the failure is
  // taken when the caller awaits `done`, not reported as an unhandled rejection before.
  done.catch(() => undefined);
  // The ports must not keep this thread alive once the workers are done.
  for (const channel of channels) channel.port1.unref();
  // (The promise `finally` returns rejects with `done`: that rejection is the caller's, through `done`.)
  done
    .finally(() => {
      for (const channel of channels) channel.port1.close();
    })
    .catch(() => undefined);
  return {
    done,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
    shareTexts: (texts) => {
      if (texts.length > 0) for (const channel of channels) channel.port1.postMessage(texts);
    },
  };
}

/** What the texts to lint weigh, measured once they are read: the input of the thread choice. */
export interface TextWork {
  /** Characters of the YAML files among them (what the rules parse). */
  yamlChars: number;
  /** Characters of the other text files (what only the text rules, the secret detectors, read). */
  otherChars: number;
}

/**
 * Costs per character, measured on a 2-vCPU machine (2026-12-04, bench/real-shaped.mjs's
 * repository, CPU time): reading YAML with the fast reader, running the self-contained rules
 * on it (image tags, Secret objects), the secret detectors with their keyword filter on any
 * text, the other per-file rules on YAML, and sending a text to a worker.
 */
const NS_PER_CHAR = { parse: 42, selfContainedYaml: 5, scan: 3.4, otherRules: 20, send: 0.9 };
/** Starting a worker: Node.js's worker start-up, and loading the rules and what they import. */
const WORKER_START_MS = 250;
/**
 * How much slower each busy thread runs than one alone. 1.45 measured on the 2-vCPU machine
 * above, where two single-threaded lints started together each took 1.45 times as long (the
 * second vCPU adds much less than a core); 1.1 assumed for machines with more cores than threads
 * used, where it was not measured.
 */
const CONTENTION = { measuredOnTwoCores: 1.45, assumedOnMoreCores: 1.1 };

/**
 * Whether workers running the self-contained rules (split by rules, see lintInChunks) make the
 * run faster than one thread, by the work measured in characters rather than the number of
 * files: each worker reads the YAML of its chunks again for its rules, so they pay only when
 * what they take off this thread (the secret detectors over large non-YAML text, mostly) is
 * about as much as what this thread keeps, and both together outweigh the threads' contention.
 * On two cores, by the figures above, that never happens: `auto` lints in one thread there.
 */
export function byRulesPays(work: TextWork, threads: number, cores: number): boolean {
  if (threads < 2) return false;
  const ms = (chars: number, ns: number): number => (chars * ns) / 1e6;
  const moved = ms(work.yamlChars, NS_PER_CHAR.selfContainedYaml) + ms(work.otherChars, NS_PER_CHAR.scan);
  const alone = ms(work.yamlChars, NS_PER_CHAR.parse + NS_PER_CHAR.otherRules) + moved;
  const sent = ms(work.yamlChars + work.otherChars, NS_PER_CHAR.send);
  const kept = alone - moved + sent;
  const workers = threads - 1;
  const perWorker = WORKER_START_MS + (ms(work.yamlChars, NS_PER_CHAR.parse) + moved) / workers;
  const contention = cores <= 2 ? CONTENTION.measuredOnTwoCores : CONTENTION.assumedOnMoreCores;
  return Math.max(kept, perWorker) * contention < alone;
}
