import type { Alias, Document, LineCounter, Node as YamlNode } from 'yaml';
import { readBlockYaml, type BlockYamlDocument } from './block-yaml.js';
import { readBlockYamlNodes } from './block-yaml-nodes.js';
import { isMap, isPair, isScalar, isSeq, yamlPackage } from './yaml-nodes.js';
import { parseYamlStream } from './yaml-parse.js';

/** Why a file could not be read as UTF-8 text. */
export interface FileReadFailure {
  reason: 'missing' | 'unreadable' | 'binary' | 'invalid-utf8' | 'invalid-utf16' | 'too-large' | 'outside-repository';
  /** Human-readable detail, never the file's content. */
  detail: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

export interface YamlProblem {
  code: string;
  message: string;
  range: readonly [number, number];
  /** 0-based position in the file of the document the problem is in, for syntax errors. */
  document?: number;
}

export interface YamlDocument {
  /** 0-based position of the document in its file. */
  readonly index: number;
  /**
   * The parsed document with nodes and positions. Files in plain block style are read without
   * it (see block-yaml.ts) and parsed the first time a document's nodes are asked for: rules
   * work from `value` and ask for nodes when they report.
   */
  readonly document: Document.Parsed;
  /**
   * The document's root node, for reading and pointing at: `document.contents`, except that a
   * file in plain block style gets nodes built by its fast reader (block-yaml-nodes.ts) with the
   * same values and ranges as a full parse, without comments, so that a finding costs no parse.
   * Edit and write through `document`.
   */
  readonly contents: YamlNode | null;
  /** Whether the document's root is a mapping. */
  readonly isMapping: boolean;
  /** The document's contents as plain data, computed once; undefined when it could not be built. */
  readonly value: unknown;
  /** Set when the plain data could not be built, e.g. an alias bomb. */
  readonly valueError: YamlProblem | undefined;
}

export interface YamlFile {
  readonly path: string;
  readonly text: string;
  readonly documents: readonly YamlDocument[];
  /** Syntax errors of all documents. */
  readonly errors: readonly YamlProblem[];
  readonly duplicateKeys: readonly YamlProblem[];
  readonly position: (offset: number) => SourcePosition;
  /** 1-based start and end position of a node (end exclusive, as ESLint). */
  readonly locate: (node: YamlNode) => { start: SourcePosition; end: SourcePosition };
}

let fastNodes = true;

/**
 * Whether block-style files get their nodes from the fast reader (the default) or from a full
 * parse. Only test/engine/positions.test.ts turns it off, to compare the findings of both.
 */
export function setFastNodes(enabled: boolean): void {
  fastNodes = enabled;
}

/** Aliases resolved per document before the file counts as an alias bomb ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) {
    const value = key.value;
    return typeof value === 'object' && value !== null ? undefined : String(value);
  }
  return undefined;
}

/**
 * Finds duplicate keys in one pass with a Set per mapping. The `yaml` package's own check is
 * quadratic in the number of keys of a mapping, so files are parsed with `uniqueKeys: false`.
 */
function findDuplicateKeys(root: YamlNode | null, problems: YamlProblem[]): void {
  const stack: unknown[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const text = keyText(pair.key);
        if (text !== undefined) {
          if (seen.has(text)) {
            const key = pair.key as YamlNode;
            const range = key.range ?? [0, 0, 0];
            problems.push({
              code: 'DUPLICATE_KEY',
              message: `Map keys must be unique; "${text}" is repeated`,
              range: [range[0], range[1]],
            });
          }
          seen.add(text);
        }
        if (pair.value) stack.push(pair.value);
        if (pair.key && !isScalar(pair.key)) stack.push(pair.key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
}

/**
 * The alias whose resolution took a document over MAX_ALIAS_COUNT: `toJS` says only that the
 * limit was passed, so it is run again with each alias noting when it is being resolved. The
 * innermost alias still being resolved when `toJS` throws is the one that passed the limit
 * (each alias is resolved once, in document order, so this costs one more pass). The notes are
 * own properties of the aliases, removed afterwards.
 */
export function aliasOverLimit(document: Document.Parsed): Alias | undefined {
  const aliases: Alias[] = [];
  yamlPackage().visit(document, {
    Alias(_key, node) {
      aliases.push(node);
    },
  });
  const resolving: Alias[] = [];
  for (const alias of aliases) {
    const toJSON = alias.toJSON.bind(alias);
    Object.defineProperty(alias, 'toJSON', {
      configurable: true,
      writable: true,
      value: (...args: Parameters<Alias['toJSON']>): unknown => {
        resolving.push(alias);
        const value: unknown = toJSON(...args);
        resolving.pop();
        return value;
      },
    });
  }
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return undefined;
  } catch {
    return resolving.at(-1);
  } finally {
    for (const alias of aliases) delete (alias as Partial<Alias>).toJSON;
  }
}

class LazyYamlDocument implements YamlDocument {
  readonly index: number;
  readonly document: Document.Parsed;
  #computed = false;
  #value: unknown;
  #valueError: YamlProblem | undefined;

  constructor(index: number, document: Document.Parsed) {
    this.index = index;
    this.document = document;
  }

  #compute(): void {
    if (this.#computed) return;
    this.#computed = true;
    if (this.document.errors.length > 0) return;
    try {
      this.#value = this.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const isAliasBomb = error instanceof ReferenceError && /alias/i.test(error.message);
      // An alias bomb is reported at the alias that went over the limit, not at the document.
      const at = (isAliasBomb ? aliasOverLimit(this.document) : undefined) ?? this.document.contents;
      const range = at?.range ?? [0, 0, 0];
      this.#valueError = {
        code: isAliasBomb ? 'ALIAS_LIMIT' : 'INVALID_DOCUMENT',
        message: isAliasBomb
          ? `Aliases expand beyond the limit of ${MAX_ALIAS_COUNT} per document (a "billion laughs" file)`
          : error instanceof Error
            ? error.message
            : String(error),
        range: [range[0], range[1]],
      };
    }
  }

  get contents(): YamlNode | null {
    return this.document.contents;
  }

  get isMapping(): boolean {
    return isMap(this.document.contents);
  }

  get value(): unknown {
    this.#compute();
    return this.#value;
  }

  get valueError(): YamlProblem | undefined {
    this.#compute();
    return this.#valueError;
  }
}

/** A document read by readBlockYaml: its value now, its nodes when asked for. */
class BlockDocument implements YamlDocument {
  readonly index: number;
  readonly value: unknown;
  readonly isMapping: boolean;
  readonly valueError = undefined;
  readonly #parse: () => readonly Document.Parsed[];
  readonly #nodes: () => readonly (YamlNode | null)[] | undefined;

