import * as yaml from 'yaml';
import { describe, expect, it } from 'vitest';
import { isDocument, isMap, isNode, isPair, isScalar, isSeq, yamlPackage } from '../../src/manifests/yaml-nodes.js';

const TEXT = 'base: &base { a: 1 }\nlist: [x, 2, null]\nref: *base\n? [complex, key]\n: value\n';

/** Every node, pair and document of a parsed text, and values that are none of these. */
function samples(): unknown[] {
  const document = yamlPackage().parseDocument(TEXT);
  const found: unknown[] = [document];
  yaml.visit(document, {
    Node: (_key, node) => {
      found.push(node);
    },
    Pair: (_key, pair) => {
      found.push(pair);
    },
  });
  return [...found, null, undefined, 'text', 42, {}, [], { items: [] }, new yaml.Document()];
}

describe('the node type guards', () => {
  it('agree with the yaml package on every node, pair, document and other value', () => {
    const values = samples();
    expect(values.length).toBeGreaterThan(15);
    for (const value of values) {
      expect(isMap(value)).toBe(yaml.isMap(value));
      expect(isSeq(value)).toBe(yaml.isSeq(value));
      expect(isScalar(value)).toBe(yaml.isScalar(value));
      expect(isPair(value)).toBe(yaml.isPair(value));
      expect(isDocument(value)).toBe(yaml.isDocument(value));
      expect(isNode(value)).toBe(yaml.isNode(value));
    }
  });

  it('recognize each kind of node at least once among the samples', () => {
    const values = samples();
    const guards: ((value: unknown) => boolean)[] = [isMap, isSeq, isScalar, isPair, isDocument, yaml.isAlias];
    for (const guard of guards) {
      expect(values.some((value) => guard(value))).toBe(true);
    }
    expect(values.filter((value) => yaml.isAlias(value)).every((value) => isNode(value))).toBe(true);
  });

  it('work on nodes made by another copy of the package (the ESM build)', () => {
    const document = yaml.parseDocument('a: [1]');
    expect(isDocument(document)).toBe(true);
    expect(isMap(document.contents)).toBe(true);
    expect(isSeq(document.getIn(['a'], true))).toBe(true);
  });
});

describe('yamlPackage', () => {
  it('loads the yaml package once and parses and writes with it', () => {
    const first = yamlPackage();
    expect(yamlPackage()).toBe(first);
    expect(first.parse('a: [1, b]')).toEqual({ a: [1, 'b'] });
    expect(first.stringify({ a: 'yes' })).toBe('a: yes\n');
  });
});
