import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as FileSourceModule from '../../src/engine/file-source.js';
import type * as RepositoryModule from '../../src/engine/repository.js';
import type * as RuleConfigModule from '../../src/engine/rule-config.js';
import type * as RuleRunnerModule from '../../src/engine/rule-runner.js';
import type * as WorkerPoolModule from '../../src/engine/worker-pool.js';
import type { AnyRule } from '../../src/engine/rule.js';
import { canStartWorkers as canStartFromSources } from '../../src/engine/worker-pool.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { temporaryTrees } from '../helpers/trees.js';

// Worker threads run the compiled modules (dist/, built by `npm run build` or `npm test`):
// the pool is tested there, against the same compiled rule runner in this thread.
const built = <T>(file: string): Promise<T> =>
  import(pathToFileURL(path.join(REPO_ROOT, 'dist', file)).href) as Promise<T>;

let pool: typeof WorkerPoolModule;
let runner: typeof RuleRunnerModule;
let sources: typeof FileSourceModule;
let repositories: typeof RepositoryModule;
let configs: typeof RuleConfigModule;
let yamlSyntax: AnyRule;

beforeAll(async () => {
  [pool, runner, sources, repositories, configs] = await Promise.all([
    built<typeof WorkerPoolModule>('src/engine/worker-pool.js'),
    built<typeof RuleRunnerModule>('src/engine/rule-runner.js'),
    built<typeof FileSourceModule>('src/engine/file-source.js'),
    built<typeof RepositoryModule>('src/engine/repository.js'),
    built<typeof RuleConfigModule>('src/engine/rule-config.js'),
  ]);
  yamlSyntax = (await built<{ default: AnyRule }>('rules/yaml-syntax.js')).default;
});

const tree = temporaryTrees();

/** 300 YAML files, every seventh with a duplicate key. */
function manyFiles(): string {
  const files: Record<string, string> = {};
  for (let index = 0; index < 300; index += 1)
    files[`apps/f${String(index).padStart(3, '0')}.yaml`] = index % 7 === 0 ? 'a: 1\na: 2\n' : `a: ${index}\n`;
  return tree(files);
}

async function task(
  root: string,
  ruleIds: string[],
): Promise<WorkerPoolModule.WorkerTask & { queue: SharedArrayBuffer }> {
  const source = new sources.WorkingTreeSource(root);
  const files = await source.listFiles();
  return {
    source: source.describe(),
    files,
    toLint: files,
    store: false,
    descriptorFile: undefined,
    descriptor: undefined,
    cliRules: {},
    kind: undefined,
    tool: undefined,
    base: undefined,
    ruleIds,
    queue: new SharedArrayBuffer(4),
  };
}

describe('the worker pool', () => {
  it('starts workers only from compiled modules', () => {
    expect(pool.canStartWorkers()).toBe(true);
    expect(canStartFromSources()).toBe(false);
  });

  it('shares the chunks out through one counter; together the workers give what one thread gives', async () => {
    const root = manyFiles();
    const work = await task(root, [yamlSyntax.id]);
    const started = pool.startWorkers(2, work);
    const chunks = new Map(await started.done);
    const chunkCount = Math.ceil(work.toLint.length / pool.CHUNK_SIZE);
    expect([...chunks.keys()].sort((a, b) => a - b)).toEqual([...Array(chunkCount).keys()]);
    // Each chunk claimed once: the counter went past the last chunk once per worker.
    expect(Atomics.load(new Int32Array(work.queue), 0)).toBe(chunkCount + 2);

    const repository = new repositories.Repository(new sources.WorkingTreeSource(root), work.files, {
      dependencies: false,
    });
    const inputs = {
      repository,
      config: new configs.RuleConfig(new Map([[yamlSyntax.id, yamlSyntax]]), undefined, { [yamlSyntax.id]: 'error' }),
      descriptor: undefined,
      kind: undefined,
      tool: undefined,
      base: undefined,
      targetFiles: [],
    };
    for (let index = 0; index < chunkCount; index += 1) {
      const files = work.toLint.slice(index * pool.CHUNK_SIZE, (index + 1) * pool.CHUNK_SIZE);
      const here = runner.lintChunk(inputs, [yamlSyntax], files, undefined, { searched: new Set() });
      expect(chunks.get(index)?.diagnostics).toEqual(here.diagnostics);
    }
    expect([...chunks.values()].flatMap((chunk) => chunk.diagnostics)).toHaveLength(Math.ceil(300 / 7));
  });

  it('lints the texts this thread sends rather than reading the files again', async () => {
    const root = manyFiles();
    const work = await task(root, [yamlSyntax.id]);
    const started = pool.startWorkers(1, work);
    // A text that differs from the file: the worker lints what it was sent.
    started.shareTexts([['apps/f001.yaml', 'a: 1\na: 1\n']]);
    const chunks = new Map(await started.done);
    const files = chunks.get(0)?.diagnostics.map((diagnostic) => diagnostic.file) ?? [];
    // Sent before the worker took its first chunk: the shared text is linted, not the file's (a: 1).
    expect(files).toContain('apps/f001.yaml');
    expect(files).toHaveLength(Math.ceil(pool.CHUNK_SIZE / 7) + 1);
  });

  it('fails the run with an InternalError when a worker cannot run', async () => {
    const work = await task(manyFiles(), ['no-such-rule']);
    const started = pool.startWorkers(1, work);
    await expect(started.done).rejects.toThrow(/no-such-rule|Cannot find module/);
  });
});
