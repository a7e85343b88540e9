import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/manifests/block-yaml.js';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';
import { parseYamlStream } from '../../src/manifests/yaml-parse.js';

/** What the `yaml` package, as the linter parses with it, makes of a text: its problems and, per document, the value and whether the root is a mapping. */
function fullParse(text: string): { problems: string[]; documents: { value: unknown; isMapping: boolean }[] } {
  const list = parseYamlStream(text);
  return {
    problems: list.flatMap((document) => [...document.errors, ...document.warnings].map((problem) => problem.code)),
    documents: list.map((document) => ({
      value: document.toJS() as unknown,
      isMapping: document.contents?.constructor.name === 'YAMLMap',
    })),
  };
}

/** The reader answers exactly as `yaml` does, and `yaml` finds nothing wrong with the text. */
function expectSameAsYaml(text: string): void {
  const read = readBlockYaml(text);
  expect(read, `the reader should answer for ${JSON.stringify(text)}`).toBeDefined();
  const full = fullParse(text);
  expect(full.problems).toEqual([]);
  expect(read).toEqual(full.documents);
}

/** Repeated keys: the reader leaves them to the parser, which reports them (parse with uniqueKeys off, as the linter does). */
function hasDuplicateKeys(text: string): boolean {
  return parseAllDocuments(text).some((document) => document.errors.some((error) => error.code === 'DUPLICATE_KEY'));
}

