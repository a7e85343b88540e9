import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';
import {
  describeObject,
  fieldNode,
  formatPath,
  locatePath,
  nodeAt,
  nodeToReport,
  objectsIn,
  objectsOf,
  patchFiles,
  pointerSegments,
  repositoryObjectsOfKind,
  stringAt,
  valueAt,
} from '../../src/manifests/objects.js';
import { MemoryObjectSource } from '../helpers/object-source.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/** The source text of a node. */
function textOf(text: string, node: YamlNode | undefined): string | undefined {
  return node?.range ? text.slice(node.range[0], node.range[1]) : undefined;
}

describe('objectsOf', () => {
  it('reads each Kubernetes object of a file, with its group, name, namespace and plain data', () => {
    const text = `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n`;
    const objects = objectsOf(parseYamlFile('apps/web.yaml', text));
    expect(
      objects.map(({ file, index, apiVersion, kind, group, name, namespace }) => ({
        file,
        index,
        apiVersion,
        kind,
        group,
        name,
        namespace,
      })),
    ).toEqual([
      {
        file: 'apps/web.yaml',
        index: 0,
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        group: 'apps',
        name: 'web',
        namespace: 'shop',
      },
      {
        file: 'apps/web.yaml',
        index: 1,
        apiVersion: 'v1',
        kind: 'Service',
        group: '',
        name: 'web',
        namespace: undefined,
      },
    ]);
    expect(stringAt(objects[0]?.value, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe('nginx:1.27');
  });

  it('gives the parsed document and its root mapping, with positions in the file', () => {
    const text = `# leading comment\n${DEPLOYMENT}`;
    const [object] = objectsOf(parseYamlFile('web.yaml', text));
    expect(object?.root.items.length).toBe(4);
    const image = nodeAt(object?.root, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(textOf(text, image)).toBe('nginx:1.27');
    expect(object?.document.errors).toEqual([]);
  });

  it('keeps the index of a document among all documents, non-objects included', () => {
    const text = `just: data\n---\n- a list\n---\n${DEPLOYMENT}`;
    expect(objectsOf(parseYamlFile('x.yaml', text)).map((object) => object.index)).toEqual([2]);
  });

  it('leaves out documents without a string apiVersion and kind, and empty ones', () => {
    const text = [
      'kind: Deployment',
      '---',
      'apiVersion: v1',
      '---',
      'apiVersion: ""\nkind: ConfigMap',
      '---',
      'apiVersion: v1\nkind: ""',
      '---',
      'apiVersion: 1\nkind: ConfigMap',
      '---',
      'apiVersion: v1\nkind: [ConfigMap]',
      '---',
      '',
      '---',
      'plain text',
    ].join('\n');
    expect(objectsOf(parseYamlFile('x.yaml', text))).toEqual([]);
  });

  it('leaves out kustomize configuration documents, which are not sent to a cluster', () => {
    const text = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      '---',
      'apiVersion: config.kubernetes.io/v1',
      'kind: ResourceList',
      '---',
      'apiVersion: kustomize.toolkit.fluxcd.io/v1',
      'kind: Kustomization',
    ].join('\n');
    expect(objectsOf(parseYamlFile('x.yaml', text)).map((object) => object.group)).toEqual([
      'kustomize.toolkit.fluxcd.io',
    ]);
  });

  it('reads nothing from a file with a syntax error, even from its good documents', () => {
    const text = `${DEPLOYMENT}---\napiVersion: v1\nkind: [unclosed\n`;
    const file = parseYamlFile('x.yaml', text);
    expect(file.errors.length).toBeGreaterThan(0);
    expect(objectsOf(file)).toEqual([]);
  });

  it('finds the objects of a parsed file once, however often it is asked', () => {
    const file = parseYamlFile('x.yaml', DEPLOYMENT);
    expect(objectsOf(file)).toBe(objectsOf(file));
  });
});

describe('objectsIn', () => {
  it('reads the objects of the given files in order, skipping files that are not YAML or missing', () => {
    const source = new MemoryObjectSource({
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n',
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n',
      'README.md': 'apiVersion: v1\nkind: ConfigMap\n',
    });
    const objects = objectsIn(source, ['b.yaml', 'README.md', 'missing.yaml', 'a.yaml']);
    expect(objects.map((object) => object.name)).toEqual(['b', 'a']);
  });
});

describe('repositoryObjectsOfKind', () => {
  const files = {
    'crds/a.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: a }\n',
    'crds/b.yaml':
      'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: { name: b }\n---\napiVersion: v1\nkind: ConfigMap\n',
    'other/c.yaml': 'apiVersion: other.example.com/v1\nkind: CustomResourceDefinition\n',
    'apps/web.yaml': DEPLOYMENT,
    'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n',
  };

  it('finds the objects of a group and kind in every file, and parses only files that mention both', () => {
    const source = new MemoryObjectSource(files);
    const objects = repositoryObjectsOfKind(source, 'apiextensions.k8s.io', 'CustomResourceDefinition');
    expect(objects.map((object) => `${object.file}:${object.name ?? ''}`)).toEqual(['crds/a.yaml:a', 'crds/b.yaml:b']);
    expect(source.parsed.sort()).toEqual(['crds/a.yaml', 'crds/b.yaml']);
  });

  it('finds core-group objects by their kind and version alone', () => {
    const source = new MemoryObjectSource(files);
    expect(repositoryObjectsOfKind(source, '', 'ConfigMap').map((object) => object.file)).toEqual([
      'apps/cm.yaml',
      'crds/b.yaml',
    ]);
  });

  it('computes each group and kind once per run', () => {
    const source = new MemoryObjectSource(files);
    const first = repositoryObjectsOfKind(source, 'apps', 'Deployment');
    expect(repositoryObjectsOfKind(source, 'apps', 'Deployment')).toBe(first);
    expect(source.computed.get('objects-of-kind:apps/Deployment')).toBe(1);
    expect(first.map((object) => object.name)).toEqual(['web']);
  });
});

describe('patchFiles', () => {
  it('lists the files kustomizations name as patches, relative to the repository', () => {
    const source = new MemoryObjectSource({
      'overlays/prod/kustomization.yaml': [
        'resources:',
        '  - ../../base',
        'patches:',
        '  - path: replicas.yaml',
        '  - patch: |-',
        '      - op: replace',
        '        path: /spec/replicas',
        '        value: 3',
        'patchesStrategicMerge:',
        '  - ../shared/memory.yaml',
        'patchesJson6902:',
        '  - path: ./json/patch.yaml',
        '    target: { kind: Deployment, name: web }',
        '',
      ].join('\n'),
      'kustomization.yaml': 'patches:\n  - path: root-patch.yaml\n',
      'not-kustomize/patches.yaml': 'patches:\n  - path: ignored.yaml\n',
      'flow/kustomization.yaml': '{ "patches": [ { "path": "flow.yaml" } ] }\n',
    });
    expect([...patchFiles(source)].sort()).toEqual([
      'flow/flow.yaml',
      'overlays/prod/json/patch.yaml',
      'overlays/prod/replicas.yaml',
      'overlays/shared/memory.yaml',
      'root-patch.yaml',
    ]);
  });

  it('skips a kustomization with a syntax error', () => {
    const source = new MemoryObjectSource({ 'k/kustomization.yaml': 'patches: [ { path: a.yaml\n' });
    expect([...patchFiles(source)]).toEqual([]);
  });
});

describe('valueAt and stringAt', () => {
  const value = { spec: { ports: [{ port: 80, name: 'http' }], empty: null } };

  it('follows mapping keys and sequence indexes', () => {
    expect(valueAt(value, ['spec', 'ports', 0, 'port'])).toBe(80);
    expect(valueAt(value, [])).toBe(value);
    expect(stringAt(value, 'spec', 'ports', 0, 'name')).toBe('http');
  });

  it('is undefined for a missing path, a wrong kind of step, or an inherited property', () => {
    expect(valueAt(value, ['spec', 'ports', 1, 'port'])).toBeUndefined();
    expect(valueAt(value, ['spec', 'ports', '0', 'port'])).toBeUndefined();
    expect(valueAt(value, ['spec', 0])).toBeUndefined();
    expect(valueAt(value, ['spec', 'empty', 'x'])).toBeUndefined();
    expect(valueAt(value, ['constructor'])).toBeUndefined();
    expect(valueAt(value, ['toString'])).toBeUndefined();
    expect(valueAt(null, ['a'])).toBeUndefined();
  });

  it('gives a string only when the value is one', () => {
    expect(stringAt(value, 'spec', 'ports', 0, 'port')).toBeUndefined();
    expect(stringAt(value, 'spec')).toBeUndefined();
    expect(stringAt({ a: '' }, 'a')).toBe('');
  });
});

describe('locatePath, nodeAt, fieldNode and nodeToReport', () => {
  const text = 'spec:\n  ports:\n    - port: 80\n  2: numeric key\nmetadata: { name: web, flag }\n';
  const root = parseDocument(text).contents;

  it('finds the node at a path, with its key', () => {
    const located = locatePath(root, ['spec', 'ports', 0, 'port']);
    expect(located.depth).toBe(4);
    expect(textOf(text, located.node)).toBe('80');
    expect(isScalar(located.key) && located.key.value).toBe('port');
    expect(textOf(text, nodeAt(root, ['metadata', 'name']))).toBe('web');
  });

  it('matches a numeric segment against a numeric mapping key', () => {
    expect(textOf(text, nodeAt(root, ['spec', 2]))).toBe('numeric key');
  });

  it('stops at the deepest node that exists', () => {
    const located = locatePath(root, ['spec', 'ports', 3, 'port']);
    expect(located.depth).toBe(2);
    expect(nodeAt(root, ['spec', 'ports', 3, 'port'])).toBeUndefined();
    expect(nodeAt(root, ['spec', 'ports', 'port'])).toBeUndefined();
    expect(locatePath(undefined, ['a']).depth).toBe(0);
  });

  it('reports a field by its key, else by its value', () => {
    expect(textOf(text, fieldNode(root, ['spec', 'ports']))).toBe('ports');
    expect(textOf(text, fieldNode(root, ['spec', 'ports', 0]))).toBe('port: 80\n');
    // A missing field: the key of its closest parent.
    expect(textOf(text, fieldNode(root, ['spec', 'missing']))).toBe('spec');
  });

  it('reports a found value by its node, a key without a value by its key, a missing one by its parent', () => {
    expect(textOf(text, nodeToReport(root, ['spec', 'ports', 0, 'port']))).toBe('80');
    expect(textOf(text, nodeToReport(root, ['metadata', 'flag']))).toBe('flag');
    expect(textOf(text, nodeToReport(root, ['metadata', 'namespace']))).toBe('metadata');
  });

  it('finds every key of a large mapping as in a small one: the first of repeated keys, and keys changed since', () => {
    const keys = Array.from({ length: 5000 }, (_, index) => `key${index}`);
    const large = `${keys.map((key, index) => `${key}: ${index}`).join('\n')}\nkey7: repeated\n10: number\n`;
    const map = parseDocument(large, { uniqueKeys: false }).contents;
    for (const [index, key] of keys.entries()) expect(textOf(large, nodeAt(map, [key]))).toBe(String(index));
    expect(textOf(large, nodeAt(map, ['key7']))).toBe('7');
    expect(textOf(large, nodeAt(map, [10]))).toBe('number');
    expect(nodeAt(map, ['missing'])).toBeUndefined();
    // A mapping changed after a lookup (a rule building a document): the lookup sees the change.
    const document = parseDocument(large, { uniqueKeys: false });
    const changed = document.contents;
    expect(nodeAt(changed, ['key3'])).toBeDefined();
    if (!isMap(changed)) throw new Error('expected a mapping');
    changed.items.push(document.createPair('added', 'value'));
    const added = nodeAt(changed, ['added']);
    expect(isScalar(added) && added.value).toBe('value');
    const pair = changed.items[3];
    if (isScalar(pair?.key)) pair.key.value = 'renamed';
    expect(nodeAt(changed, ['key3'])).toBeUndefined();
    expect(textOf(large, nodeAt(changed, ['renamed']))).toBe('3');
  });
});

describe('pointerSegments', () => {
  it('splits a JSON pointer, unescaping ~1 and ~0 in that order, with numbers for indexes', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/spec/ports/0/port')).toEqual(['spec', 'ports', 0, 'port']);
    expect(pointerSegments('/metadata/annotations/a~1b')).toEqual(['metadata', 'annotations', 'a/b']);
    expect(pointerSegments('/a~0b/~01')).toEqual(['a~b', '~1']);
    expect(pointerSegments('/')).toEqual(['']);
  });
});

describe('formatPath and describeObject', () => {
  it('writes a path as in messages', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe(
      'spec.template.spec.containers[0].image',
    );
    expect(formatPath([0, 'a', 1, 2])).toBe('[0].a[1][2]');
    expect(formatPath([])).toBe('');
  });

  it('names an object by kind and name', () => {
    expect(describeObject({ kind: 'Deployment', name: 'web' })).toBe('Deployment "web"');
    expect(describeObject({ kind: 'Deployment', name: undefined })).toBe('Deployment');
  });
});
