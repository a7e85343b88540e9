/**
 * The `yaml` package's node type guards, and the package itself loaded on first use.
 *
 * Loading `yaml` costs about 25 ms (some 80 modules), and most lint runs never parse with it:
 * manifests in plain block style are read by block-yaml.ts and a run over unchanged files
 * parses nothing. The guards are the package's own tests (a node's `Symbol.for('yaml.node.type')`
 * marker, shared by every copy of the package), so they work on its nodes without loading it.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Alias, Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');
const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');

function typeOf(node: unknown): symbol | undefined {
  return typeof node === 'object' && node !== null
    ? ((node as Record<symbol, unknown>)[NODE_TYPE] as symbol | undefined)
    : undefined;
}

export function isMap<K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> {
  return typeOf(node) === MAP;
}

export function isSeq<T = unknown>(node: unknown): node is YAMLSeq<T> {
  return typeOf(node) === SEQ;
}

export function isScalar<T = unknown>(node: unknown): node is Scalar<T> {
  return typeOf(node) === SCALAR;
}

export function isPair<K = unknown, V = unknown>(node: unknown): node is Pair<K, V> {
  return typeOf(node) === PAIR;
}

export function isDocument(node: unknown): node is Document {
  return typeOf(node) === DOC;
}

/** A node of a document: an alias, a mapping, a scalar or a sequence (not a pair or a document). */
export function isNode(node: unknown): node is Node | Alias {
  const type = typeOf(node);
  return type === ALIAS || type === MAP || type === SCALAR || type === SEQ;
}

let loaded: typeof Yaml | undefined;

/** The `yaml` package, loaded the first time something is parsed or written with it. */
export function yamlPackage(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
