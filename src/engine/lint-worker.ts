/**
 * A worker thread of the linter (see worker-pool.ts): it rebuilds the run from plain data
 * (the file list, the descriptor, the rule settings), takes chunks of target files from the
 * shared counter until none is left, runs the file-scope rules on each, and replies with the
 * results of the chunks it linted.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { RuleConfig } from './rule-config.js';
import { InternalError } from '../errors.js';
import { openBaseRevision } from '../git/base-revision.js';
import { WorkingTreeSource } from './file-source.js';
import { Fingerprints } from './fingerprints.js';
import { OverlaySource } from './overlay-source.js';
import { Repository } from './repository.js';
import type { AnyRule } from './rule.js';
import { lintChunk, type ChunkResult, type RunInputs } from './rule-runner.js';
import { CHUNK_SIZE, claimChunk, type WorkerReply, type WorkerTask } from './worker-pool.js';

/** The file-scope rules of the task, each loaded from rules/<id>.js: a worker needs none of the others, nor what they import. */
async function loadRules(ids: readonly string[]): Promise<AnyRule[]> {
  return Promise.all(
    ids.map(async (id) => {
      const module = (await import(`../../rules/${id}.js`)) as { default?: AnyRule };
      if (module.default?.id !== id) throw new InternalError(`a lint worker has no rule "${id}"`);
      return module.default;
    }),
  );
}

async function run(task: WorkerTask): Promise<[number, ChunkResult][]> {
  const fileRules = await loadRules(task.ruleIds);
  // RuleConfig knows every rule of the run by id; only the file-scope ones are run here.
  const rulesById = new Map(fileRules.map((rule) => [rule.id, rule]));
  const loaded = task.descriptor && {
    file: task.descriptorFile ?? 'gitops.yaml',
    descriptor: task.descriptor,
    lineOf: () => undefined,
  };
  const config = new RuleConfig(rulesById, loaded, task.cliRules, { checked: true });
  const overlay = new OverlaySource(WorkingTreeSource.fromDescription(task.source, task.files));
  for (const [file, text] of task.source.changes) overlay.changes.set(file, text);
  const repository = new Repository(overlay, task.files, { dependencies: task.store });
  const base = task.base && (await openBaseRevision(overlay.root, task.base.ref, task.base.staged));
  const inputs: RunInputs = {
    repository,
    config,
    descriptor: task.descriptor,
    kind: task.kind,
    tool: task.tool,
    base,
    targetFiles: [],
  };
  const queue = new Int32Array(task.queue);
  const chunkOf = new Map(task.toLint.map((file, index) => [file, Math.floor(index / CHUNK_SIZE)]));
  const store = task.store ? new Fingerprints(repository, []) : undefined;
  const done: [number, ChunkResult][] = [];
  const thread = { searched: new Set<string>() };
  /** The texts the main thread has sent so far: taken before each chunk, so that only the rest are read here. */
  const takeTexts = (): void => {
    if (!task.texts) return;
    for (let received = receiveMessageOnPort(task.texts); received; received = receiveMessageOnPort(task.texts)) {
      for (const [file, text] of received.message as [string, string][]) repository.provide(file, text);
    }
  };
  for (let index = claimChunk(queue); index * CHUNK_SIZE < task.toLint.length; index = claimChunk(queue)) {
    takeTexts();
    done.push([
      index,
      lintChunk(inputs, fileRules, task.toLint.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE), store, thread),
    ]);
    // Keep the documents of chunks nobody has claimed yet: this thread may lint them next.
    const next = Atomics.load(queue, 0);
    repository.forgetParsed((file) => (chunkOf.get(file) ?? -1) >= next);
  }
  task.texts?.close();
  return done;
}

const port = parentPort;
if (port) {
  run(workerData as WorkerTask).then(
    (chunks) => port.postMessage({ chunks } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
}
