import path from 'node:path';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml-nodes.js';
import { apiGroup } from './api-resources.js';
import { isKustomizationFile, kustomizationReferences, quickKustomizationReferences } from './kustomize.js';
import type { YamlDocument, YamlFile } from './yaml-file.js';
import { isRecord } from './plain-data.js';

/** A Kubernetes object: a YAML document with a string `apiVersion` and `kind`. */
export interface KubernetesObject {
  /** Repository-relative path of the file. */
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  /** The parsed document (nodes and positions): parsed when first asked for, so ask only to report. */
  readonly document: Document.Parsed;
  /** The document's top-level mapping, for pointing at findings: from the fast reader when it read the file (YamlDocument.contents). */
  readonly root: YAMLMap;
  apiVersion: string;
  kind: string;
  /** API group, `''` for the core group. */
  group: string;
  name: string | undefined;
  namespace: string | undefined;
  /** The object as plain data. */
  value: Record<string, unknown>;
}

/** API groups whose documents are tool configuration read by kustomize, not objects sent to a cluster. */
const CONFIGURATION_GROUPS = new Set(['kustomize.config.k8s.io', 'config.kubernetes.io']);

export { isRecord };

/** The value at a path of plain data (mapping keys and sequence indexes), or undefined. */
export function valueAt(value: unknown, keys: readonly (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (typeof key === 'number') current = Array.isArray(current) ? (current as unknown[])[key] : undefined;
    else current = isRecord(current) && Object.hasOwn(current, key) ? current[key] : undefined;
  }
  return current;
}

/** The string at a path of plain data, or undefined. */
export function stringAt(value: unknown, ...keys: readonly (string | number)[]): string | undefined {
  const found = valueAt(value, keys);
  return typeof found === 'string' ? found : undefined;
}

/** An object whose document and root nodes are looked up when a rule asks for them (to report), not before. */
class ManifestObject implements KubernetesObject {
  readonly file: string;
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly value: Record<string, unknown>;
  readonly #document: YamlDocument;

  constructor(
    file: string,
    document: YamlDocument,
    value: Record<string, unknown>,
    apiVersion: string,
    kind: string,
    group: string,
  ) {
    this.file = file;
    this.index = document.index;
    this.#document = document;
    this.value = value;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.group = group;
    this.name = stringAt(value, 'metadata', 'name');
    this.namespace = stringAt(value, 'metadata', 'namespace');
  }

  get document(): Document.Parsed {
    return this.#document.document;
  }

  get root(): YAMLMap {
    const root = this.#document.contents;
    if (!isMap(root)) throw new Error(`internal error: ${this.file} document ${this.index + 1} is no longer a mapping`);
    return root;
  }
}

function toObject(file: string, document: YamlDocument): KubernetesObject | undefined {
  if (!document.isMapping) return undefined;
  const value = document.value;
  if (!isRecord(value)) return undefined;
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return undefined;
  const group = apiGroup(apiVersion);
  if (CONFIGURATION_GROUPS.has(group)) return undefined;
  return new ManifestObject(file, document, value, apiVersion, kind, group);
}

/** An object in the `items` of a `v1 List`, with its nodes looked up under the list's. */
class ListItem implements KubernetesObject {
  readonly file: string;
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly value: Record<string, unknown>;
  readonly #list: KubernetesObject;
  readonly #position: number;

  constructor(
    list: KubernetesObject,
    position: number,
    value: Record<string, unknown>,
    apiVersion: string,
    kind: string,
  ) {
    this.file = list.file;
    this.index = list.index;
    this.#list = list;
    this.#position = position;
    this.value = value;
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.group = apiGroup(apiVersion);
    this.name = stringAt(value, 'metadata', 'name');
    this.namespace = stringAt(value, 'metadata', 'namespace');
  }

  get document(): Document.Parsed {
    return this.#list.document;
  }

