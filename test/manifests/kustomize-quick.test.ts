import fc from 'fast-check';
import { isScalar, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kustomizationReferences, quickKustomizationReferences } from '../../src/manifests/kustomize.js';

/** What the parser finds: the references of every document, or undefined when the text does not parse. */
function parsed(text: string): string[] | undefined {
  const documents = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  if (list.some((document) => document.errors.length > 0)) return undefined;
  return list
    .flatMap((document) =>
      kustomizationReferences(document.toJS()).map((reference) => {
        // Each reference's path leads to the node that holds it.
        const node = document.getIn(reference.at, true);
        expect(isScalar(node) && typeof node.value === 'string' && node.value.endsWith(reference.value)).toBe(true);
        return `${reference.field} ${reference.kind} ${reference.value}`;
      }),
    )
    .sort();
}

function quick(text: string): string[] | undefined {
  return quickKustomizationReferences(text)
    ?.map((reference) => `${reference.field} ${reference.kind} ${reference.value}`)
    .sort();
}

describe('quickKustomizationReferences', () => {
  it('reads plain kustomizations as the parser does', () => {
    const text = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      '# the app',
      'namespace: shop',
      'resources:',
      '- deployment.yaml',
      "- 'service.yaml' # quoted",
      '- "../../base"',
      '- https://github.com/acme/base//deploy?ref=v1',
      'components:',
      '  - ../components/monitoring',
      'patches:',
      '  - path: replicas.yaml',
      '    target:',
      '      kind: Deployment',
      '  - patch-inline.yaml',
      'patchesJson6902:',
      '  - target: { kind: Deployment }',
      'configMapGenerator:',
      '  - name: env',
      '    files:',
      '      - config/app.properties',
      '      - extra=config/extra.properties',
      '    envs:',
      '      - env/common.env',
      '    env: env/legacy.env',
      'openapi:',
      '  path: schema.json',
      '',
    ].join('\n');
    // The flow mapping is not read: the file is left to the parser.
    expect(quick(text)).toBeUndefined();
    const plain = text.replace('  - target: { kind: Deployment }', '  - path: json-patch.yaml');
    expect(quick(plain)).toEqual(parsed(plain));
    expect(quick(plain)).toContain('configMapGenerator.files file config/extra.properties');
  });

  it('leaves to the parser what it does not read: flow, block scalars, anchors, tags, several documents, duplicate keys, bad indentation', () => {
    for (const text of [
      'resources: [a.yaml]\n',
      'resources:\n  - |\n    a.yaml\n',
      'resources:\n  - &a a.yaml\n  - *a\n',
      'resources:\n  - !!str a.yaml\n',
      'resources:\n  - a.yaml\n---\nresources:\n  - b.yaml\n',
      'resources:\n  - a.yaml\nresources:\n  - b.yaml\n',
      'resources:\n  - a.yaml\n   - b.yaml\n',
      'resources:\n  - a\n    b\n',
      'resources:\n\t- a.yaml\n',
      'resources:\r\n  - a.yaml\r\n',
      'resources:\n  - "a\\u0041.yaml"\n',
    ]) {
      expect(quick(text), text).toBeUndefined();
    }
  });

  it('never finds other references than the parser, and reads nothing the parser rejects', () => {
    const keys = [
      'resources',
      'bases',
      'components',
      'crds',
      'patches',
      'patchesStrategicMerge',
      'patchesJson6902',
      'replacements',
      'configMapGenerator',
      'secretGenerator',
      'openapi',
      'path',
      'env',
      'envs',
      'files',
      'name',
      'target',
      'literals',
    ];
    const scalars = [
      'a.yaml',
      '../base',
      'dir/',
      "'q.yaml'",
      '"d.yaml"',
      '1',
      'true',
      'null',
      '~',
      '0x1F',
      '1e3',
      '.5',
      'x # c',
      'k=v.yaml',
      'http://h/x',
      "''",
      'a#b',
      'x.yaml   ',
    ];
    const broken = ['a: b', '[x]', '{}', '[]', "'it''s'", '&a x', '*a', '!t x', '|', '- x', 'x:', '"a\\"b"'];
    type Tree = string | { seq: (string | Entries)[] } | { map: Entries };
    type Entries = [string, Tree][];
    const { tree } = fc.letrec<{ tree: Tree; entries: Entries }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(...scalars),
        fc.record({
          seq: fc.array(fc.oneof(fc.constantFrom(...scalars), tie('entries')), { minLength: 1, maxLength: 3 }),
        }),
        fc.record({ map: tie('entries') }),
      ),
      entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), tie('tree')), {
        minLength: 1,
        maxLength: 3,
        selector: ([key]) => key,
      }),
    }));
    /** Renders a mapping in block style: `step` spaces per level, sequences indented or not. */
    const render = (entries: Entries, indent: number, step: number, indentless: boolean): string[] =>
      entries.flatMap(([key, value]) => {
        const pad = ' '.repeat(indent);
        if (typeof value === 'string') return [`${pad}${key}: ${value}`];
        if ('map' in value) return [`${pad}${key}:`, ...render(value.map, indent + step, step, indentless)];
        const itemIndent = indentless ? indent : indent + step;
        return [
          `${pad}${key}:`,
          ...value.seq.flatMap((item) => {
            const dash = `${' '.repeat(itemIndent)}- `;
            if (typeof item === 'string') return [`${dash}${item}`];
            const inner = render(item, itemIndent + 2, step, indentless);
            return [`${dash}${(inner[0] ?? '').trimStart()}`, ...inner.slice(1)];
          }),
        ];
      });
    const documents = fc.record({
      // Top-level keys are mostly the fields that name paths.
      root: fc.uniqueArray(fc.tuple(fc.constantFrom(...keys.slice(0, 11), 'namespace'), tree), {
        minLength: 1,
        maxLength: 5,
        selector: ([key]) => key,
      }),
      step: fc.constantFrom(2, 4),
      indentless: fc.boolean(),
      // Sometimes one line is replaced, duplicated or shifted, to check that what the parser rejects is not read either.
      damage: fc.option(
        fc.tuple(fc.nat(), fc.constantFrom('replace', 'duplicate', 'shift'), fc.constantFrom(...broken)),
        { freq: 3 },
      ),
    });
    let read = 0;
    let withReferences = 0;
    fc.assert(
      fc.property(documents, ({ root, step, indentless, damage }) => {
        const lines = render(root, 0, step, indentless);
        if (damage) {
          const [at, how, text] = damage;
          const index = at % lines.length;
          const line = lines[index] ?? '';
          if (how === 'replace')
            lines[index] =
              `${line.slice(0, line.length - line.trimStart().length)}${line.includes(':') ? `${line.trimStart().split(':')[0] ?? ''}: ` : '- '}${text}`;
          else if (how === 'duplicate') lines.splice(index, 0, line);
          else lines[index] = ` ${line}`;
        }
        const text = `${lines.join('\n')}\n`;
        const fromText = quick(text);
        if (fromText === undefined) return;
        read += 1;
        if (fromText.length > 0) withReferences += 1;
        expect(fromText, text).toEqual(parsed(text));
      }),
      { numRuns: 6000, seed: 9 },
    );
    // The property says something only if most generated files are read, many with references.
    expect(read).toBeGreaterThan(2000);
    expect(withReferences).toBeGreaterThan(400);
  });
});
