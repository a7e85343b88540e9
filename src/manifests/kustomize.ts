import path from 'node:path';
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

/** File names kustomize accepts for a kustomization, in its own lookup order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomizationFile(file: string): boolean {
  const base = path.posix.basename(file);
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(base);
}

export type KustomizeReferenceKind = 'resource' | 'component' | 'file';

/** A local path named in a kustomization, with the node that names it. */
export interface KustomizeReference {
  field: string;
  kind: KustomizeReferenceKind;
  /** The path as written. */
  value: string;
  node: YamlNode;
}

/**
 * Remote targets are URLs (`https://…`, `git@…`, `ssh://…`) or kustomize's go-getter style
 * `host.tld/org/repo//path?ref=…`: their first segment is a host name.
 */
export function isRemoteReference(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('git@') || value.includes('?ref=')) return true;
  const first = value.split('/')[0] ?? '';
  return value.includes('/') && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i.test(first) && !first.startsWith('.');
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Strips kustomize's `key=path` form used by generators' `files`. */
function generatorFilePath(entry: string): string {
  const index = entry.indexOf('=');
  return index === -1 ? entry : entry.slice(index + 1);
}

/**
 * Lists the local paths a kustomization refers to: resources, components, bases, crds,
 * configurations, patches, generator files and env files, replacements, openapi and
 * generators/transformers/validators given as paths. Inline patches and remote targets are
 * left out.
 */
export function kustomizationReferences(document: Document.Parsed): KustomizeReference[] {
  const references: KustomizeReference[] = [];
  const root = document.contents;
  if (!isMap(root)) return references;
  const add = (field: string, kind: KustomizeReferenceKind, node: unknown, value: string | undefined): void => {
    if (value === undefined || value.trim() === '' || value.includes('\n') || isRemoteReference(value)) return;
    references.push({ field, kind, value, node: node as YamlNode });
  };
  const sequence = (key: string): YamlNode[] => {
    const node = root.get(key, true);
    return isSeq(node) ? (node.items as YamlNode[]) : [];
  };
  for (const field of ['resources', 'bases'] as const) {
    for (const item of sequence(field)) add(field, 'resource', item, scalarString(item));
  }
  for (const item of sequence('components')) add('components', 'component', item, scalarString(item));
  for (const field of ['crds', 'configurations', 'patchesStrategicMerge', 'generators', 'transformers', 'validators'] as const) {
    for (const item of sequence(field)) {
      // Inline YAML in these fields is a multi-line string or an object; only single-line strings are paths.
      const value = scalarString(item);
      add(field, field === 'generators' || field === 'transformers' || field === 'validators' ? 'resource' : 'file', item, value);
    }
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements'] as const) {
    for (const item of sequence(field)) {
      if (isMap(item)) {
        const pathNode = item.get('path', true);
        add(field, 'file', pathNode, scalarString(pathNode));
      } else if (field === 'patches') {
        add(field, 'file', item, scalarString(item));
      }
    }
  }
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    for (const generator of sequence(field)) {
      if (!isMap(generator)) continue;
      const files = generator.get('files', true);
      if (isSeq(files)) {
        for (const item of files.items) {
          const value = scalarString(item);
          add(`${field}.files`, 'file', item, value === undefined ? undefined : generatorFilePath(value));
        }
      }
      const envs = generator.get('envs', true);
      if (isSeq(envs)) for (const item of envs.items) add(`${field}.envs`, 'file', item, scalarString(item));
      const env = generator.get('env', true);
      add(`${field}.env`, 'file', env, scalarString(env));
    }
  }
  const openapi = root.get('openapi', true);
  if (isMap(openapi)) {
    const pathNode = openapi.get('path', true);
    add('openapi.path', 'file', pathNode, scalarString(pathNode));
  }
  return references;
}

/** Top-level fields whose entries are kustomizations or resources (a directory is fine); the others name files. */
const RESOURCE_FIELDS = new Set(['resources', 'bases', 'components', 'generators', 'transformers', 'validators']);
/** Keys whose values are paths wherever they appear (patches, replacements, openapi, generators' env). */
const PATH_KEYS = new Set(['path', 'env']);
const KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: +(.*))?$/;
const SINGLE_QUOTED = /^'([^']*)' *(?:#.*)?$/;
const DOUBLE_QUOTED = /^"([^"\\]*)" *(?:#.*)?$/;
/** Characters a plain scalar cannot start with, or that start what this reader does not read (anchors, tags, block scalars, flow collections). */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** A value that may be a local path in a kustomization, with the kind of entry it would be. */
export interface QuickReference {
  kind: 'resource' | 'file';
  value: string;
}

/** The scalar of a value after `key:` or `- `: undefined for anything but a one-line scalar, `''` for none. */
function quickScalar(text: string): string | undefined {
  if (text === '' || text.startsWith('#')) return '';
  if (text === '[]' || text === '{}') return '';
  const quoted = SINGLE_QUOTED.exec(text) ?? DOUBLE_QUOTED.exec(text);
  if (quoted) return quoted[1];
  if (NOT_PLAIN_START.test(text)) return undefined;
  const comment = text.indexOf(' #');
  const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  // A `: ` inside would make it a mapping; a trailing colon, a key.
  if (value.includes(': ') || value.endsWith(':')) return undefined;
  return value;
}

/**
 * Reads the entries of a kustomization that can be local paths without building a YAML
 * document, for the common block-style file (`key:`, `key: value`, `- value` and
 * `- key: value` lines, plain or simply quoted scalars, comments). Every path that
 * kustomizationReferences would find is among them, with its kind; there may be more (any
 * list item, and `path` or `env` values at any depth), so a caller can only conclude that the
 * file names nothing missing when each of these exists. Returns undefined for a file it does
 * not read: flow collections, block or multi-line scalars, anchors, aliases, tags, tabs,
 * several documents; such a file has to be parsed.
 */
export function quickKustomizationReferences(text: string): QuickReference[] | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const references: QuickReference[] = [];
  let field: string | undefined;
  /** Whether the last top-level key opened a block (no value on its line). */
  let opened = false;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    let rest = line.slice(indent);
    if (rest === '' || rest.startsWith('#')) continue;
    if (indent === 0 && (rest.startsWith('---') || rest.startsWith('...') || rest.startsWith('%'))) return undefined;
    let isItem = false;
    if (rest === '-' || rest.startsWith('- ')) {
      if (field === undefined || (indent === 0 && !opened)) return undefined;
      isItem = true;
      rest = rest.slice(1).trimStart();
      if (rest === '') return undefined;
    }
    const key = KEY.exec(rest);
    if (key) {
      const name = key[1] ?? '';
      const value = quickScalar(key[2] ?? '');
      if (value === undefined) return undefined;
      if (indent === 0 && !isItem) {
        field = name;
        opened = value === '';
      } else if (PATH_KEYS.has(name) && value !== '') {
        references.push({ kind: 'file', value });
      }
      continue;
    }
    if (!isItem || field === undefined) return undefined;
    const value = quickScalar(rest);
    if (value === undefined) return undefined;
    if (value !== '') references.push({ kind: RESOURCE_FIELDS.has(field) ? 'resource' : 'file', value });
  }
  return references;
}