  get root(): YAMLMap {
    const node = nodeAt(this.#list.root, ['items', this.#position]);
    if (!isMap(node)) throw new Error(`internal error: ${this.file} has no mapping at items[${this.#position}]`);
    return node;
  }
}

/**
 * The objects in the `items` of a `v1 List` (kubectl applies each of them: the list itself is
 * not an API resource), or none for any other object.
 */
export function listItems(object: KubernetesObject): KubernetesObject[] {
  if (object.apiVersion !== 'v1' || object.kind !== 'List' || !Array.isArray(object.value.items)) return [];
  const items: KubernetesObject[] = [];
  (object.value.items as unknown[]).forEach((item, position) => {
    if (!isRecord(item)) return;
    const { apiVersion, kind } = item;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') return;
    items.push(new ListItem(object, position, item, apiVersion, kind));
  });
  return items;
}

const objectsByFile = new WeakMap<YamlFile, readonly KubernetesObject[]>();

/** The Kubernetes objects of a parsed YAML file, in document order; found once per parsed file, however many rules ask. */
export function objectsOf(file: YamlFile): readonly KubernetesObject[] {
  let objects = objectsByFile.get(file);
  if (objects === undefined) {
    const found: KubernetesObject[] = [];
    if (file.errors.length === 0) {
      for (const document of file.documents) {
        const object = toObject(file.path, document);
        if (object) found.push(object);
      }
    }
    objects = found;
    objectsByFile.set(file, objects);
  }
  return objects;
}

/** What a rule needs to list the repository's objects: the RuleContext's file access. */
export interface ObjectSource {
  yaml(path: string): YamlFile | undefined;
}

/** The Kubernetes objects of the given files, in file and document order. */
export function objectsIn(source: ObjectSource, files: readonly string[]): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const file of files) {
    const yaml = source.yaml(file);
    if (yaml) {
      for (const item of objectsOf(yaml)) objects.push(item);
    }
  }
  return objects;
}

/** `Deployment "web"` (or `Deployment` without a name), for messages. */
export function describeObject(object: Pick<KubernetesObject, 'kind' | 'name'>): string {
  return object.name === undefined ? object.kind : `${object.kind} "${object.name}"`;
}

/** The node at a path below a node, or undefined. */
export function nodeAt(node: unknown, keys: readonly (string | number)[]): YamlNode | undefined {
  const located = locatePath(node, keys);
  return located.depth === keys.length ? located.node : undefined;
}

export interface LocatedPath {
  /** The deepest node on the path that exists. */
  node: YamlNode | undefined;
  /** The key of that node in its mapping, when it is a mapping's value. */
  key: YamlNode | undefined;
  /** How many path segments were found. */
  depth: number;
}

/** Mappings with fewer pairs than this are searched in order; larger ones get an index. */
const INDEXED_MAPPING = 32;

interface MappingIndex {
  /** The array the index was built from, and its length then: a changed mapping is indexed again. */
  items: unknown[];
  length: number;
  pairs: Map<string, Pair>;
}

const mappingIndexes = new WeakMap<YAMLMap, MappingIndex>();

/**
 * The first pair of a mapping whose scalar key reads as `key`. Looking up every key of a mapping
 * of n pairs one at a time would take n² steps (a Secret with 100,000 keys, each reported), so a
 * large mapping's keys are indexed once.
 */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const items = map.items as unknown[];
  const matches = (item: unknown): item is Pair => isPair(item) && isScalar(item.key) && String(item.key.value) === key;
  if (items.length < INDEXED_MAPPING) return items.find(matches);
  let index = mappingIndexes.get(map);
  if (index?.items !== items || index.length !== items.length) {
    const pairs = new Map<string, Pair>();
    for (const item of items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const text = String(item.key.value);
      if (!pairs.has(text)) pairs.set(text, item);
    }
    index = { items, length: items.length, pairs };
    mappingIndexes.set(map, index);
  }
  const pair = index.pairs.get(key);
  // A key changed in place since the index was built: fall back to a search.
  return pair && matches(pair) ? pair : items.find(matches);
}

