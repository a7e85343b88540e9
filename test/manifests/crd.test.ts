import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  customResourceScopes,
  customResourceVersions,
  repositoryCustomResourceScopes,
  repositoryCustomResourceVersions,
  toJsonSchema,
} from '../../src/manifests/crd.js';
import { objectsOf } from '../../src/manifests/objects.js';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';
import { MemoryObjectSource } from '../helpers/object-source.js';

const V1_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    kind: Widget
    plural: widgets
  versions:
    - name: v1alpha1
      served: true
      storage: false
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer }
`;

const V1BETA1_CRD = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  version: v1beta1
  scope: Cluster
  names:
    kind: Gadget
  validation:
    openAPIV3Schema:
      type: object
`;

function objects(file: string, text: string): ReturnType<typeof objectsOf> {
  return objectsOf(parseYamlFile(file, text));
}

describe('customResourceVersions', () => {
  it('lists every version of a v1 CRD with its own schema', () => {
    const versions = customResourceVersions(objects('crds/widget.yaml', V1_CRD));
    expect(versions.map(({ schema, ...rest }) => ({ ...rest, hasSchema: schema !== undefined }))).toEqual([
      {
        group: 'example.com',
        kind: 'Widget',
        version: 'v1alpha1',
        apiVersion: 'example.com/v1alpha1',
        namespaced: true,
        file: 'crds/widget.yaml',
        hasSchema: false,
      },
      {
        group: 'example.com',
        kind: 'Widget',
        version: 'v1',
        apiVersion: 'example.com/v1',
        namespaced: true,
        file: 'crds/widget.yaml',
        hasSchema: true,
      },
    ]);
    expect(versions[1]?.schema).toMatchObject({ type: 'object', properties: { spec: { type: 'object' } } });
  });

  it('reads the single version and shared validation of a v1beta1 CRD, and the Cluster scope', () => {
    expect(customResourceVersions(objects('crds/gadget.yaml', V1BETA1_CRD))).toEqual([
      {
        group: 'example.com',
        kind: 'Gadget',
        version: 'v1beta1',
        apiVersion: 'example.com/v1beta1',
        namespaced: false,
        schema: { type: 'object' },
        file: 'crds/gadget.yaml',
      },
    ]);
  });

  it('takes a CRD without a scope as namespaced (the API default)', () => {
    const text = V1_CRD.replace('  scope: Namespaced\n', '');
    expect(customResourceVersions(objects('w.yaml', text)).every((version) => version.namespaced)).toBe(true);
  });

  it('leaves out CRDs without a group or kind, versions without a name, and other kinds', () => {
    const text = [
      V1_CRD.replace('  group: example.com\n', ''),
      V1_CRD.replace('    kind: Widget\n', ''),
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: a.io\n  names: { kind: A }\n  versions: [ {served: true}, v1, { name: v2 } ]\n',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: none\n',
      'apiVersion: example.com/v1\nkind: CustomResourceDefinition\nspec:\n  group: b.io\n  names: { kind: B }\n  versions: [ { name: v1 } ]\n',
    ].join('---\n');
    expect(customResourceVersions(objects('x.yaml', text)).map((version) => version.apiVersion)).toEqual(['a.io/v2']);
  });

  it('maps each custom kind to whether it is namespaced', () => {
    const list = [...objects('a.yaml', V1_CRD), ...objects('b.yaml', V1BETA1_CRD)];
    expect(customResourceScopes(list)).toEqual(
      new Map([
        ['example.com/Widget', true],
        ['example.com/Gadget', false],
      ]),
    );
  });

  it('finds the CRDs of a repository once per run', () => {
    const source = new MemoryObjectSource({
      'crds/widget.yaml': V1_CRD,
      'crds/gadget.yaml': V1BETA1_CRD,
      'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
    });
    const versions = repositoryCustomResourceVersions(source);
    expect(repositoryCustomResourceVersions(source)).toBe(versions);
    expect(versions.map((version) => version.apiVersion).sort()).toEqual([
      'example.com/v1',
      'example.com/v1alpha1',
      'example.com/v1beta1',
    ]);
    expect(repositoryCustomResourceScopes(source).get('example.com/Gadget')).toBe(false);
    expect(source.parsed).not.toContain('apps/cm.yaml');
  });
});

