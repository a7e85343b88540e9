import { defineRule } from '../src/engine/rule.js';
import {
  repositoryCustomResourceVersions,
  unreadableDefinitionOf,
  type CustomResourceVersion,
} from '../src/manifests/crd.js';
import {
  describeObject,
  fieldNode,
  formatPath,
  isRecord,
  listItems,
  objectsIn,
  patchFiles,
  pointerSegments,
  type KubernetesObject,
} from '../src/manifests/objects.js';
import { SchemaRegistry, type SchemaProblem } from '../src/manifests/schemas.js';
import { hasTemplateAction, isTemplateFileName, isTemplatedPath } from '../src/manifests/templates.js';

function valueAt(value: unknown, keys: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current)) current = current[String(key)];
    else return undefined;
  }
  return current;
}

/**
 * Problems that are not problems of the file as the cluster receives it: values that a template
 * or Flux's post-build substitution (`{{ .Values.x }}`, `${var}`) fill in, or SOPS (`ENC[...]`)
 * replaces, before the object is applied (and fields under a key a template fills in); and null,
 * which the API server reads as an absent field.
 */
function isDeferred(object: KubernetesObject, keys: readonly (string | number)[]): boolean {
  if (isTemplatedPath(object.value, keys)) return true;
  const value = valueAt(object.value, keys);
  return value === null || (typeof value === 'string' && value.startsWith('ENC['));
}

/**
 * Whether an apiVersion and kind can name a Kubernetes API type: `[group/]version` with a
 * Kubernetes version (`v1`, `v2beta1`; the core group serves only v1), a kind without dots or
 * slashes. Other tools' files also have `apiVersion` and `kind` (ksonnet's `0.1.0`
 * `ksonnet.io/app`, Talos' `v1alpha1` configs): no CRD could define them, so they are not
 * counted among the kinds whose CRD is missing.
 */
