import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_TEMPLATE_SETS } from '../../generators/application.js';
import { INFRASTRUCTURE_TEMPLATE_SETS } from '../../generators/infrastructure.js';
import { PATH_PLACEHOLDERS, templateActions, templateOutputs, type TemplateSet } from '../../generators/shared.js';
import { CI_SYSTEMS, HOOK_MANAGERS, HOSTS, KINDS, TOOLS, validateAnswers } from '../../src/scaffold/answers.js';
import { RENDER_ACTION, type RenderActionConfig } from '../../src/scaffold/generator.js';
import { scaffold, templatesRoot, type ScaffoldGenerator } from '../../src/scaffold/index.js';
import { buildModel, type TemplateModel } from '../../src/scaffold/model.js';
import { cli } from '../helpers/cli.js';

const SETS: Record<(typeof KINDS)[number], readonly TemplateSet[]> = {
  infrastructure: INFRASTRUCTURE_TEMPLATE_SETS,
  application: APPLICATION_TEMPLATE_SETS,
};

/** Every combination of answers that chooses template sets, with and without application teams. */
const COMBINATIONS = KINDS.flatMap((kind) =>
  TOOLS.flatMap((tool) =>
    HOSTS.flatMap((host) =>
      CI_SYSTEMS.flatMap((ci) =>
        HOOK_MANAGERS.flatMap((hooks) =>
          // An application repository has exactly one team; an infrastructure one none or several.
          (kind === 'application' ? ['@acme/checkout'] : ['', '@acme/checkout,@acme/payments,@acme/base']).map(
            (appTeams) => ({ kind, tool, host, ci, hooks, appTeams }),
          ),
        ),
      ),
    ),
  ),
);

function modelOf(combination: (typeof COMBINATIONS)[number]): TemplateModel {
  const { answers, problems } = validateAnswers(
    {
      ...combination,
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      // Environments named like the fixed folders next to them (tenants/base, deploy/base).
      envs: 'base,dev,production',
      defaultBranch: 'release/v1',
    },
    '2026-01-15',
  );
  expect(problems).toEqual([]);
  return buildModel(answers!, '0.1.0');
}

/**
 * An output path as tokens: a literal character, or a placeholder, which stands for any value
 * an answer can give it (one or more of [A-Za-z0-9._-]: DNS labels, team slugs, component names
 * and branch file names), never a `/`.
 */
type Token = { char: string } | { placeholder: string };
const PLACEHOLDER_CHAR = /^[A-Za-z0-9._-]$/;

function tokens(output: string): Token[] {
  const result: Token[] = [];
  for (let rest = output; rest.length > 0;) {
    const placeholder = PATH_PLACEHOLDERS.find((entry) => rest.startsWith(entry));
    if (placeholder) {
      result.push({ placeholder });
      rest = rest.slice(placeholder.length);
    } else {
      result.push({ char: rest[0]! });
      rest = rest.slice(1);
    }
  }
  return result;
}

/**
 * Whether some values of the placeholders make the two output paths the same path: a search of
 * the pairs of token positions both paths reach reading the same characters. A placeholder reads
 * one character or more, so a position inside one is the placeholder's own.
 */
function canCoincide(a: string, b: string): boolean {
  const left = tokens(a);
  const right = tokens(b);
  // Where one more character takes a path: past a literal, or past or still inside a placeholder.
  const advance = (list: Token[], index: number, char: string | undefined): number[] => {
    const token = list[index];
    if (token === undefined) return [];
    if ('char' in token) return char === undefined || token.char === char ? [index + 1] : [];
    return char === undefined || PLACEHOLDER_CHAR.test(char) ? [index + 1, index] : [];
  };
  const seen = new Set<string>();
  const queue: [number, number][] = [[0, 0]];
  for (let pair = queue.pop(); pair !== undefined; pair = queue.pop()) {
    const [l, r] = pair;
    if (seen.has(`${l},${r}`)) continue;
    seen.add(`${l},${r}`);
    if (l === left.length && r === right.length) return true;
    const lt = left[l];
    const rt = right[r];
    if (lt === undefined || rt === undefined) continue;
    // The character both read: a literal's, or any placeholder character when both are placeholders.
    const char = 'char' in lt ? lt.char : 'char' in rt ? rt.char : undefined;
    for (const nextLeft of advance(left, l, char)) {
      for (const nextRight of advance(right, r, char)) queue.push([nextLeft, nextRight]);
    }
  }
  return false;
}

