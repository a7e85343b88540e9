import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import type { LintResult } from '../../src/engine/results.js';
import { readBlockYaml } from '../../src/manifests/block-yaml.js';
import { readBlockYamlNodes } from '../../src/manifests/block-yaml-nodes.js';
import { setFastNodes } from '../../src/manifests/yaml-file.js';
import { isMap, isPair, isScalar, isSeq } from '../../src/manifests/yaml-nodes.js';
import { parseYamlStream } from '../../src/manifests/yaml-parse.js';
import { scaffoldFixture } from '../helpers/day2.js';

/**
 * Findings on files in plain block style point at nodes that the fast reader builds
 * (block-yaml-nodes.ts), not at a full parse's. These tests hold the two to the same answers:
 * every node's kind, value, scalar type and range, on every fixture and every scaffold and on
 * generated documents; and the findings of a lint, with their lines, columns and end positions.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A node tree as plain data: what a rule can read from it and where each node is. */
function shape(node: unknown): unknown {
  if (isMap(node) || isSeq(node))
    return {
      kind: isMap(node) ? 'map' : 'seq',
      flow: node.flow === true,
      range: node.range,
      items: node.items.map((item: unknown) =>
        isPair(item) ? { key: shape(item.key), value: shape(item.value) } : shape(item),
      ),
    };
  if (isScalar(node))
    return { kind: 'scalar', value: node.value, type: node.type, source: node.source, range: node.range };
  return node === null || node === undefined ? null : { kind: 'other' };
}

/** The root nodes of both paths, when the fast reader answers for the text (undefined otherwise). */
function bothPaths(text: string): { fast: unknown[]; full: unknown[] } | undefined {
  if (!readBlockYaml(text)) return undefined;
  const nodes = readBlockYamlNodes(text);
  if (!nodes) return undefined;
  return {
    fast: nodes.map((node, index) => (node === null ? shape(parseYamlStream(text)[index]?.contents) : shape(node))),
    full: parseYamlStream(text).map((document) => shape(document.contents)),
  };
}

const SCAFFOLDS = ['argocd', 'flux', 'helm'].flatMap((tool) =>
  ['infrastructure', 'application'].map((kind) => ({ tool, kind })),
);