function isKubernetesType(apiVersion: string, kind: string): boolean {
  const match = /^(?:([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)\/)?(v\d+(?:(?:alpha|beta)\d+)?)$/.exec(apiVersion);
  if (!match) return false;
  if (match[1] === undefined && match[2] !== 'v1') return false;
  return /^[A-Za-z][A-Za-z0-9]*$/.test(kind);
}

/**
 * What a `type` problem at a CustomResourceDefinition's `additionalProperties` is. The API
 * server reads the field as JSONSchemaPropsOrBool, a schema or a boolean, where
 * kubernetes-models' schema knows only the schema: `true` is valid, and so is `false`, except
 * beside `properties`, which the API server rejects ("additionalProperties and properties are
 * mutual exclusive"). Undefined for every other problem.
 */
function definitionBoolean(
  object: KubernetesObject,
  problem: SchemaProblem,
  keys: readonly (string | number)[],
): 'valid' | 'beside-properties' | undefined {
  if (object.group !== 'apiextensions.k8s.io' || object.kind !== 'CustomResourceDefinition') return undefined;
  if (problem.keyword !== 'type' || keys.at(-1) !== 'additionalProperties') return undefined;
  const value = valueAt(object.value, keys);
  if (typeof value !== 'boolean') return undefined;
  const properties = valueAt(object.value, [...keys.slice(0, -1), 'properties']);
  return value === false && isRecord(properties) && Object.keys(properties).length > 0 ? 'beside-properties' : 'valid';
}

/** One problem per field: the most telling keyword first, and anyOf/oneOf described by the types it allows. */
function summarize(problems: readonly SchemaProblem[]): SchemaProblem[] {
  const byPath = new Map<string, SchemaProblem[]>();
  for (const problem of problems) {
    const key =
      problem.keyword === 'required'
        ? `${problem.instancePath}/${String(problem.params.missingProperty)}`
        : problem.instancePath;
    const list = byPath.get(key) ?? [];
    list.push(problem);
    byPath.set(key, list);
  }
  const order = ['required', 'enum', 'const', 'type', 'anyOf', 'oneOf'];
  const rank = (problem: SchemaProblem): number => {
    const index = order.indexOf(problem.keyword);
    return index === -1 ? order.length : index;
  };
  const result: SchemaProblem[] = [];
  for (const list of byPath.values()) {
    const types = list.filter((problem) => problem.keyword === 'type').map((problem) => String(problem.params.type));
    const sorted = [...list].sort((a, b) => rank(a) - rank(b));
    const first = sorted[0];
    if (!first) continue;
    if (first.keyword === 'type' && types.length > 1) {
      result.push({
        ...first,
        params: { type: [...new Set(types)].join(' or ') },
        message: `must be ${[...new Set(types)].join(' or ')}`,
      });
    } else {
      result.push(first);
    }
  }
  return result;
}

export default defineRule({
  id: 'manifest-schema',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Kubernetes, Argo CD, Flux, Sealed Secrets and External Secrets objects, and custom resources of CRDs in the repository, validate against their schemas',
      category: 'syntax',
      recommended: 'error',
    },
    // Findings are about the objects of the files being linted; the CustomResourceDefinitions
    // that decide whether they are valid are found in the whole repository, once per run.
    scope: 'file',
    schema: [],
    messages: {
      required: '{{object}}: {{parent}} is missing the required field "{{field}}" ({{from}})',
      type: '{{object}}: {{field}} must be {{expected}} ({{from}})',
      enum: '{{object}}: {{field}} must be one of {{allowed}} ({{from}})',
      additionalPropertiesBesideProperties:
        '{{object}}: {{field}} is false beside properties, which the API server rejects (they are mutually exclusive); remove it',
      invalid: '{{object}}: {{field}} {{problem}} ({{from}})',
      unservedVersion:
        '{{object}} uses {{apiVersion}}, which the CustomResourceDefinition in {{crdFile}} does not define (it defines {{versions}})',
      unknownKinds:
        '{{count}} object(s) of {{keyCount}} kind(s) have no known schema and were not validated: {{keys}}; add their CustomResourceDefinitions to the repository to check them',
      definitionUnreadable:
        '{{count}} object(s) of {{keyCount}} kind(s) were not validated: the CustomResourceDefinitions that define them failed to load (yaml-syntax reports why): {{keys}}',
      definitionNotCompiled:
        '{{count}} object(s) of {{keyCount}} kind(s) were not validated: the schemas of the CustomResourceDefinitions that define them could not be compiled (a pattern that JavaScript does not read, for instance): {{keys}}',
      definitionWithoutSchema:
        '{{count}} object(s) of {{keyCount}} kind(s) were not validated: the CustomResourceDefinitions that define them give no schema for their version: {{keys}}',
    },
  },
  defaultOptions: [],
  check(context) {
    const registry = context.shared('manifest-schema:registry', () => new SchemaRegistry());
    // Only kinds that Kubernetes does not serve itself need the repository's CRDs, and only
    // they make a file's result depend on them.
    const customResources = (): readonly CustomResourceVersion[] => repositoryCustomResourceVersions(context);
    // Templates (`deployment.template.yaml`, `replicas: {{ .Replicas }}`) are rendered before
    // anything applies them: what they hold is not yet an object.
    const files = context.targetFiles.filter((file) => !isTemplateFileName(file));
    // A v1 List is not an API resource: kubectl applies its items, which are checked instead.
    const objects = objectsIn(context, files).flatMap((object) => {
      const items = listItems(object);
      return items.length > 0 || (object.apiVersion === 'v1' && object.kind === 'List') ? items : [object];
    });
    for (const object of objects) {
      if (hasTemplateAction(object.value)) continue;
      const schema = registry.lookup(object.apiVersion, object.kind, customResources);
      if (!schema) {
        const defined = registry.customResourceVersions(object.group, object.kind, customResources);
        const definition = defined.find((version) => version.apiVersion === object.apiVersion);
        if (definition) {
          // The repository defines the kind, but the definition cannot check it.
          context.tally({
            messageId: definition.schema === undefined ? 'definitionWithoutSchema' : 'definitionNotCompiled',
            key: `${object.apiVersion} ${object.kind} (${definition.file})`,
          });
          continue;
        }
        if (defined.length > 0) {
          context.report({
            file: object.file,
            node: fieldNode(object.root, ['apiVersion']),
            messageId: 'unservedVersion',
            data: {
              object: describeObject(object),
              apiVersion: object.apiVersion,
              crdFile: defined[0]?.file ?? '',
              versions: defined.map((version) => version.version).join(', '),
            },
          });
          continue;
        }
        const unreadable = unreadableDefinitionOf(context, object.group, object.kind);
        if (unreadable !== undefined) {
          context.tally({
            messageId: 'definitionUnreadable',
            key: `${object.apiVersion} ${object.kind} (${unreadable})`,
          });
          continue;
        }
        if (isKubernetesType(object.apiVersion, object.kind))
          context.tally({ messageId: 'unknownKinds', key: `${object.apiVersion} ${object.kind}` });
        continue;
      }
      const problems = summarize(schema.validate(object.value)).filter((problem) => {
        // Whether the file is a patch is asked only when it matters: finding out reads every kustomization.
        if (problem.keyword === 'required' && patchFiles(context).has(object.file)) return false;
        // Packaged schemas of projects other than Kubernetes lag behind those projects, and new
        // enum members are their most common compatible change (Flux added source kinds to
        // sourceRef.kind): only a CRD in the repository decides enums of custom resources.
        if (schema.origin === 'package' && problem.keyword === 'enum') return false;
        const keys = pointerSegments(problem.instancePath);
        if (problem.keyword !== 'required' && isDeferred(object, keys)) return false;
        const boolean = definitionBoolean(object, problem, keys);
        if (boolean === 'valid') return false;
        if (boolean === 'beside-properties') {
          context.report({
            file: object.file,
            node: fieldNode(object.root, keys) ?? object.root,
            messageId: 'additionalPropertiesBesideProperties',
            data: { object: describeObject(object), field: formatPath(keys) },
          });
          return false;
        }
        return true;
      });
      for (const problem of problems) report(object, problem, schema.from);
    }
    function report(object: KubernetesObject, problem: SchemaProblem, from: string): void {
      const keys = pointerSegments(problem.instancePath);
      const node = fieldNode(object.root, keys) ?? object.root;
      const base = { object: describeObject(object), from };
      if (problem.keyword === 'required') {
        const field = String(problem.params.missingProperty);
        context.report({
          file: object.file,
          node,
          messageId: 'required',
          data: { ...base, parent: keys.length === 0 ? 'the object' : formatPath(keys), field },
        });
        return;
      }
      const field = keys.length === 0 ? 'the object' : formatPath(keys);
      if (problem.keyword === 'type') {
        context.report({
          file: object.file,
          node,
          messageId: 'type',
          data: { ...base, field, expected: String(problem.params.type) },
        });
      } else if (problem.keyword === 'enum' && Array.isArray(problem.params.allowedValues)) {
        const allowed = (problem.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
        context.report({ file: object.file, node, messageId: 'enum', data: { ...base, field, allowed } });
      } else {
        context.report({
          file: object.file,
          node,
          messageId: 'invalid',
          data: { ...base, field, problem: problem.message },
        });
      }
    }
  },
});