describe('toJsonSchema', () => {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  const accepts = (schema: unknown, value: unknown): boolean => ajv.validate(toJsonSchema(schema) as object, value);

  it('admits null where the schema is nullable, and only there', () => {
    const schema = {
      type: 'object',
      properties: {
        nullableString: { type: 'string', nullable: true },
        plainString: { type: 'string' },
        nullableEnum: { type: 'string', enum: ['a', 'b'], nullable: true },
      },
    };
    expect(accepts(schema, { nullableString: null })).toBe(true);
    expect(accepts(schema, { plainString: null })).toBe(false);
    expect(accepts(schema, { nullableEnum: null })).toBe(true);
    expect(accepts(schema, { nullableEnum: 'c' })).toBe(false);
  });

  it('admits an integer or a string for x-kubernetes-int-or-string, and nothing else', () => {
    const schema = { type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } };
    expect(accepts(schema, { port: 8080 })).toBe(true);
    expect(accepts(schema, { port: 'http' })).toBe(true);
    expect(accepts(schema, { port: 1.5 })).toBe(false);
    expect(accepts(schema, { port: true })).toBe(false);
    const withAnyOf = {
      'x-kubernetes-int-or-string': true,
      anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+%$' }],
    };
    expect(accepts(withAnyOf, '50%')).toBe(true);
    expect(accepts(withAnyOf, 'half')).toBe(false);
    expect(accepts({ ...withAnyOf, nullable: true }, null)).toBe(true);
  });

  it('converts nested schemas under items, additionalProperties, allOf and the rest', () => {
    const nullableString = { type: 'string', nullable: true };
    const schema = {
      type: 'object',
      properties: {
        list: { type: 'array', items: nullableString },
        labels: { type: 'object', additionalProperties: nullableString },
        both: { allOf: [nullableString] },
        not: { not: { type: 'integer', nullable: true } },
      },
    };
    expect(accepts(schema, { list: ['a', null] })).toBe(true);
    expect(accepts(schema, { labels: { a: null } })).toBe(true);
    expect(accepts(schema, { both: null })).toBe(true);
    expect(accepts(schema, { not: null })).toBe(false);
    expect(accepts(schema, { not: 'x' })).toBe(true);
  });

  it('drops description, default, example and x-kubernetes- keywords, but keeps properties with those names', () => {
    const converted = toJsonSchema({
      type: 'object',
      description: 'A widget.',
      default: {},
      example: { a: 1 },
      'x-kubernetes-preserve-unknown-fields': true,
      'x-kubernetes-validations': [{ rule: 'self.a > 0' }],
      properties: {
        default: { type: 'string', default: 'x' },
        description: { type: 'string', description: 'What the widget is for.' },
        nullable: { type: 'boolean' },
        'x-kubernetes-name': { type: 'string' },
      },
    });
    expect(converted).toEqual({
      type: 'object',
      properties: {
        default: { type: 'string' },
        description: { type: 'string' },
        nullable: { type: 'boolean' },
        'x-kubernetes-name': { type: 'string' },
      },
    });
  });

  it('does not change the schema it is given', () => {
    const schema = { type: 'string', nullable: true, properties: { a: { type: 'string', nullable: true } } };
    const copy = structuredClone(schema);
    toJsonSchema(schema);
    expect(schema).toEqual(copy);
  });

  it('passes through values that are not schemas', () => {
    expect(toJsonSchema(true)).toBe(true);
    expect(toJsonSchema(null)).toBeNull();
    expect(toJsonSchema([{ nullable: true, type: 'string' }])).toEqual([{ type: ['string', 'null'] }]);
  });
});
