import { isRecord, objectsOf, type KubernetesObject, type RepositoryObjectSource } from './objects.js';

/** One version of a custom resource, as a CustomResourceDefinition in the repository defines it. */
export interface CustomResourceVersion {
  group: string;
  kind: string;
  version: string;
  apiVersion: string;
  namespaced: boolean;
  /** The version's openAPIV3Schema, if the CRD has one. */
  schema: Record<string, unknown> | undefined;
  /** Repository-relative path of the file that defines it. */
  file: string;
}

/**
 * The custom resource versions defined by CustomResourceDefinitions among the given objects
 * (apiextensions.k8s.io/v1, and the per-CRD `validation` of the removed v1beta1).
 */
export function customResourceVersions(objects: readonly KubernetesObject[]): CustomResourceVersion[] {
  const versions: CustomResourceVersion[] = [];
  for (const object of objects) {
    if (object.group !== 'apiextensions.k8s.io' || object.kind !== 'CustomResourceDefinition') continue;
    const spec = object.value.spec;
    if (
      !isRecord(spec) ||
      typeof spec.group !== 'string' ||
      !isRecord(spec.names) ||
      typeof spec.names.kind !== 'string'
    )
      continue;
    const { group } = spec;
    const kind = spec.names.kind;
    const namespaced = spec.scope !== 'Cluster';
    const shared =
      isRecord(spec.validation) && isRecord(spec.validation.openAPIV3Schema)
        ? spec.validation.openAPIV3Schema
        : undefined;
    const list = Array.isArray(spec.versions)
      ? spec.versions
      : typeof spec.version === 'string'
        ? [{ name: spec.version }]
        : [];
    for (const entry of list) {
      if (!isRecord(entry) || typeof entry.name !== 'string') continue;
      const own =
        isRecord(entry.schema) && isRecord(entry.schema.openAPIV3Schema) ? entry.schema.openAPIV3Schema : undefined;
      versions.push({
        group,
        kind,
        version: entry.name,
        apiVersion: `${group}/${entry.name}`,
        namespaced,
        schema: own ?? shared,
        file: object.file,
      });
    }
  }
  return versions;
}

/** Whether each custom kind (`group/Kind`) that a CRD among the objects defines is namespaced. */
export function customResourceScopes(objects: readonly KubernetesObject[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const version of customResourceVersions(objects))
    scopes.set(`${version.group}/${version.kind}`, version.namespaced);
  return scopes;
}

const CRD_GROUP = 'apiextensions.k8s.io';
const CRD_KIND = 'CustomResourceDefinition';

interface RepositoryDefinitions {
  /** The CustomResourceDefinition objects. */
  objects: readonly KubernetesObject[];
  /** Files that hold a CustomResourceDefinition by their text but do not parse, with their text. */
  unreadable: readonly { file: string; text: string }[];
}

/**
 * The repository's CustomResourceDefinitions, and the files that seem to hold one but do not
 * parse (yaml-syntax reports them), in one pass over the files whose text names the kind and
 * its group: once per run.
 */
function repositoryDefinitions(source: RepositoryObjectSource): RepositoryDefinitions {
  return source.shared('custom-resource-definitions', () => {
    const objects: KubernetesObject[] = [];
    const unreadable: { file: string; text: string }[] = [];
    for (const file of source.yamlFilesContaining(CRD_KIND, CRD_GROUP)) {
      const yaml = source.yaml(file);
      if (!yaml) continue;
      if (yaml.errors.length > 0) unreadable.push({ file, text: yaml.text });
      for (const object of objectsOf(yaml))
        if (object.group === CRD_GROUP && object.kind === CRD_KIND) objects.push(object);
    }
    return { objects, unreadable };
  });
}

/** The custom resource versions that the repository's CRDs define, computed once per run. */
export function repositoryCustomResourceVersions(source: RepositoryObjectSource): readonly CustomResourceVersion[] {
  return source.shared('custom-resource-versions', () => customResourceVersions(repositoryDefinitions(source).objects));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first of the repository's CRD files that do not parse (repositoryDefinitions) whose
 * text names a kind and its API group (`group: example.com`, `kind: Widget`): the definition
 * that most likely failed to load. Undefined when none does.
 */
export function unreadableDefinitionOf(
  source: RepositoryObjectSource,
  group: string,
  kind: string,
): string | undefined {
  if (group === '') return undefined;
  const field = (name: string, value: string): RegExp =>
    new RegExp(`\\b${name}:\\s*["']?${escapeRegExp(value)}["']?(?=[\\s,}]|$)`, 'm');
  const groupField = field('group', group);
  const kindField = field('kind', kind);
  return repositoryDefinitions(source).unreadable.find(({ text }) => groupField.test(text) && kindField.test(text))
    ?.file;
}

/** Whether each custom kind (`group/Kind`) that a CRD in the repository defines is namespaced, computed once per run. */
export function repositoryCustomResourceScopes(source: RepositoryObjectSource): ReadonlyMap<string, boolean> {
  return source.shared('custom-resource-scopes', () => customResourceScopes(repositoryDefinitions(source).objects));
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'not', 'additionalItems'] as const;
/**
 * Keywords converted below or without effect on validation. Descriptions are most of a
 * controller-gen CRD's bytes: dropped, they are neither copied nor kept by the compiled schema.
 */
const DROPPED_KEYWORDS: ReadonlySet<string> = new Set(['nullable', 'default', 'example', 'description']);

/**
 * Converts a CRD's structural OpenAPI v3 schema to a JSON Schema that ajv validates as the API
 * server would (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema):
 * `nullable: true` admits null, `x-kubernetes-int-or-string` admits an integer or a string.
 * `format` is left to ajv's `validateFormats: false`, as the API server ignores most formats;
 * CEL rules (`x-kubernetes-validations`) are not evaluated; descriptions, defaults and examples
 * are dropped.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isRecord(schema)) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((SCHEMA_MAPS as readonly string[]).includes(key) && isRecord(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toJsonSchema(child)]));
    } else if ((SCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(value)) {
      result[key] = value.map(toJsonSchema);
    } else if ((SCHEMA_SINGLES as readonly string[]).includes(key)) {
      result[key] = toJsonSchema(value);
    } else if (!DROPPED_KEYWORDS.has(key) && !key.startsWith('x-kubernetes-')) {
      result[key] = value;
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete result.type;
    if (!Array.isArray(result.anyOf) && !Array.isArray(result.oneOf))
      result.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema.nullable === true) {
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    if (Array.isArray(result.enum)) result.enum = [...(result.enum as unknown[]), null];
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (Array.isArray(result[key])) result[key] = [...(result[key] as unknown[]), { type: 'null' }];
    }
  }
  return result;
}
