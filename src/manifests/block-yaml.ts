/**
 * A fast reader for the plain block-style YAML that most manifests are written in: block
 * mappings and sequences, plain, single-line quoted, literal and folded scalars, empty or
 * one-line flow sequences, `{}`, comments and `---` between documents.
 *
 * It gives the documents' values only, without nodes or positions, at a fraction of the cost of
 * a full parse. It answers only where it is sure: for anything else (anchors, aliases, tags,
 * multi-line plain or quoted scalars, flow mappings with content, directives, tabs, carriage
 * returns, keys that are not strings, duplicate keys, anything that might be an error) it
 * returns undefined and the caller parses with the `yaml` package. Where it answers, the values
 * are those of `parseAllDocuments(text, { uniqueKeys: false })` and `toJS()`, and that parse
 * reports no error, warning or duplicate key (test/manifests/block-yaml.test.ts compares both).
 */

/** One document of a stream read by readBlockYaml. */
export interface BlockYamlDocument {
  /** The document as plain data, as `toJS()` gives it. */
  readonly value: unknown;
  /** Whether the document's root is a mapping. */
  readonly isMapping: boolean;
}

/** Thrown inside the reader for anything outside its subset; never escapes readBlockYaml. */
export class OutsideSubset extends Error {}
/** One instance, made once: a stack trace per refused file would cost more than the refusal. */
export const OUTSIDE = new OutsideSubset('outside the block-style subset');

const NEWLINE = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;

/** Characters that may not start a plain scalar (or start something this reader leaves to `yaml`). */
export const NOT_PLAIN_START = new Set([...',[]{}#&*!|>\'"%@`?:-'].map((character) => character.charCodeAt(0)));

/** Characters a text may not contain to be read here: tabs, carriage returns, other controls, BOM, NEL, line separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const UNSUPPORTED_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;

/** Nesting of block collections beyond which a document is left to `yaml` (the reader recurses). */
const MAX_DEPTH = 500;

/** Longest implicit key YAML allows is 1024 characters; stay well inside it. */
const MAX_KEY_LENGTH = 1000;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const INT = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NOT_A_NUMBER = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar's value under YAML 1.2's core schema, as the `yaml` package resolves it. */
export function resolvePlain(text: string): unknown {
  if (NULLS.has(text)) return null;
  const first = text.charCodeAt(0);
  // Only these can start a boolean or a number.
  if (first === 116 || first === 84) return TRUES.has(text) ? true : text;
  if (first === 102 || first === 70) return FALSES.has(text) ? false : text;
  if (!((first >= 48 && first <= 57) || first === 43 || first === DASH || first === 46)) return text;
  if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  if (NOT_A_NUMBER.test(text))
    return text.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : text.startsWith('-')
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (FLOAT.test(text)) return parseFloat(text);
  return text;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
};

export interface ContentLine {
  /** Offset of the line's first character. */
  start: number;
  /** Its indentation; -1 at the end of the text or of the document (a `---` line). */
  indent: number;
}

