import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { lint } from '../../src/api/lint.js';
import { byRulesPays } from '../../src/engine/worker-pool.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const { track } = temporaryRepositories();

const MB = 1_000_000;

describe('the thread choice of --concurrency auto', () => {
  it('keeps one thread when a worker would have to read the YAML again for little work of its own', () => {
    // A platform repository: 10,000 small manifests, on 2 and on 8 cores.
    expect(byRulesPays({ yamlChars: 7.4 * MB, otherChars: 0.2 * MB }, 2, 2)).toBe(false);
    expect(byRulesPays({ yamlChars: 7.4 * MB, otherChars: 0.2 * MB }, 8, 8)).toBe(false);
    // A GitOps tool's monorepo: 14 MB of YAML beside 60 MB of source and docs.
    expect(byRulesPays({ yamlChars: 14 * MB, otherChars: 60 * MB }, 2, 2)).toBe(false);
    // Source only, on two cores: the worker would scan it all while this thread waits.
    expect(byRulesPays({ yamlChars: 0.5 * MB, otherChars: 500 * MB }, 2, 2)).toBe(false);
    // A small repository: starting a worker costs more than it saves.
    expect(byRulesPays({ yamlChars: 1 * MB, otherChars: 5 * MB }, 4, 4)).toBe(false);
  });

  it('starts workers on more cores when the text they take over is about as much work as the YAML this thread keeps', () => {
    expect(byRulesPays({ yamlChars: 20 * MB, otherChars: 250 * MB }, 4, 4)).toBe(true);
    expect(byRulesPays({ yamlChars: 20 * MB, otherChars: 250 * MB }, 2, 2)).toBe(false);
  });

  it('lints a repository of many files in one thread with auto when the work is small, and in two when asked', async () => {
    const root = track(mkdtempSync(path.join(tmpdir(), 'gitops-init-threads-')));
    for (let index = 0; index < 2600; index += 1) {
      const directory = path.join(root, 'apps', `app-${Math.floor(index / 100)}`);
      mkdirSync(directory, { recursive: true });
      writeFileSync(
        path.join(directory, `cm-${index}.yaml`),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${index}\ndata:\n  mode: fast\n`,
      );
    }
    // The compiled API, as the bin runs it: worker threads load compiled modules.
    const built = (await import(pathToFileURL(path.join(REPO_ROOT, 'dist/src/index.js')).href)) as {
      lint: typeof lint;
    };
    const auto = await built.lint({ cwd: root, concurrency: 'auto' });
    const two = await built.lint({ cwd: root, concurrency: 2 });
    expect(auto.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(auto.results).toEqual(two.results);
  }, 120_000);
});
