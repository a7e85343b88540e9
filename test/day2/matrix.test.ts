import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import {
  expectKustomizationsBuild,
  expectLintClean,
  kubectlAvailable,
  scaffoldFixture,
  tree,
} from '../helpers/day2.js';

// Every day-2 command on every kind × tool × host: after the additions the repository lints
// clean and every kustomization builds; a second run changes nothing; the removals bring the
// tree back to what new generated, byte for byte.

const hasKubectl = kubectlAvailable('the day-2 matrix');

const kinds = ['infrastructure', 'application'] as const;
const tools = ['argocd', 'flux', 'helm'] as const;
const hosts = ['github', 'gitlab'] as const;

type Kind = (typeof kinds)[number];

/** Each command with its undo, for the kinds it applies to; run in this order, undone in reverse. */
const STEPS: { kinds: readonly Kind[]; add: string[]; remove: string[] }[] = [
  { kinds, add: ['add', 'env', 'qa', '--after', 'dev'], remove: ['remove', 'env', 'qa'] },
  {
    kinds: ['infrastructure'],
    add: ['add', 'tenant', '@acme/web', '--namespace', 'web,web-batch', '--envs', 'dev,qa'],
    remove: ['remove', 'tenant', 'web'],
  },
  {
    kinds: ['infrastructure'],
    add: [
      'add',
      'component',
      'kyverno',
      '--category',
      'security',
      '--chart-repo',
      'https://kyverno.github.io/kyverno/',
      '--chart-version',
      '3.3.4',
    ],
    remove: ['remove', 'component', 'kyverno'],
  },
];

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-day2-matrix-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe.each(kinds)('%s repository', (kind) => {
  describe.each(tools)('for %s', (tool) => {
    describe.each(hosts)('on %s', (host) => {
      const steps = STEPS.filter((step) => step.kinds.includes(kind));
      let original: Record<string, string>;
      let work: string;
      beforeAll(async () => {
        const root = path.join(base, `${kind}-${tool}-${host}`);
        await scaffoldFixture(root, { kind, tool, host, appTeams: '@acme/checkout' });
        original = tree(root);
        work = path.join(base, `${kind}-${tool}-${host}-work`);
        cpSync(root, work, { recursive: true });
      });

      it(`${steps.map((step) => step.add.slice(0, 2).join(' ')).join(', ')}: each exits 0, then lint is clean and every kustomization builds`, async () => {
        for (const step of steps) {
          const run = await cli([...step.add, '--yes', '-C', work], { cwd: base });
          expect(run, step.add.join(' ')).toMatchObject({ code: 0, stderr: '' });
        }
        await expectLintClean(work);
        if (hasKubectl && tool !== 'helm') expect(expectKustomizationsBuild(work)).toBeGreaterThan(0);
      });

      it('a second run of each changes nothing and says so', async () => {
        const before = tree(work);
        for (const step of steps) {
          const run = await cli([...step.add, '--yes', '-C', work], { cwd: base });
          expect(run.code, step.add.join(' ')).toBe(0);
          expect(run.stdout, step.add.join(' ')).toMatch(/^Nothing to change/);
        }
        expect(tree(work)).toEqual(before);
      });

      it('the removals, in reverse order, bring back what new generated, byte for byte', async () => {
        for (const step of [...steps].reverse()) {
          const run = await cli([...step.remove, '--yes', '-C', work], { cwd: base });
          expect(run, step.remove.join(' ')).toMatchObject({ code: 0, stderr: '' });
        }
        expect(tree(work)).toEqual(original);
      });
    });
  });
});