describe('readBlockYaml', () => {
  it('reads block-style manifests as the yaml package does', () => {
    const cases = [
      '',
      '# only a comment\n',
      'a: 1\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web # trailing comment\nspec:\n  replicas: 3\n',
      // a sequence at the same indent as its key, and compact mappings in sequence items
      'containers:\n- name: web\n  image: nginx:1.27\n  ports:\n  - containerPort: 80\n    protocol: TCP\n-   name: sidecar\n    args: ["--v=2", "--log", 3]\n',
      'list:\n  - a\n  -\n  - - not compact\n'.replace('  - - not compact\n', '  - c\n'),
      // scalars of the core schema
      'n: ~\nm: null\nnulls: NULL\nt: true\nf: False\ni: -12\nplus: +7\noct: 0o17\nhex: 0x1F\nfl: 1.50\nexp: 1e3\ninf: -.inf\nnan: .NaN\nstr: 1.2.3\nver: v1\ndate: 2001-12-14\nyes: yes\ncolon: a:b\nurl: http://example.com/#frag\nhash: a#b\ndash: -x\nempty:\n',
      'quoted: \'it\'\'s\'\ndouble: "a \\"b\\" \\\\ \\n \\t \\/"\n\'quoted key\': 1\n"double key": 2\n',
      // block scalars: literal and folded, every chomping, blank lines inside and after
      'a: |\n  line 1\n\n    indented\n  # not a comment\nb: |-\n  x\n\n\nc: |+\n  y\n\n\nd: >\n  folded\n  text\n\n  para\ne: >-\n  p\n  q\nf: >+\n  r\n\n',
      '- |\n  in a sequence\n- key: |\n    in a compact mapping\n  other: 1\n',
      // flow collections on one line
      'a: []\nb: {}\nc: [a, "b", 1, true, ~]\nd: { x: 1, y: [1, 2], z: { w: "v" } }\ne: [{ containerPort: 8080 }, { port: 80 }]\nf: [http://a/b]\n',
      // documents
      '---\na: 1\n---\nb: 2\n',
      '# header\n--- # comment\na: 1\n---\n',
      '---\n---\n',
      'a: 1\n...'.replace('...', '---\n- x\n'),
      'plain scalar document\n',
      '[a, b]\n',
      '{}\n',
      // no final line break
      'a: 1',
      'a:\n  - x',
      // indentation: any amount, and comments anywhere
      'top:\n    deep:\n         deeper: 1\n# at the left\n    again: 2\n  # in between\nnext: 3\n',
      '  indented: document\n  second: line\n',
    ];
    for (const text of cases) expectSameAsYaml(text);
  });

  it('leaves to the yaml package everything outside its subset, and everything that may be an error', () => {
    const cases = [
      'a: &anchor 1\nb: *anchor\n',
      'a: !!str 1\n',
      'a: !custom x\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      '? complex\n: key\n',
      'a: multi\n  line plain\n',
      'a: "multi\n  line quoted"\n',
      'a: [multi,\n  line]\n',
      'a: {x: 1\n',
      'a: [1, 2,]\n',
      'a: {x}\n',
      'a: "\\x41"\n',
      'a: |2\n   explicit indentation\n',
      'a: |\nb: empty block scalar\n',
      'a: |\n  no final line break',
      'a:\tb\n',
      'a: 1\r\nb: 2\r\n',
      '\ufeffa: 1\n',
      'a: 1\na: 2\n',
      'a: {x: 1, x: 2}\n',
      '1: numeric key\n',
      'true: boolean key\n',
      '__proto__: x\n',
      '<<: {a: 1}\n',
      'a:\n  <<:\n    b: 1\n  c: 2\n',
      'a: b: c\n',
      'a: - b\n',
      '- - nested compact sequence\n',
      'a:\n  b: 1\n c: 2\n',
      'a: 1\n  b: 2\n',
      'a: "x"y\n',
      'a: "x"#no space before the comment\n',
      '--- x\n',
      '@reserved: 1\n',
      'a: `reserved`\n',
      'key\n- item\n',
    ];
    for (const text of cases) {
      expect(readBlockYaml(text), JSON.stringify(text)).toBeUndefined();
    }
    // Nesting deeper than the reader goes (it recurses) is left to the parser, not a stack overflow.
    const deep = Array.from({ length: 5000 }, (_, level) => `${' '.repeat(level)}k:`).join('\n');
    expect(readBlockYaml(`${deep} 1\n`)).toBeUndefined();
    const nested = Array.from({ length: 400 }, (_, level) => `${' '.repeat(level)}k:`).join('\n');
    expect(readBlockYaml(`${nested} 1\n`)?.[0]?.isMapping).toBe(true);
  });

  it('never answers differently from the yaml package on generated documents, including broken ones', () => {
    let seed = 20_261_126;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const scalars = [
      'a',
      'b c',
      'x:y',
      'http://e.com/a',
      '-1',
      '+2',
      '0',
      '00',
      '0o17',
      '0x1F',
      '1.0',
      '1.50',
      '.5',
      '1e3',
      '-.inf',
      '.NaN',
      'true',
      'False',
      'tRue',
      'null',
      '~',
      '',
      "'q'",
      "'it''s'",
      '"d"',
      '"e\\"s"',
      '"\\n"',
      '"\\x41"',
      'a #c',
      'a#b',
      '-',
      '-x',
      '--flag',
      '?x',
      ':x',
      'a: b',
      '[a, b]',
      '[]',
      '{}',
      '{ a: [1, 2], b: {c: d} }',
      '[{ a: 1 }, b]',
      '[a,]',
      '{a}',
      '[a:b]',
      '&x a',
      '*x',
      '!!str 1',
      '|',
      '>-',
      '@x',
      '12:30',
      'é',
      '"',
      'a  ',
      'x]',
      '"a" b',
    ];
    const keys = [
      'a',
      'b',
      'key',
      'a b',
      '"q"',
      "'s'",
      '1',
      'true',
      '~',
      '-k',
      'x:y',
      '__proto__',
      'dup',
      'dup',
      '? k',
      '[a]',
      'k #c',
      '.5',
      'é',
    ];
    const blockScalar = (indent: number): string => {
      const pad = ' '.repeat(indent + 1 + Math.floor(random() * 3));
      let text = `${pick(['|', '|-', '|+', '>', '>-', '>+'])}${pick(['', ' #c', '  '])}\n`;
      for (let line = 0; line < 1 + Math.floor(random() * 4); line += 1) {
        text += pick([
          '\n',
          `${' '.repeat(Math.floor(random() * (pad.length + 3)))}\n`,
          `${pad}  more\n`,
          `${pad}# text\n`,
          `${pad}line a\n`,
          `${pad}b: c\n`,
        ]);
      }
      return text;
    };
    const value = (depth: number, indent: number, inMapping: boolean): string => {
      const draw = random();
      if (draw < 0.45) return `${pick([' ', ' ', '  ', ''])}${pick(scalars)}${pick(['', '', ' # c', '  '])}\n`;
      if (draw < 0.55) return ` ${blockScalar(indent)}`;
      if (!inMapping && random() < 0.4) {
        let text = ` ${pick(keys)}:${value(depth + 1, indent + 2, true)}`;
        for (let more = Math.floor(random() * 3); more > 0; more -= 1)
          text += `${' '.repeat(indent + 2)}${pick(keys)}:${value(depth + 1, indent + 2, true)}`;
        return text;
      }
      const nested = pick([indent + 2, indent + 4, indent + 1, inMapping ? indent : indent + 2]);
      return `${pick(['', ' # c'])}\n${random() < 0.2 ? pick(['\n', '# comment\n', '  \n']) : ''}${block(depth + 1, nested) ?? ''}`;
    };
    const block = (depth: number, indent: number): string | undefined => {
      if (depth > 3 || random() < 0.25) return undefined;
      const isMapping = random() < 0.55;
      let text = '';
      for (let entry = 1 + Math.floor(random() * 4); entry > 0; entry -= 1) {
        text += isMapping
          ? `${' '.repeat(indent)}${pick(keys)}:${value(depth, indent, true)}`
          : `${' '.repeat(indent)}-${value(depth, indent, false)}`;
      }
      return text;
    };
    let answered = 0;
    for (let run = 0; run < 4000; run += 1) {
      let text = '';
      for (let document = 1 + Math.floor(random() * 3); document > 0; document -= 1) {
        if (text !== '' || random() < 0.3) text += pick(['---\n', '--- \n', '--- # c\n', '...\n---\n']);
        text += block(0, pick([0, 0, 2])) ?? pick(['', 'scalar\n', '[a]\n', '{}\n']);
      }
      if (random() < 0.2) text = text.replace(/\n$/, '');
      if (random() < 0.2) {
        const at = Math.floor(random() * (text.length + 1));
        text =
          text.slice(0, at) +
          pick([' ', '\n', ':', '-', '#', '"', '[', ',', '\t', '']) +
          text.slice(at + (random() < 0.5 ? 1 : 0));
      }
      const read = readBlockYaml(text);
      if (!read) continue;
      answered += 1;
      const full = fullParse(text);
      expect({ text, problems: full.problems, duplicateKeys: hasDuplicateKeys(text) }).toEqual({
        text,
        problems: [],
        duplicateKeys: false,
      });
      expect({ text, documents: read }).toEqual({ text, documents: full.documents });
    }
    // The comparison means something only where the reader answers.
    expect(answered).toBeGreaterThan(400);
  });

  it('reads the test fixtures that it answers for as the yaml package does', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = await fg(['test/fixtures/**/*.{yaml,yml}'], { cwd: root, dot: true });
    let read = 0;
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      const documents = readBlockYaml(text);
      if (!documents) continue;
      read += 1;
      const full = fullParse(text);
      expect({ file, problems: full.problems }).toEqual({ file, problems: [] });
      expect({ file, documents }).toEqual({ file, documents: full.documents });
    }
    expect(read).toBeGreaterThan(10);
  });
});