describe('template sets: one output path, one template', () => {
  it('the path check finds paths that can coincide, and only those', () => {
    expect(canCoincide('infrastructure/__component__/values.yaml', 'infrastructure/storage/values.yaml')).toBe(true);
    expect(canCoincide('a/__env__-__tenant__.yaml', 'a/x-y-z.yaml')).toBe(true);
    expect(canCoincide('tenants/__env__/kustomization.yaml', 'tenants/base/__tenant__/kustomization.yaml')).toBe(false);
    expect(canCoincide('clusters/__env__/apps/tenant-__tenant__.yaml', 'clusters/__env__/apps/tenants.yaml')).toBe(
      false,
    );
    expect(canCoincide('chart/values-__env__.yaml', 'chart/values.yaml')).toBe(false);
    expect(canCoincide('a/__env__/b.yaml', 'a/b.yaml')).toBe(false);
  });

  it.each(COMBINATIONS)(
    '$kind, $tool, host $host, ci $ci, hooks $hooks, teams "$appTeams": no two templates can render the same path for any answers',
    (combination) => {
      const outputs = templateOutputs(templatesRoot(), SETS[combination.kind], modelOf(combination));
      expect(outputs.length).toBeGreaterThan(10);
      const clashes: string[] = [];
      outputs.forEach((first, index) => {
        for (const second of outputs.slice(index + 1)) {
          if (canCoincide(first.output, second.output)) clashes.push(`${first.output} and ${second.output}`);
        }
      });
      expect(clashes).toEqual([]);
    },
  );

  it.each(COMBINATIONS)(
    '$kind, $tool, host $host, ci $ci, hooks $hooks, teams "$appTeams": each rendered path has one render action',
    (combination) => {
      const paths = templateActions(templatesRoot(), SETS[combination.kind], modelOf(combination)).map(
        (action) => (action as { path: string }).path,
      );
      expect(paths.filter((file, index) => paths.indexOf(file) !== index)).toEqual([]);
    },
  );
});

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-init-paths-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function contents(root: string): [string, string][] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => [path.relative(root, file), readFileSync(file, 'utf8')]);
}

describe.each(KINDS)('gitops-init new twice, %s repository', (kind) => {
  it.each(TOOLS)('for %s: the second run with the same answers reports every file unchanged', async (tool) => {
    const cwd = tempDir();
    const flags = [
      'new',
      '--kind',
      kind,
      '--tool',
      tool,
      '--name',
      kind === 'application' ? 'checkout' : 'platform',
      '--org',
      'acme',
      '--platform-team',
      '@acme/platform',
      '--app-team',
      kind === 'application' ? '@acme/checkout' : '@acme/checkout,@acme/payments',
      '--envs',
      'dev,staging,production',
      '--host',
      'github',
      '--no-git',
    ];
    const first = await cli(flags, { cwd });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = contents(cwd);
    const again = await cli(flags, { cwd });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const lines = again.stdout.split('\n').filter((line) => line.startsWith('  '));
    expect(lines.filter((line) => !line.startsWith('  unchanged  '))).toEqual([]);
    expect(lines.length).toBe(before.length);
    expect(again.stdout).toContain('0 files written');
    expect(contents(cwd)).toEqual(before);
  });
});

describe('the scaffold engine', () => {
  it('refuses a generator that renders one path from two templates, and writes nothing', async () => {
    const cwd = tempDir();
    // The shared templates, and README.md once more, from another template.
    const twice: ScaffoldGenerator = (plop, options) => {
      const again: RenderActionConfig = {
        type: RENDER_ACTION,
        path: 'README.md',
        templateFile: path.join(options.templatesRoot, 'infrastructure/common/releases/README.md.hbs'),
        data: {},
        abortOnFail: true,
      };
      plop.setGenerator('application', {
        description: 'renders README.md from two templates',
        prompts: [],
        actions: (model) => [
          ...templateActions(
            options.templatesRoot,
            [{ folder: 'shared/common', when: () => true }],
            model as TemplateModel,
          ),
          again,
        ],
      });
    };
    await expect(
      scaffold(
        {
          cwd,
          answers: {
            kind: 'application',
            tool: 'argocd',
            name: 'checkout',
            org: 'acme',
            platformTeam: '@acme/platform',
            appTeams: '@acme/checkout',
            envs: 'dev',
            host: 'github',
          },
          git: false,
        },
        [twice],
      ),
    ).rejects.toThrow(
      /README\.md: rendered from two templates, shared\/common\/README\.md\.hbs and infrastructure\/common\/releases\/README\.md\.hbs/,
    );
    expect(existsSync(path.join(cwd, 'gitops.yaml'))).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names what a custom action threw, not "undefined: undefined"', async () => {
    const cwd = tempDir();
    const throwing: ScaffoldGenerator = (plop) => {
      plop.setGenerator('application', {
        description: 'an action that throws',
        prompts: [],
        actions: [
          () => {
            throw new Error('the chart repository did not answer');
          },
        ],
      });
    };
    const run = scaffold(
      {
        cwd,
        answers: {
          kind: 'application',
          tool: 'argocd',
          name: 'checkout',
          org: 'acme',
          platformTeam: '@acme/platform',
          appTeams: '@acme/checkout',
          envs: 'dev',
          host: 'github',
        },
        git: false,
      },
      [throwing],
    );
    await expect(run).rejects.toThrow('rendering the application scaffold failed: the chart repository did not answer');
    await expect(run).rejects.not.toThrow(/undefined/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
