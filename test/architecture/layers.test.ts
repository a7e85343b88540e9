/**
 * The architecture is written down in .dependency-cruiser.cjs (docs/architecture.md draws it).
 * These tests run it over the project, and over small planted trees to show that each kind of
 * break is caught, so that a rule that stopped matching anything would fail here too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const depcruise = path.join(projectRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = path.join(projectRoot, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, targets: readonly string[]): Violation[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [depcruise, ...targets, '--config', config, '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // dependency-cruiser exits non-zero when it finds violations; the JSON is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
    if (output === '') throw error;
  }
  const result = JSON.parse(output) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function plant(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-layers-'));
  roots.push(root);
  const all: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('the layers of gitops-init', () => {
  it('hold in the project: no cycles and no import against the layer order', () => {
    const violations = cruise(projectRoot, ['src', 'rules', 'generators']);
    expect(violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`)).toEqual([]);
  }, 120_000);

  // One planted tree holds one break of each rule, each in files of its own, cruised once.
  const breaks: [string, Record<string, string>][] = [
    [
      'no-cycles',
      {
        'src/engine/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
        'src/engine/b.ts': "import type { A } from './a.js';\nexport type B = A | 1;\n",
      },
    ],
    ['cli-only-api', { 'src/cli/x.ts': "import '../engine/y.js';\n", 'src/engine/y.ts': 'export {};\n' }],
    ['nothing-imports-cli', { 'src/api/x.ts': "import '../cli/y.js';\n", 'src/cli/y.ts': 'export {};\n' }],
    ['api-is-the-top-of-the-library', { 'rules/x.ts': "import '../src/api/y.js';\n", 'src/api/y.ts': 'export {};\n' }],
    [
      'scaffold-engine-does-not-know-generators',
      { 'src/scaffold/x.ts': "import '../../generators/y.js';\n", 'generators/y.ts': 'export {};\n' },
    ],
    [
      'engine-does-not-know-the-cache',
      { 'src/engine/z.ts': "import '../cache/y.js';\n", 'src/cache/y.ts': 'export {};\n' },
    ],
    [
      'core-imports-nothing-above',
      { 'src/config/x.ts': "import '../protection/y.js';\n", 'src/protection/y.ts': 'export {};\n' },
    ],
    ['rules-beside-domain', { 'rules/z.ts': "import '../generators/z.js';\n", 'generators/z.ts': 'export {};\n' }],
    [
      'formatters-are-pure',
      { 'src/formatters/x.ts': "import '../release/y.js';\n", 'src/release/y.ts': 'export {};\n' },
    ],
    ['bin-only-cli', { 'src/bin/x.ts': "import '../api/z.js';\n", 'src/api/z.ts': 'export {};\n' }],
  ];
  let planted: Violation[] = [];
  beforeAll(() => {
    const files = Object.assign({}, ...breaks.map(([, tree]) => tree)) as Record<string, string>;
    planted = cruise(plant(files), ['src', 'rules', 'generators']);
  }, 60_000);

  it.each(breaks)('report a break of %s', (rule, files) => {
    const [from] = Object.keys(files);
    const reported = planted.filter((violation) => violation.rule.name === rule).map((violation) => violation.from);
    expect(reported).toContain(from);
  });
});
