import path from 'node:path';
import { isRecord } from './plain-data.js';

/** File names kustomize accepts for a kustomization, in its own lookup order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomizationFile(file: string): boolean {
  const base = path.posix.basename(file);
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(base);
}

export type KustomizeReferenceKind = 'resource' | 'component' | 'file';

/**
 * Remote targets are URLs (`https://…`, `git@…`, `ssh://…`) or kustomize's go-getter style
 * `host.tld/org/repo//path?ref=…`: their first segment is a host name.
 */
export function isRemoteReference(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git@') || value.includes('?ref=')) return true;
  const first = value.split('/')[0] ?? '';
  return value.includes('/') && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i.test(first) && !first.startsWith('.');
}

/** Strips kustomize's `key=path` form used by generators' `files`. */
function generatorFilePath(entry: string): string {
  const index = entry.indexOf('=');
  return index === -1 ? entry : entry.slice(index + 1);
}

/** A local path that a kustomization names, found in its plain data, with where it is. */
export interface KustomizeReference {
  field: string;
  kind: KustomizeReferenceKind;
  /** The path as written. */
  value: string;
  /** Mapping keys and sequence indexes from the document's root to the path's scalar. */
  at: readonly (string | number)[];
}

/**
 * The local paths a kustomization document names (resources, components, patches, generator
 * files, ...), found in its plain data: a file read by the block reader is not parsed into
 * nodes for it; `at` locates a reference's node when one is reported.
 */
export function kustomizationReferences(root: unknown): KustomizeReference[] {
  const references: KustomizeReference[] = [];
  if (!isRecord(root)) return references;
  const add = (field: string, kind: KustomizeReferenceKind, at: readonly (string | number)[], value: unknown): void => {
    if (typeof value !== 'string' || value.trim() === '' || value.includes('\n') || isRemoteReference(value)) return;
    references.push({ field, kind, value, at });
  };
  const sequence = (key: string): unknown[] => {
    const value = Object.hasOwn(root, key) ? root[key] : undefined;
    return Array.isArray(value) ? value : [];
  };
  for (const field of ['resources', 'bases'] as const) {
    sequence(field).forEach((item, index) => add(field, 'resource', [field, index], item));
  }
  sequence('components').forEach((item, index) => add('components', 'component', ['components', index], item));
  for (const field of [
    'crds',
    'configurations',
    'patchesStrategicMerge',
    'generators',
    'transformers',
    'validators',
  ] as const) {
    const kind = field === 'generators' || field === 'transformers' || field === 'validators' ? 'resource' : 'file';
    sequence(field).forEach((item, index) => add(field, kind, [field, index], item));
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements'] as const) {
    sequence(field).forEach((item, index) => {
      if (isRecord(item))
        add(field, 'file', [field, index, 'path'], Object.hasOwn(item, 'path') ? item.path : undefined);
      else if (field === 'patches') add(field, 'file', [field, index], item);
    });
  }
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    sequence(field).forEach((generator, index) => {
      if (!isRecord(generator)) return;
      const files = Object.hasOwn(generator, 'files') ? generator.files : undefined;
      if (Array.isArray(files)) {
        files.forEach((item: unknown, position) =>
          add(
            `${field}.files`,
            'file',
            [field, index, 'files', position],
            typeof item === 'string' ? generatorFilePath(item) : undefined,
          ),
        );
      }
      const envs = Object.hasOwn(generator, 'envs') ? generator.envs : undefined;
      if (Array.isArray(envs))
        envs.forEach((item: unknown, position) => add(`${field}.envs`, 'file', [field, index, 'envs', position], item));
      add(`${field}.env`, 'file', [field, index, 'env'], Object.hasOwn(generator, 'env') ? generator.env : undefined);
    });
  }
  const openapi = Object.hasOwn(root, 'openapi') ? root.openapi : undefined;
  if (isRecord(openapi))
    add('openapi.path', 'file', ['openapi', 'path'], Object.hasOwn(openapi, 'path') ? openapi.path : undefined);
  return references;
}

/** A one-line scalar of a block-style YAML file, with its path of mapping keys and sequence indexes. */
interface BlockScalar {
  path: readonly (string | number)[];
  value: string;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: +(.*))?$/;
const SINGLE_QUOTED = /^'([^']*)' *(?:#.*)?$/;
const DOUBLE_QUOTED = /^"([^"\\]*)" *(?:#.*)?$/;
/** Characters a plain scalar cannot start with, or that start what this reader does not read (anchors, tags, block scalars, flow collections). */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Plain scalars that YAML 1.2's core schema (the `yaml` package's default) reads as null, a boolean or a number. */
const NOT_A_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
];

/**
 * A value after `key:` or `- `: a string, `null` for none or a non-string (null, boolean,
 * number, empty collection), undefined for what this reader does not read.
 */
function blockValue(text: string): string | null | undefined {
  if (text === '' || text.startsWith('#') || text === '[]' || text === '{}') return null;
  const quoted = SINGLE_QUOTED.exec(text) ?? DOUBLE_QUOTED.exec(text);
  if (quoted) return quoted[1] ?? '';
  if (NOT_PLAIN_START.test(text)) return undefined;
  const comment = text.indexOf(' #');
  const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  // A `: ` inside would make it a mapping; a trailing colon, a key.
  if (value.includes(': ') || value.endsWith(':')) return undefined;
  return NOT_A_STRING.some((pattern) => pattern.test(value)) ? null : value;
}

interface Block {
  indent: number;
  kind: 'map' | 'seq';
  /** Keys seen (maps) or items so far (sequences). */
  keys: Set<string>;
  items: number;
  /** The key or index that leads to this block from its parent. */
  path: readonly (string | number)[];
  /** The last key of a map: where a nested block opened by it goes. */
  lastKey?: string;
}