const work = mkdtempSync(path.join(tmpdir(), 'gitops-init-positions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let scaffolds = 0;

/** A scaffold, with a few block-style files that rules report on (a workload, an unpinned image, a plaintext secret). */
async function scaffolded(tool: string, kind: string): Promise<string> {
  scaffolds += 1;
  const root = await scaffoldFixture(path.join(work, `${tool}-${kind}-${scaffolds}`), { tool, kind, host: 'github' });
  mkdirSync(path.join(root, 'extra'), { recursive: true });
  writeFileSync(
    path.join(root, 'extra/worker.yaml'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: worker',
      '  namespace: shop',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: worker',
      '          image: registry.example.com/worker:latest',
      '          env:',
      '            - name: API_TOKEN',
      '              value: "Qz7kP2maa19xTr8w"',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: creds, namespace: shop }',
      'stringData:',
      '  password: hunter2-hunter2',
      '',
    ].join('\n'),
  );
  return root;
}

function compareTree(root: string): { files: number; answered: number } {
  const files = fg.sync(['**/*.{yaml,yml}'], { cwd: root, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
  let answered = 0;
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    const paths = bothPaths(text);
    if (!paths) continue;
    answered += 1;
    expect({ file, nodes: paths.fast }).toEqual({ file, nodes: paths.full });
  }
  return { files: files.length, answered };
}

describe('nodes built by the fast reader', () => {
  it('equal a full parse on every fixture', () => {
    const { answered } = compareTree(path.join(ROOT, 'test/fixtures'));
    expect(answered).toBeGreaterThan(50);
  });

  it.each(SCAFFOLDS)('equal a full parse on every file of the $tool $kind scaffold', async ({ tool, kind }) => {
    const { files, answered } = compareTree(await scaffolded(tool, kind));
    expect(answered).toBeGreaterThan(files / 2);
  });

  it('equal a full parse on hand-written block-style documents', () => {
    const cases = [
      'a: 1  # c\nb:\n  - x\n  - y: "q"\n    z: |\n      lit\n\nc:\nd: [1, {e: 2}]\n---\n- k\n',
      'c: [ 1 , "x" ]   # t\nd: # only comment\ne: |+\n  keep\n\n\nf: >-\n  fold\n\n"g" : \'q\'\nh:\n- 1\n-\n- k: v\n  l: w\nz: 9',
      'kind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          args: ["--a", \'b\']\n',
      'a:   \nb: ~\nc: 0x1F\nd: .5\ne: -.inf\nf: "a\\"b"\n',
      'list:\n- a\n- b: |-\n    x\n\n  c: >\n    folded\n    text\n\n    more\n',
    ];
    for (const text of cases) {
      const paths = bothPaths(text);
      expect({ text, answered: paths !== undefined }).toEqual({ text, answered: true });
      expect({ text, nodes: paths?.fast }).toEqual({ text, nodes: paths?.full });
    }
  });

  it('leave a file to the full parse where comment lines end a collection', () => {
    expect(readBlockYamlNodes('a:\n  b: 1\n  # trailing\nc: 2\n')).toBeUndefined();
    expect(readBlockYaml('a:\n  b: 1\n  # trailing\nc: 2\n')).toBeDefined();
  });

  it('equal a full parse on generated block-style documents', () => {
    let seed = 20_261_204;
    const random = (): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const scalars = [
      'a',
      'b c',
      'x:y',
      'http://e.com/a',
      '-1',
      '0',
      '0o17',
      '0x1F',
      '1.50',
      '1e3',
      '-.inf',
      'true',
      'null',
      '~',
      '',
      "'q'",
      "'it''s'",
      '"d"',
      '"e\\"s"',
      'a #c',
      'a#b',
      '-x',
      '[a, b]',
      '[ a , "b" ]',
      '[]',
      '{}',
      '{ a: [1, 2], b: {c: d} }',
      '[{ a: 1 }, b]',
      'a  ',
    ];
    const keys = ['a', 'b', 'key', 'a b', '"q"', "'s'", 'x:y', 'k #c', 'é', 'image', 'name'];
    const blockScalar = (indent: number): string => {
      const pad = ' '.repeat(indent + 1 + Math.floor(random() * 3));
      let text = `${pick(['|', '|-', '|+', '>', '>-', '>+'])}${pick(['', ' #c', '  '])}\n`;
      for (let line = 0; line < 1 + Math.floor(random() * 4); line += 1) {
        text += pick([
          '\n',
          `${' '.repeat(Math.floor(random() * (pad.length + 3)))}\n`,
          `${pad}line a\n`,
          `${pad}b: c\n`,
        ]);
      }
      return text;
    };
    const value = (depth: number, indent: number, inMapping: boolean): string => {
      const draw = random();
      if (draw < 0.45) return `${pick([' ', ' ', '  '])}${pick(scalars)}${pick(['', '', ' # c', '  '])}\n`;
      if (draw < 0.55) return ` ${blockScalar(indent)}`;
      if (!inMapping && random() < 0.4) {
        let text = ` ${pick(keys)}:${value(depth + 1, indent + 2, true)}`;
        for (let more = Math.floor(random() * 3); more > 0; more -= 1)
          text += `${' '.repeat(indent + 2)}${pick(keys)}:${value(depth + 1, indent + 2, true)}`;
        return text;
      }
      const nested = pick([indent + 2, indent + 4, inMapping ? indent : indent + 2]);
      return `${pick(['', ' # c'])}\n${random() < 0.2 ? pick(['\n', '# comment\n', '  \n']) : ''}${block(depth + 1, nested) ?? ''}`;
    };
    const block = (depth: number, indent: number): string | undefined => {
      if (depth > 3 || random() < 0.2) return undefined;
      const isMapping = random() < 0.6;
      let text = '';
      for (let entry = 1 + Math.floor(random() * 4); entry > 0; entry -= 1) {
        if (random() < 0.1) text += pick(['\n', `${' '.repeat(indent)}# between\n`]);
        text += isMapping
          ? `${' '.repeat(indent)}${pick(keys)}:${value(depth, indent, true)}`
          : `${' '.repeat(indent)}-${value(depth, indent, false)}`;
      }
      return text;
    };
    let answered = 0;
    for (let run = 0; run < 6000; run += 1) {
      let text = '';
      for (let document = 1 + Math.floor(random() * 3); document > 0; document -= 1) {
        if (text !== '' || random() < 0.3) text += pick(['---\n', '--- \n', '--- # c\n']);
        text += block(0, pick([0, 0, 2])) ?? pick(['', 'scalar\n', '[a]\n', '{}\n']);
      }
      if (random() < 0.2) text = text.replace(/\n$/, '');
      const paths = bothPaths(text);
      if (!paths) continue;
      answered += 1;
      expect({ text, nodes: paths.fast }).toEqual({ text, nodes: paths.full });
    }
    // The comparison means something only where the reader answers.
    expect(answered).toBeGreaterThan(1500);
  });
});

/** The findings of a lint as what a user sees of them. */
function findings(results: readonly LintResult[]): unknown[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: result.filePath,
      ruleId: message.ruleId,
      message: message.message,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
    })),
  );
}

async function bothLints(cwd: string): Promise<{ fast: unknown[]; full: unknown[] }> {
  const run = async (): Promise<unknown[]> => findings((await lint({ cwd, concurrency: 1 })).results);
  const fast = await run();
  setFastNodes(false);
  try {
    return { fast, full: await run() };
  } finally {
    setFastNodes(true);
  }
}

describe('findings on block-style files', () => {
  it.each(SCAFFOLDS)(
    'are those of a full parse, with lines, columns and end positions, on the $tool $kind scaffold',
    async ({ tool, kind }) => {
      const root = await scaffolded(tool, kind);
      const { fast, full } = await bothLints(root);
      expect(fast.length).toBeGreaterThan(1);
      expect(fast).toEqual(full);
    },
  );

  it.each(fg.sync(['*'], { cwd: path.join(ROOT, 'test/fixtures'), onlyDirectories: true }))(
    'are those of a full parse on the fixture %s',
    async (fixture) => {
      const { fast, full } = await bothLints(path.join(ROOT, 'test/fixtures', fixture));
      expect(fast).toEqual(full);
    },
  );
});