/**
 * Follows a path (mapping keys and sequence indexes) from a node as far as it exists, so that a
 * finding about a missing field can point at its closest parent.
 */
export function locatePath(start: unknown, keys: readonly (string | number)[]): LocatedPath {
  let node = start as YamlNode | undefined;
  let key: YamlNode | undefined;
  let depth = 0;
  for (const segment of keys) {
    if (isMap(node)) {
      const pair = pairOf(node, String(segment));
      if (!pair || !isPair(pair)) break;
      key = pair.key as YamlNode;
      node = (pair.value ?? undefined) as YamlNode | undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      key = undefined;
      node = item as YamlNode;
    } else {
      break;
    }
    depth += 1;
  }
  return { node, key, depth };
}

/** The node to report for a field: its key when it has one, else its value. */
export function fieldNode(start: unknown, keys: readonly (string | number)[]): YamlNode | undefined {
  const located = locatePath(start, keys);
  return located.key ?? located.node;
}

/**
 * The node to report for a value found at a path of a document's plain data: the value's node,
 * else the closest node on the path (a value whose pair has no node of its own, such as `{ a }`).
 */
export function nodeToReport(root: unknown, keys: readonly (string | number)[]): YamlNode | undefined {
  const located = locatePath(root, keys);
  return located.depth === keys.length ? (located.node ?? located.key) : (located.key ?? located.node);
}

/** A JSON pointer (`/spec/ports/0/port`) as path segments, numbers for all-digit segments. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** A path for messages: `spec.template.spec.containers[0].image`. */
export function formatPath(keys: readonly (string | number)[]): string {
  let text = '';
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text;
}

/**
 * What a rule needs to find objects of a few kinds anywhere in the repository without parsing
 * every file: the RuleContext's text pre-filter and its values shared across a run.
 */
export interface RepositoryObjectSource extends ObjectSource {
  text(path: string): string | undefined;
  yamlFilesContaining(...texts: readonly string[]): readonly string[];
  shared<T>(key: string, compute: () => T): T;
}

/**
 * Every object of an API group and kind in the repository, computed once per run. Only the
 * files whose text contains both are parsed: an object spells out its kind and, in its
 * apiVersion, its group (the core group `''` is not searched for).
 */
export function repositoryObjectsOfKind(
  source: RepositoryObjectSource,
  group: string,
  kind: string,
): readonly KubernetesObject[] {
  return source.shared(`objects-of-kind:${group}/${kind}`, () =>
    objectsIn(source, source.yamlFilesContaining(kind, ...(group === '' ? [] : [group]))).filter(
      (object) => object.group === group && object.kind === kind,
    ),
  );
}

const PATCH_FIELDS = ['patches', 'patchesStrategicMerge', 'patchesJson6902'];

/**
 * Files that kustomizations name as patches (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`): partial objects that are merged into others, not objects of their
 * own. Computed once per run, from the kustomizations whose text mentions patches.
 */
export function patchFiles(source: RepositoryObjectSource): ReadonlySet<string> {
  return source.shared('kustomize-patch-files', () => {
    const patches = new Set<string>();
    for (const file of source.yamlFilesContaining('patches')) {
      if (!isKustomizationFile(file)) continue;
      const directory = path.posix.dirname(file);
      const text = source.text(file);
      // A plain kustomization is read, not parsed (most of them are).
      let references: readonly { field: string; value: string }[] | undefined =
        text === undefined ? undefined : quickKustomizationReferences(text);
      if (!references) {
        const yaml = source.yaml(file);
        if (!yaml || yaml.errors.length > 0) continue;
        references = yaml.documents.flatMap((document) => kustomizationReferences(document.value));
      }
      for (const reference of references) {
        if (!PATCH_FIELDS.includes(reference.field)) continue;
        patches.add(path.posix.normalize(path.posix.join(directory === '.' ? '' : directory, reference.value)));
      }
    }
    return patches;
  });
}
