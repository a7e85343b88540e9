/**
 * Nodes with positions for the plain block-style YAML that block-yaml.ts reads, built by the same
 * reader without the `yaml` package's lexer, parser and composer: a rule that reports on a file
 * read by the fast reader gets its nodes from here, at a fraction of the cost of a full parse.
 *
 * The nodes are the `yaml` package's own classes (YAMLMap, YAMLSeq, Pair, Scalar) with the
 * values, scalar types, sources and ranges a full parse gives (`range` is [start, value end, node
 * end], as the package's composer sets it). They carry no comments and no number formats: they
 * are for reading and pointing at, not for writing back. Where the reader is not sure of a range
 * (comment lines that end a collection, whose range the package extends over them) it answers
 * undefined and the caller parses the file with the `yaml` package.
 * test/engine/positions.test.ts compares both on fixtures, scaffolds and generated documents.
 */
import type { Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import {
  NOT_PLAIN_START,
  OUTSIDE,
  Reader,
  UNSUPPORTED_CHARACTERS,
  resolvePlain,
  type ContentLine,
} from './block-yaml.js';
import { yamlPackage } from './yaml-nodes.js';

const NEWLINE = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;

type ScalarType = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/**
 * Prototypes for the nodes: the package's classes with their node type marker
 * (`Symbol.for('yaml.node.type')`, which the package's and yaml-nodes.ts's type guards read) set
 * once on the prototype. The classes' constructors set it on each node with
 * Object.defineProperty, which took half the time of building the nodes.
 */
interface Prototypes {
  scalar: Scalar;
  map: YAMLMap;
  seq: YAMLSeq;
  pair: Pair;
}

let prototypes: Prototypes | undefined;

function nodePrototypes(): Prototypes {
  if (prototypes) return prototypes;
  const yaml = yamlPackage();
  const marked = <T>(base: object, type: string): T =>
    Object.create(base, { [Symbol.for('yaml.node.type')]: { value: Symbol.for(`yaml.${type}`) } }) as T;
  prototypes = {
    scalar: marked(yaml.Scalar.prototype, 'scalar'),
    map: marked(yaml.YAMLMap.prototype, 'map'),
    seq: marked(yaml.YAMLSeq.prototype, 'seq'),
    pair: marked(yaml.Pair.prototype, 'pair'),
  };
  return prototypes;
}

function newPair(key: Scalar | YamlNode, value: YamlNode): Pair {
  const pair = Object.create(nodePrototypes().pair) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

function newCollection<T extends YAMLMap | YAMLSeq>(prototype: T): T {
  const collection = Object.create(prototype) as T;
  collection.items = [];
  return collection;
}

class NodeReader extends Reader {
  readonly #prototypes = nodePrototypes();
  /** Whether comment lines come before the entry being read (its key or `-`). */
  commentBefore = false;

  /** Whether the text from `from` to `to` holds a `#` (between content lines: a comment). */
  hasComment(from: number, to: number): boolean {
    const { text } = this;
    for (let index = from; index < to; index += 1) if (text.charCodeAt(index) === HASH) return true;
    return false;
  }

  scalar(value: unknown, type: ScalarType, source: string, start: number, valueEnd: number, end: number): Scalar {
    const scalar = Object.create(this.#prototypes.scalar) as Scalar;
    scalar.value = value;
    scalar.range = [start, valueEnd, end];
    scalar.source = source;
    scalar.type = type;
    return scalar;
  }

  /** An empty value (`key:` or `-` with nothing after it), where the package places it: after the spaces that follow the indicator; `next` is the content line after it. */
  empty(offset: number, next: ContentLine): Scalar {
    // After a comment, the package ends the empty node where the next content starts.
    const end = this.text.charCodeAt(offset) === HASH ? next.start + Math.max(next.indent, 0) : offset;
    return this.scalar(null, 'PLAIN', '', offset, offset, end);
  }

  /**
   * Ends a block collection at `start` whose last node ends at `last`. The `yaml` package
   * extends a collection's range over comment lines that end it; such files are left to it.
   */
  close<T extends YAMLMap | YAMLSeq>(collection: T, start: number, last: number, next: ContentLine): T {
    if (this.hasComment(this.position, next.start)) throw OUTSIDE;
    collection.range = [start, last, last];
    this.depth -= 1;
    return collection;
  }

  readRoots(): (YamlNode | null)[] {
    const roots: (YamlNode | null)[] = [];
    let line = this.contentLine(0);
    while (line.start < this.length) {
      if (line.indent === -1) {
        line = this.contentLine(this.nextLine(line.start));
        if (line.indent === -1) {
          roots.push(null);
          continue;
        }
      } else if (roots.length > 0) {
        throw OUTSIDE;
      }
      roots.push(this.nodeAt(line, -1));
      line = this.contentLine(this.position);
      if (line.indent !== -1) throw OUTSIDE;
    }
    return roots;
  }

  nodeAt(line: ContentLine, parentIndent: number): YamlNode {
    this.commentBefore = this.hasComment(this.position, line.start);
    const offset = line.start + line.indent;
    if (this.isItemAt(offset)) return this.sequenceNode(line.indent, offset);
    if (this.keyAt(offset) !== undefined) return this.mappingNode(line.indent, offset);
    const code = this.text.charCodeAt(offset);
    if (code === 124 || code === 62) throw OUTSIDE;
    return this.inlineNode(offset, parentIndent);
  }

  keyNode(offset: number, key: string): Scalar {
    const code = this.text.charCodeAt(offset);
    if (code === QUOTE || code === DOUBLE_QUOTE) {
      const end = this.readQuoted(offset).end;
      return this.scalar(key, code === QUOTE ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', key, offset, end, end);
    }
    return this.scalar(key, 'PLAIN', key, offset, offset + key.length, offset + key.length);
  }

  mappingNode(indent: number, firstKey: number): YAMLMap {
    this.enter();
    const mapping = newCollection(this.#prototypes.map);
    const items = mapping.items;
    let keyOffset = firstKey;
    for (;;) {
      const entry = this.keyAt(keyOffset);
      if (entry === undefined) throw OUTSIDE;
      const key = this.keyNode(keyOffset, entry.key);
      const value = this.valueNodeAfter(entry.after, indent, true);
      items.push(newPair(key, value));
      const line = this.contentLine(this.position);
      this.commentBefore = this.hasComment(this.position, line.start);
      if (line.indent < indent) return this.close(mapping, firstKey, value.range?.[2] ?? 0, line);
      if (line.indent > indent) throw OUTSIDE;
      keyOffset = line.start + indent;
      if (this.isItemAt(keyOffset)) throw OUTSIDE;
    }
  }

  sequenceNode(indent: number, firstItem: number): YAMLSeq {
    this.enter();
    const sequence = newCollection(this.#prototypes.seq);
    const items = sequence.items as YamlNode[];
    let itemOffset = firstItem;
    for (;;) {
      const item = this.valueNodeAfter(itemOffset + 1, indent, false);
      items.push(item);
      const line = this.contentLine(this.position);
      this.commentBefore = this.hasComment(this.position, line.start);
      if (line.indent > indent) throw OUTSIDE;
      itemOffset = line.start + indent;
      if (line.indent < indent || !this.isItemAt(itemOffset))
        return this.close(sequence, firstItem, item.range?.[2] ?? 0, line);
    }
  }

  valueNodeAfter(offset: number, indent: number, inMapping: boolean): YamlNode {
    const { text } = this;
    let index = offset;
    while (text.charCodeAt(index) === SPACE) index += 1;
    const code = text.charCodeAt(index);
    if (index >= this.length || code === NEWLINE || code === HASH) {
      if (code === HASH && index === offset) throw OUTSIDE;
      const next = this.nextLine(index);
      const line = this.contentLine(next);
      if (line.indent > indent) {
        // A comment after the indicator becomes the node's comment; its range starts at its content.
        return this.nodeAt(line, indent);
      }
      if (inMapping && line.indent === indent && this.isItemAt(line.start + indent))
        return this.sequenceNode(indent, line.start + indent);
      // The package's empty node takes in comment lines after it, and places itself after blank lines
      // that follow a comment: such files are left to it.
      if (line.start !== next && (code === HASH || this.hasComment(next, line.start))) throw OUTSIDE;
      // After comment lines, the package's empty node takes in its line break.
      if (code !== HASH && this.commentBefore) throw OUTSIDE;
      this.position = next;
      return this.empty(index, line);
    }
    if (index === offset && offset < this.length) throw OUTSIDE;
    if (!inMapping) {
      if (this.isItemAt(index)) throw OUTSIDE;
      const column = index - this.lineStart(index);
      if (this.keyAt(index) !== undefined) return this.mappingNode(column, index);
    }
    return this.inlineNode(index, indent);
  }

  inlineNode(offset: number, parentIndent: number): YamlNode {
    const { text } = this;
    const code = text.charCodeAt(offset);
    if (code === QUOTE || code === DOUBLE_QUOTE) {
      const quoted = this.readQuoted(offset);
      this.position = this.endOfLine(quoted.end);
      return this.scalar(
        quoted.value,
        code === QUOTE ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE',
        quoted.value,
        offset,
        quoted.end,
        this.position,
      );
    }
    if (code === 124 || code === 62) {
      const value = this.readBlockScalar(offset, parentIndent);
      let end = this.position;
      // Clipped and stripped scalars end after their last line with text; kept ones take the blank lines too.
      const header = text.charCodeAt(offset + 1);
      if (header !== 43) {
        while (end > offset) {
          const lineStart = text.lastIndexOf('\n', end - 2) + 1;
          if (lineStart <= offset || text.slice(lineStart, end - 1).trim() !== '') break;
          end = lineStart;
        }
      }
      return this.scalar(value, code === 124 ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED', value, offset, end, end);
    }
    if (code === 91 || code === 123) {
      const end = this.lineEnd(offset);
      const node = this.flowNode(offset, end, 0);
      const valueEnd = node.range?.[1] ?? offset;
      this.position = this.endOfLine(valueEnd);
      node.range = [offset, valueEnd, this.position];
      return node;
    }
    if (NOT_PLAIN_START.has(code) && !this.isPlainIndicatorStart(offset)) throw OUTSIDE;
    const end = this.lineEnd(offset);
    let stop = end;
    for (let index = offset; index < end; index += 1) {
      const current = text.charCodeAt(index);
      if (current === COLON) {
        const next = text.charCodeAt(index + 1);
        if (index + 1 >= end || next === SPACE) throw OUTSIDE;
      } else if (current === HASH && text.charCodeAt(index - 1) === SPACE) {
        stop = index;
        break;
      }
    }
    this.position = stop === end ? (end >= this.length ? this.length : end + 1) : this.nextLine(stop);
    const source = text.slice(offset, stop).trimEnd();
    return this.scalar(resolvePlain(source), 'PLAIN', source, offset, offset + source.length, this.position);
  }

  /** A flow node at `offset` (spaces skipped before): its range ends after the spaces that follow it. */
  flowNode(offset: number, end: number, depth: number): YamlNode {
    const { text } = this;
    if (depth > 64) throw OUTSIDE;
    let index = offset;
    while (text.charCodeAt(index) === SPACE) index += 1;
    const start = index;
    const code = text.charCodeAt(index);
    const afterSpaces = (from: number): number => {
      let at = from;
      while (text.charCodeAt(at) === SPACE) at += 1;
      return at;
    };
    if (code === 91 || code === 123) {
      const closing = code === 91 ? 93 : 125;
      const isSequence = code === 91;
      const collection = isSequence ? newCollection(this.#prototypes.seq) : newCollection(this.#prototypes.map);
      collection.flow = true;
      const items = collection.items as unknown[];
      const finish = (closeAt: number): YamlNode => {
        collection.range = [start, closeAt + 1, afterSpaces(closeAt + 1)];
        return collection;
      };
      index = afterSpaces(index + 1);
      if (text.charCodeAt(index) === closing) return finish(index);
      for (;;) {
        if (isSequence) {
          const item = this.flowNode(index, end, depth + 1);
          items.push(item);
          index = item.range?.[2] ?? end;
        } else {
          const key = this.flowNode(index, end, depth + 1);
          index = afterSpaces(key.range?.[2] ?? end);
          const value = this.flowNode(index + 1, end, depth + 1);
          items.push(newPair(key, value));
          index = value.range?.[2] ?? end;
        }
        index = afterSpaces(index);
        if (text.charCodeAt(index) === closing) return finish(index);
        index = afterSpaces(index + 1);
      }
    }
    if (code === QUOTE || code === DOUBLE_QUOTE) {
      const quoted = this.readQuoted(index);
      return this.scalar(
        quoted.value,
        code === QUOTE ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE',
        quoted.value,
        start,
        quoted.end,
        afterSpaces(quoted.end),
      );
    }
    let stop = index;
    while (stop < end) {
      const current = text.charCodeAt(stop);
      if (current === 44 || current === 93 || current === 125) break;
      if (current === COLON && text.charCodeAt(stop + 1) === SPACE) break;
      stop += 1;
    }
    const source = text.slice(index, stop).trimEnd();
    return this.scalar(
      resolvePlain(source),
      'PLAIN',
      source,
      start,
      start + source.length,
      afterSpaces(start + source.length),
    );
  }
}

/**
 * The root nodes of a block-style YAML stream that readBlockYaml reads (one per document, null
 * for an empty one), with the ranges a full parse gives; undefined where the reader is not sure
 * of every range, and the text must be parsed with the `yaml` package.
 */
export function readBlockYamlNodes(text: string): (YamlNode | null)[] | undefined {
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  try {
    return new NodeReader(text).readRoots();
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}