/**
 * Reads the string scalars of a simple block-style YAML document without building a YAML
 * document: lines of `key:`, `key: value`, `- value` and `- key: value`, with plain or simply
 * quoted one-line scalars and comments. Returns undefined for anything else (flow collections,
 * block or multi-line scalars, anchors, aliases, tags, tabs, duplicate keys, several
 * documents, bad indentation), which has to be parsed. Where it answers, its scalars are the
 * string values the `yaml` package finds, at the same paths.
 */
function readBlockScalars(text: string): BlockScalar[] | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const scalars: BlockScalar[] = [];
  const stack: Block[] = [];
  /** The line before opened a block (`key:` or `- key:` without a value) at this indent. */
  let opener: { indent: number; byKey: boolean } | undefined;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    let rest = line.slice(indent);
    if (rest === '' || rest.startsWith('#')) continue;
    if (indent === 0 && (rest.startsWith('---') || rest.startsWith('...') || rest.startsWith('%'))) return undefined;
    const isItem = rest === '-' || rest.startsWith('- ');
    const kind = isItem ? 'seq' : 'map';
    const parent = stack.at(-1);
    if (opener !== undefined && (indent > opener.indent || (isItem && opener.byKey && indent === opener.indent))) {
      // A block opened by the line before: a new mapping or sequence under its key.
      const owner = parent;
      if (owner?.kind !== 'map' || owner.lastKey === undefined) return undefined;
      stack.push({ indent, kind, keys: new Set(), items: 0, path: [...owner.path, owner.lastKey] });
    } else if (stack.length === 0) {
      if (isItem || indent !== 0) return undefined;
      stack.push({ indent: 0, kind: 'map', keys: new Set(), items: 0, path: [] });
    } else {
      while (stack.length > 0) {
        const top = stack.at(-1);
        if (!top) break;
        if (top.indent > indent || (top.indent === indent && top.kind !== kind)) stack.pop();
        else break;
      }
    }
    opener = undefined;
    const block = stack.at(-1);
    if (!block || block.indent !== indent || block.kind !== kind) return undefined;
    let target = block;
    let column = indent;
    if (isItem) {
      rest = rest.slice(1).trimStart();
      if (rest === '') return undefined;
      column = line.length - rest.length;
      const index = block.items;
      block.items += 1;
      if (!KEY.test(rest)) {
        const value = blockValue(rest);
        if (value === undefined) return undefined;
        if (value !== null) scalars.push({ path: [...block.path, index], value });
        continue;
      }
      // `- key: value`: the first pair of a mapping that is the item.
      target = { indent: column, kind: 'map', keys: new Set(), items: 0, path: [...block.path, index] };
      stack.push(target);
    }
    const key = KEY.exec(rest);
    if (!key) return undefined;
    const name = key[1] ?? '';
    if (target.keys.has(name)) return undefined;
    target.keys.add(name);
    target.lastKey = name;
    const raw = key[2] ?? '';
    const value = blockValue(raw);
    if (value === undefined) return undefined;
    if (value !== null) scalars.push({ path: [...target.path, name], value });
    else if (raw === '' || raw.startsWith('#')) opener = { indent: column, byKey: true };
  }
  return scalars;
}

/** Top-level fields whose entries are kustomizations or resources (a directory is fine); the others name files. */
const RESOURCE_FIELDS = new Set(['resources', 'bases', 'components', 'generators', 'transformers', 'validators']);
const SCALAR_LIST_FIELDS = new Set([
  'resources',
  'bases',
  'components',
  'crds',
  'configurations',
  'patchesStrategicMerge',
  'generators',
  'transformers',
  'validators',
]);

/** A local path in a kustomization, read from its text. */
export interface QuickReference {
  field: string;
  kind: KustomizeReferenceKind;
  value: string;
}

/**
 * The local paths a kustomization names, as kustomizationReferences finds them (same fields,
 * kinds and values, in no particular order), read from its text without parsing it when it is
 * a simple block-style file (see readBlockScalars); undefined when it has to be parsed.
 */
export function quickKustomizationReferences(text: string): QuickReference[] | undefined {
  const scalars = readBlockScalars(text);
  if (!scalars) return undefined;
  const references: QuickReference[] = [];
  const add = (field: string, kind: KustomizeReferenceKind, value: string): void => {
    if (value.trim() === '' || isRemoteReference(value)) return;
    references.push({ field, kind, value });
  };
  for (const { path: keys, value } of scalars) {
    const [field, first, second, third] = keys;
    if (typeof field !== 'string') continue;
    if (keys.length === 2 && typeof first === 'number' && SCALAR_LIST_FIELDS.has(field)) {
      add(field, field === 'components' ? 'component' : RESOURCE_FIELDS.has(field) ? 'resource' : 'file', value);
    } else if (keys.length === 2 && typeof first === 'number' && field === 'patches') {
      add(field, 'file', value);
    } else if (
      keys.length === 3 &&
      typeof first === 'number' &&
      second === 'path' &&
      ['patches', 'patchesJson6902', 'replacements'].includes(field)
    ) {
      add(field, 'file', value);
    } else if ((field === 'configMapGenerator' || field === 'secretGenerator') && typeof first === 'number') {
      if (keys.length === 4 && second === 'files' && typeof third === 'number')
        add(`${field}.files`, 'file', generatorFilePath(value));
      else if (keys.length === 4 && second === 'envs' && typeof third === 'number') add(`${field}.envs`, 'file', value);
      else if (keys.length === 3 && second === 'env') add(`${field}.env`, 'file', value);
    } else if (keys.length === 2 && field === 'openapi' && first === 'path') {
      add('openapi.path', 'file', value);
    }
  }
  return references;
}