/** The reader; block-yaml-nodes.ts extends it to build nodes with positions. */
export class Reader {
  readonly text: string;
  readonly length: number;
  /** Where reading goes on: always the start of a line (or the end of the text). */
  position = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  /** Offset of the end of the line holding `offset` (its newline, or the end of the text). */
  lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end === -1 ? this.length : end;
  }

  /** The start of the line after the one holding `offset`. */
  nextLine(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end === -1 ? this.length : end + 1;
  }

  /** The first line from `offset` (a line start) that is not blank or a comment. */
  contentLine(offset: number): ContentLine {
    const { text, length } = this;
    let start = offset;
    while (start < length) {
      let index = start;
      while (text.charCodeAt(index) === SPACE) index += 1;
      const code = text.charCodeAt(index);
      if (index >= length) break;
      if (code === NEWLINE) {
        start = index + 1;
        continue;
      }
      if (code === HASH) {
        start = this.nextLine(index);
        continue;
      }
      const indent = index - start;
      if (indent === 0 && this.isMarker(start)) return { start, indent: -1 };
      return { start, indent };
    }
    return { start: length, indent: -1 };
  }

  /** Whether a line is a document marker: `---` is read as a separator, anything else there is left to `yaml`. */
  isMarker(start: number): boolean {
    const { text } = this;
    const three = text.slice(start, start + 3);
    if (three !== '---' && three !== '...') {
      if (text.charCodeAt(start) === 37) throw OUTSIDE; // % directive
      return false;
    }
    const after = text.charCodeAt(start + 3);
    if (!(start + 3 >= this.length || after === NEWLINE || after === SPACE)) return false;
    if (three === '...') throw OUTSIDE;
    if (after === SPACE) this.endOfLine(start + 3); // only a comment may follow
    return true;
  }

  /** After a scalar or collection on a line: only spaces and a comment (after a space) may follow. */
  endOfLine(offset: number): number {
    const { text } = this;
    let index = offset;
    while (text.charCodeAt(index) === SPACE) index += 1;
    if (index >= this.length) return this.length;
    const code = text.charCodeAt(index);
    if (code === NEWLINE) return index + 1;
    if (code === HASH && index > offset) return this.nextLine(index);
    throw OUTSIDE;
  }

  isItemAt(offset: number): boolean {
    if (this.text.charCodeAt(offset) !== DASH) return false;
    const next = this.text.charCodeAt(offset + 1);
    return offset + 1 >= this.length || next === SPACE || next === NEWLINE;
  }

  readStream(): BlockYamlDocument[] {
    const documents: BlockYamlDocument[] = [];
    let line = this.contentLine(0);
    while (line.start < this.length) {
      if (line.indent === -1) {
        // A `---` line opens a document; another one (or the end) right after it leaves it empty.
        line = this.contentLine(this.nextLine(line.start));
        if (line.indent === -1) {
          documents.push({ value: null, isMapping: false });
          continue;
        }
      } else if (documents.length > 0) {
        throw OUTSIDE;
      }
      documents.push(this.readNode(line, -1));
      line = this.contentLine(this.position);
      if (line.indent !== -1) throw OUTSIDE;
    }
    return documents;
  }

  /** How deep the block collections being read are nested. */
  depth = 0;

  /** A node that starts a line of its own, more indented than its parent. */
  readNode(line: ContentLine, parentIndent: number): { value: unknown; isMapping: boolean } {
    const offset = line.start + line.indent;
    if (this.isItemAt(offset)) return { value: this.readSequence(line.indent, offset), isMapping: false };
    const key = this.keyAt(offset);
    if (key !== undefined) return { value: this.readMapping(line.indent, offset), isMapping: true };
    const code = this.text.charCodeAt(offset);
    if (code === 124 || code === 62) throw OUTSIDE; // a block scalar header on a line of its own
    const value = this.readInlineValue(offset, parentIndent);
    // A flow mapping (`{}`) is the only inline value that reads as an object.
    return { value, isMapping: typeof value === 'object' && value !== null && !Array.isArray(value) };
  }

  /** Deeply nested documents (a stack's worth) are left to `yaml`, which reports or reads them. */
  enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw OUTSIDE;
  }

  /**
   * The key at `offset` when the line there is a mapping entry (`key: ...` or `key:`), as
   * { key, after } with `after` just past the colon; undefined when it is not an entry.
   */
  keyAt(offset: number): { key: string; after: number } | undefined {
    const { text } = this;
    const code = text.charCodeAt(offset);
    if (code === 91 || code === 123) return undefined; // a flow collection (as a key, it is left to `yaml` by what follows it)
    if (code === QUOTE || code === DOUBLE_QUOTE) {
      const quoted = this.readQuoted(offset);
      let index = quoted.end;
      while (text.charCodeAt(index) === SPACE) index += 1;
      if (text.charCodeAt(index) !== COLON) return undefined;
      const after = text.charCodeAt(index + 1);
      if (!(index + 1 >= this.length || after === SPACE || after === NEWLINE)) return undefined;
      if (quoted.end - offset > MAX_KEY_LENGTH) throw OUTSIDE;
      return { key: quoted.value, after: index + 1 };
    }
    const end = this.lineEnd(offset);
    let colon = -1;
    for (let index = offset; index < end; index += 1) {
      const current = text.charCodeAt(index);
      if (current === COLON) {
        const next = text.charCodeAt(index + 1);
        if (index + 1 >= end || next === SPACE) {
          colon = index;
          break;
        }
      } else if (current === HASH && index > offset && text.charCodeAt(index - 1) === SPACE) {
        return undefined;
      }
    }
    if (colon === -1) return undefined;
    if (colon - offset > MAX_KEY_LENGTH) throw OUTSIDE;
    if (NOT_PLAIN_START.has(code) && !this.isPlainIndicatorStart(offset)) throw OUTSIDE;
    const key = text.slice(offset, colon).trimEnd();
    // Keys that resolve to something other than a string, and keys JavaScript treats specially.
    if (resolvePlain(key) !== key || key === '__proto__' || key === '<<') throw OUTSIDE;
    return { key, after: colon + 1 };
  }

  /** `-`, `?` and `:` may start a plain scalar when a non-space character follows. */
  isPlainIndicatorStart(offset: number): boolean {
    const code = this.text.charCodeAt(offset);
    if (code !== DASH) return false; // `?` and `:` starts are left to `yaml`
    const next = this.text.charCodeAt(offset + 1);
    return offset + 1 < this.length && next !== SPACE && next !== NEWLINE;
  }

  readMapping(indent: number, firstKey: number): Record<string, unknown> {
    this.enter();
    const mapping: Record<string, unknown> = {};
    let keyOffset = firstKey;
    for (;;) {
      const entry = this.keyAt(keyOffset);
      if (entry === undefined) throw OUTSIDE;
      if (Object.hasOwn(mapping, entry.key)) throw OUTSIDE; // a duplicate key: reported by the full parse
      mapping[entry.key] = this.readValueAfter(entry.after, indent, true);
      const line = this.contentLine(this.position);
      if (line.indent < indent) {
        this.depth -= 1;
        return mapping;
      }
      if (line.indent > indent) throw OUTSIDE;
      keyOffset = line.start + indent;
      if (this.isItemAt(keyOffset)) throw OUTSIDE;
    }
  }

  readSequence(indent: number, firstItem: number): unknown[] {
    this.enter();
    const sequence: unknown[] = [];
    let itemOffset = firstItem;
    for (;;) {
      sequence.push(this.readValueAfter(itemOffset + 1, indent, false));
      const line = this.contentLine(this.position);
      if (line.indent > indent) throw OUTSIDE;
      itemOffset = line.start + indent;
      // A key at the same indent ends a sequence that is a mapping's value; the mapping reads it.
      if (line.indent < indent || !this.isItemAt(itemOffset)) {
        this.depth -= 1;
        return sequence;
      }
    }
  }

  /**
   * The value after a mapping's `key:` or a sequence's `-` (at `offset`, just past the
   * indicator), in a collection at `indent`. Leaves `position` at the start of the next line.
   */
  readValueAfter(offset: number, indent: number, inMapping: boolean): unknown {
    const { text } = this;
    let index = offset;
    while (text.charCodeAt(index) === SPACE) index += 1;
    const code = text.charCodeAt(index);
    if (index >= this.length || code === NEWLINE || code === HASH) {
      if (code === HASH && index === offset) throw OUTSIDE;
      const next = this.nextLine(index);
      const line = this.contentLine(next);
      if (line.indent > indent) return this.readNode(line, indent).value;
      if (inMapping && line.indent === indent && this.isItemAt(line.start + indent))
        return this.readSequence(indent, line.start + indent);
      this.position = next;
      return null;
    }
    if (index === offset && offset < this.length) throw OUTSIDE; // no space after the indicator
    if (!inMapping) {
      if (this.isItemAt(index)) throw OUTSIDE; // `- - item`
      const column = index - this.lineStart(index);
      if (this.keyAt(index) !== undefined) return this.readMapping(column, index);
    }
    return this.readInlineValue(index, indent);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** A scalar or one-line flow collection starting at `offset` and ending its line. */
  readInlineValue(offset: number, parentIndent: number): unknown {
    const { text } = this;
    const code = text.charCodeAt(offset);
    if (code === QUOTE || code === DOUBLE_QUOTE) {
      const quoted = this.readQuoted(offset);
      this.position = this.endOfLine(quoted.end);
      return quoted.value;
    }
    if (code === 124 || code === 62) return this.readBlockScalar(offset, parentIndent);
    if (code === 91 || code === 123) return this.readFlowCollection(offset);
    if (NOT_PLAIN_START.has(code) && !this.isPlainIndicatorStart(offset)) throw OUTSIDE;
    const end = this.lineEnd(offset);
    let stop = end;
    for (let index = offset; index < end; index += 1) {
      const current = text.charCodeAt(index);
      if (current === COLON) {
        const next = text.charCodeAt(index + 1);
        if (index + 1 >= end || next === SPACE) throw OUTSIDE; // a mapping where a scalar belongs
      } else if (current === HASH && text.charCodeAt(index - 1) === SPACE) {
        stop = index;
        break;
      }
    }
    this.position = stop === end ? (end >= this.length ? this.length : end + 1) : this.nextLine(stop);
    return resolvePlain(text.slice(offset, stop).trimEnd());
  }

  /** A single-line quoted scalar at `offset`: its value and the offset after its closing quote. */
  readQuoted(offset: number): { value: string; end: number } {
    const { text } = this;
    const quote = text.charCodeAt(offset);
    const end = this.lineEnd(offset);
    if (quote === QUOTE) {
      let value = '';
      let from = offset + 1;
      for (;;) {
        const close = text.indexOf("'", from);
        if (close === -1 || close >= end) throw OUTSIDE;
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += "'";
          from = close + 2;
          continue;
        }
        return { value, end: close + 1 };
      }
    }
    let value = '';
    let from = offset + 1;
    for (let index = from; index < end; index += 1) {
      const current = text.charCodeAt(index);
      if (current === DOUBLE_QUOTE) return { value: value + text.slice(from, index), end: index + 1 };
      if (current === 92) {
        const escaped = ESCAPES[text[index + 1] ?? ''];
        if (escaped === undefined) throw OUTSIDE;
        value += text.slice(from, index) + escaped;
        index += 1;
        from = index + 1;
      }
    }
    throw OUTSIDE;
  }

  /** A flow collection (`[...]` or `{...}`) that starts at `offset` and closes on the same line. */
  readFlowCollection(offset: number): unknown {
    const end = this.lineEnd(offset);
    const { value, next } = this.readFlow(offset, end, 0);
    this.position = this.endOfLine(next);
    return value;
  }

  /** The flow node at `offset` (spaces skipped before), on one line ending at `end`. */
  readFlow(offset: number, end: number, depth: number): { value: unknown; next: number } {
    const { text } = this;
    if (depth > 64) throw OUTSIDE;
    let index = offset;
    while (text.charCodeAt(index) === SPACE) index += 1;
    const code = text.charCodeAt(index);
    if (code === 91 || code === 123) {
      const closing = code === 91 ? 93 : 125;
      const isSequence = code === 91;
      const sequence: unknown[] = [];
      const mapping: Record<string, unknown> = {};
      index += 1;
      while (text.charCodeAt(index) === SPACE) index += 1;
      if (text.charCodeAt(index) === closing) return { value: isSequence ? sequence : mapping, next: index + 1 };
      for (;;) {
        if (isSequence) {
          const item = this.readFlow(index, end, depth + 1);
          sequence.push(item.value);
          index = item.next;
        } else {
          const key = this.readFlow(index, end, depth + 1);
          if (
            typeof key.value !== 'string' ||
            key.value === '__proto__' ||
            key.value === '<<' ||
            Object.hasOwn(mapping, key.value)
          )
            throw OUTSIDE;
          index = key.next;
          while (text.charCodeAt(index) === SPACE) index += 1;
          if (text.charCodeAt(index) !== COLON || text.charCodeAt(index + 1) !== SPACE) throw OUTSIDE;
          const value = this.readFlow(index + 1, end, depth + 1);
          mapping[key.value] = value.value;
          index = value.next;
        }
        while (text.charCodeAt(index) === SPACE) index += 1;
        const separator = text.charCodeAt(index);
        if (separator === closing) return { value: isSequence ? sequence : mapping, next: index + 1 };
        if (separator !== 44 || index >= end) throw OUTSIDE;
        index += 1;
        while (text.charCodeAt(index) === SPACE) index += 1;
        if (text.charCodeAt(index) === closing || index >= end) throw OUTSIDE; // a trailing comma is left to `yaml`
      }
    }
    if (code === QUOTE || code === DOUBLE_QUOTE) {
      const quoted = this.readQuoted(index);
      return { value: quoted.value, next: quoted.end };
    }
    if (index >= end || (NOT_PLAIN_START.has(code) && !this.isPlainIndicatorStart(index))) throw OUTSIDE;
    let stop = index;
    while (stop < end) {
      const current = text.charCodeAt(stop);
      if (current === 44 || current === 93 || current === 125) break;
      if (current === 91 || current === 123 || current === HASH) throw OUTSIDE;
      if (current === COLON) {
        const next = text.charCodeAt(stop + 1);
        if (next === SPACE) break; // a flow mapping's key ends here
        // `:` inside a plain scalar only before a letter, digit or slash (`http://`, `a:b`).
        if (!((next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 47))
          throw OUTSIDE;
      }
      stop += 1;
    }
    if (stop >= end) throw OUTSIDE;
    const plain = text.slice(index, stop).trimEnd();
    if (plain.length > MAX_KEY_LENGTH) throw OUTSIDE;
    return { value: resolvePlain(plain), next: stop };
  }

  /** A literal (`|`) or folded (`>`) scalar whose header is at `offset`, in a node at `parentIndent`. */
  readBlockScalar(offset: number, parentIndent: number): string {
    const { text } = this;
    if (parentIndent < 0) throw OUTSIDE;
    const folded = text.charCodeAt(offset) === 62;
    let index = offset + 1;
    const chomp = text[index] === '-' ? 'strip' : text[index] === '+' ? 'keep' : 'clip';
    if (chomp !== 'clip') index += 1;
    const contentStart = this.endOfLine(index);
    if (contentStart >= this.length) throw OUTSIDE;
    // Lines of the scalar: up to the first line with text that is not indented more than the parent.
    const lines: string[] = [];
    let indent = -1;
    let line = contentStart;
    let trailing = 0;
    while (line < this.length) {
      const lineEnd = this.lineEnd(line);
      let column = line;
      while (column < lineEnd && text.charCodeAt(column) === SPACE) column += 1;
      const spaces = column - line;
      if (column === lineEnd) {
        // A blank line: part of the scalar if more text follows, else trailing (chomped).
        if (indent !== -1 && spaces > indent) throw OUTSIDE;
        if (indent === -1 && spaces > parentIndent + 1) throw OUTSIDE;
        if (lineEnd >= this.length) throw OUTSIDE;
        lines.push('');
        trailing += 1;
        line = lineEnd + 1;
        continue;
      }
      if (indent === -1) {
        if (spaces <= parentIndent) throw OUTSIDE; // an empty block scalar
        indent = spaces;
      }
      if (spaces < indent) break;
      if (lineEnd >= this.length) throw OUTSIDE; // no final line break
      if (folded && spaces > indent) throw OUTSIDE; // more-indented lines keep their breaks
      lines.push(text.slice(line + indent, lineEnd));
      trailing = 0;
      line = lineEnd + 1;
    }
    if (indent === -1) throw OUTSIDE;
    this.position = line;
    const content = lines.slice(0, lines.length - trailing);
    let body: string;
    if (folded) {
      body = '';
      let empty = 0;
      content.forEach((part, position) => {
        if (part === '') {
          empty += 1;
          return;
        }
        if (position > 0) body += empty > 0 ? '\n'.repeat(empty) : ' ';
        else if (empty > 0) body += '\n'.repeat(empty);
        body += part;
        empty = 0;
      });
    } else {
      body = content.join('\n');
    }
    if (chomp === 'strip') return body;
    if (chomp === 'clip') return body === '' ? '' : `${body}\n`;
    return `${body}\n${'\n'.repeat(trailing)}`;
  }
}

/**
 * The documents of a YAML stream as plain data when the text is plain block-style YAML that
 * this reader is sure about; undefined when it must be parsed with the `yaml` package.
 */
export function readBlockYaml(text: string): BlockYamlDocument[] | undefined {
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  try {
    return new Reader(text).readStream();
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}