  constructor(
    index: number,
    read: BlockYamlDocument,
    parse: () => readonly Document.Parsed[],
    nodes: () => readonly (YamlNode | null)[] | undefined,
  ) {
    this.index = index;
    this.value = read.value;
    this.isMapping = read.isMapping;
    this.#parse = parse;
    this.#nodes = nodes;
  }

  get contents(): YamlNode | null {
    return this.#nodes()?.[this.index] ?? this.document.contents;
  }

  get document(): Document.Parsed {
    const document = this.#parse()[this.index];
    if (!document)
      throw new Error(
        `internal error: the yaml package found fewer documents than the block reader (document ${this.index + 1})`,
      );
    return document;
  }
}

function parseDocuments(text: string, lineCounter?: LineCounter): Document.Parsed[] {
  return parseYamlStream(text, lineCounter);
}

function positions(lineCounter: () => LinePositions): Pick<YamlFile, 'position' | 'locate'> {
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter().linePos(offset);
    return { line, column: col };
  };
  return {
    position,
    locate(node) {
      const range = node.range ?? [0, 0, 0];
      return { start: position(range[0]), end: position(range[1]) };
    },
  };
}

/** What positions are worked out from: the `yaml` package's LineCounter, or the same from a text's line starts. */
interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

/** Line starts of a text, as the `yaml` parser records them, and LineCounter's lookup of a position. */
function countLines(text: string): LinePositions {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return {
    linePos(offset) {
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((starts[middle] ?? 0) < offset) low = middle + 1;
        else high = middle;
      }
      if (starts[low] === offset) return { line: low + 1, col: 1 };
      if (low === 0) return { line: 0, col: offset };
      return { line: low, col: offset - (starts[low - 1] ?? 0) + 1 };
    },
  };
}

/** A JSON text's value as one document (JSON is YAML, and `yaml` reads it to the same value); undefined when it is not JSON. */
function readJson(text: string): BlockYamlDocument[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return [{ value, isMapping: typeof value === 'object' && value !== null && !Array.isArray(value) }];
}

/**
 * Parses a YAML stream with positions. Never throws for bad content: problems are data. Plain
 * block-style files (most manifests) are read for their values only, several times faster; their
 * nodes are parsed when a rule first asks for them. With `json`, a text that is JSON is read
 * with JSON.parse the same way (for .json files, which yaml-syntax does not check for
 * duplicate keys: JSON.parse keeps the last, as `yaml` does with uniqueKeys off).
 */
export function parseYamlFile(path: string, text: string, options: { json?: boolean } = {}): YamlFile {
  const read = options.json === true ? readJson(text) : readBlockYaml(text);
  if (read) {
    let documents: readonly Document.Parsed[] | undefined;
    let lineCounter: LinePositions | undefined;
    let nodes: readonly (YamlNode | null)[] | undefined;
    let hasReadNodes = false;
    const parse = (): readonly Document.Parsed[] => (documents ??= parseDocuments(text));
    // JSON texts keep the full parse: the block reader does not read flow style over several lines.
    const readNodes = (): readonly (YamlNode | null)[] | undefined => {
      if (!hasReadNodes && fastNodes && options.json !== true) nodes = readBlockYamlNodes(text);
      hasReadNodes = true;
      return nodes;
    };
    return {
      path,
      text,
      documents: read.map((document, index) => new BlockDocument(index, document, parse, readNodes)),
      errors: [],
      duplicateKeys: [],
      ...positions(() => (lineCounter ??= countLines(text))),
    };
  }
  const lineCounter = new (yamlPackage().LineCounter)();
  const list = parseDocuments(text, lineCounter);
  const errors: YamlProblem[] = [];
  const duplicateKeys: YamlProblem[] = [];
  const documents: YamlDocument[] = [];
  list.forEach((document, index) => {
    for (const error of document.errors) {
      errors.push({
        code: error.code,
        message: error.message.split('\n')[0] ?? error.message,
        range: [error.pos[0], error.pos[1]],
        document: index,
      });
    }
    findDuplicateKeys(document.contents, duplicateKeys);
    documents.push(new LazyYamlDocument(index, document));
  });
  return { path, text, documents, errors, duplicateKeys, ...positions(() => lineCounter) };
}
