import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionType } from 'node-plop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../src/api/scaffold.js';
import { addEnvironment, removeEnvironment } from '../../src/day2/environments.js';
import { RENDER_ACTION, type RenderActionConfig } from '../../src/scaffold/generator.js';
import type { ScaffoldGenerator } from '../../src/scaffold/index.js';

// Today's templates render no file that lists every environment but gitops.yaml; a template
// that does (an ApplicationSet's list, a CI matrix) is re-rendered, or refused when changed by hand.
let base: string;
let root: string;
let generators: ScaffoldGenerator[];
beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-rerender-'));
  root = path.join(base, 'repo');
  await scaffold({
    cwd: base,
    directory: root,
    git: false,
    yes: true,
    answers: { kind: 'application', tool: 'flux', name: 'checkout', org: 'acme', appTeams: '@acme/checkout' },
    today: '2026-01-15',
  });
  const templateFile = path.join(base, 'promotion.txt.hbs');
  writeFileSync(templateFile, '{{#each envs}}{{this}}\n{{/each}}');
  const action: RenderActionConfig = {
    type: RENDER_ACTION,
    path: 'promotion.txt',
    templateFile,
    data: {},
    abortOnFail: true,
  };
  generators = [
    (plop) => {
      const actions: ActionType[] = [action];
      plop.setGenerator('application', { description: 'one file listing the environments', prompts: [], actions });
    },
  ];
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

const promotion = (): string => readFileSync(path.join(root, 'promotion.txt'), 'utf8');

describe('a generated file that lists every environment', () => {
  it('is re-rendered when the user has not changed it, with its diff in the plan', async () => {
    writeFileSync(path.join(root, 'promotion.txt'), 'dev\nstaging\nproduction\n');
    const planned = await addEnvironment('qa', { cwd: root, dryRun: true }, generators);
    expect(planned.changes.map((change) => [change.action, change.path])).toEqual([
      ['modify', 'gitops.yaml'],
      ['modify', 'promotion.txt'],
    ]);
    expect(planned.changes[1]?.diff).toBe(
      '--- a/promotion.txt\n+++ b/promotion.txt\n@@ -1,3 +1,4 @@\n dev\n staging\n+qa\n production\n',
    );
    expect(promotion()).toBe('dev\nstaging\nproduction\n');
    await addEnvironment('qa', { cwd: root }, generators);
    expect(promotion()).toBe('dev\nstaging\nqa\nproduction\n');
    await removeEnvironment('qa', { cwd: root }, generators);
    expect(promotion()).toBe('dev\nstaging\nproduction\n');
  });

  it("gets the change merged in when the user changed other lines, keeping the user's lines", async () => {
    writeFileSync(path.join(root, 'promotion.txt'), '# by hand\ndev\nstaging\nproduction\n');
    const planned = await addEnvironment('qa', { cwd: root, dryRun: true }, generators);
    expect(planned.changes[1]?.diff).toBe(
      '--- a/promotion.txt\n+++ b/promotion.txt\n@@ -1,4 +1,5 @@\n # by hand\n dev\n staging\n+qa\n production\n',
    );
    await addEnvironment('qa', { cwd: root }, generators);
    expect(promotion()).toBe('# by hand\ndev\nstaging\nqa\nproduction\n');
    await removeEnvironment('qa', { cwd: root }, generators);
    expect(promotion()).toBe('# by hand\ndev\nstaging\nproduction\n');
  });

  it('is a conflict when the user changed the lines the change touches: nothing is written', async () => {
    writeFileSync(path.join(root, 'promotion.txt'), 'dev\nstaging # by hand\nproduction\n');
    const descriptor = readFileSync(path.join(root, 'gitops.yaml'), 'utf8');
    await expect(addEnvironment('qa', { cwd: root }, generators)).rejects.toMatchObject({
      code: 'CONFLICT',
      exitCode: 1,
      message: expect.stringContaining('  promotion.txt') as unknown,
    });
    expect(promotion()).toBe('dev\nstaging # by hand\nproduction\n');
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toBe(descriptor);
  });
});