describe('parseYamlFile', () => {
  it('gives a block-style file the nodes and positions of a full parse when a rule asks for them', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  key: |\n    a\n    b\n  other: "x"\n---\nkind: Service\n';
    const file = parseYamlFile('settings.yaml', text);
    expect(readBlockYaml(text)).toBeDefined();
    expect(file.documents.map((document) => document.value)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { key: 'a\nb\n', other: 'x' } },
      { kind: 'Service' },
    ]);
    const node = file.documents[0]?.document.getIn(['data', 'other'], true);
    expect(node && file.locate(node as never)).toEqual({
      start: { line: 9, column: 10 },
      end: { line: 9, column: 13 },
    });
    const kind = file.documents[1]?.document.get('kind', true);
    expect(kind && file.locate(kind as never).start).toEqual({ line: 11, column: 7 });
    expect(file.position(text.length)).toEqual({ line: 12, column: 1 });
  });

  it('reads a JSON file with JSON.parse when asked, with the positions of a full parse', () => {
    const text = '{\n  "name": "main",\n  "rules": [{ "type": "deletion" }]\n}\n';
    const file = parseYamlFile('ruleset.json', text, { json: true });
    expect(file.documents.map((document) => [document.value, document.isMapping])).toEqual([
      [{ name: 'main', rules: [{ type: 'deletion' }] }, true],
    ]);
    const node = file.documents[0]?.document.getIn(['rules', 0, 'type'], true);
    expect(node && file.locate(node as never).start).toEqual({ line: 3, column: 23 });
    // Not JSON: parsed as YAML, errors included.
    expect(parseYamlFile('broken.json', '{ "name": ', { json: true }).errors.length).toBeGreaterThan(0);
  });

  it('reports syntax errors and duplicate keys of files outside the subset as before', () => {
    const file = parseYamlFile('bad.yaml', 'a: 1\na: 2\nb: [1, 2\n');
    expect(file.errors.length).toBeGreaterThan(0);
    const duplicates = parseYamlFile('dup.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(duplicates.errors).toEqual([]);
    expect(duplicates.duplicateKeys.map((problem) => problem.message)).toEqual([
      'Map keys must be unique; "a" is repeated',
    ]);
    expect(duplicates.position(duplicates.duplicateKeys[0]?.range[0] ?? -1)).toEqual({ line: 3, column: 1 });
  });
});
