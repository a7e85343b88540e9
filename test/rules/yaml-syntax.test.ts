import rule from '../../rules/yaml-syntax.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();

/** A text as UTF-16 with its byte-order mark, little- or big-endian. */
function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return endian === 'le' ? bytes : bytes.swap16();
}

/** A CustomResourceDefinition as older controller-gen versions wrote it: single-quoted descriptions wrapped at the key's indentation. */
const CONTROLLER_GEN_CRD = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata:',
  '  name: widgets.example.com',
  'spec:',
  '  group: example.com',
  '  names: { kind: Widget, plural: widgets }',
  '  scope: Namespaced',
  '  versions:',
  '    - name: v1',
  '      served: true',
  '      storage: true',
  '      schema:',
  '        openAPIV3Schema:',
  '          type: object',
  '          properties:',
  '            apiVersion:',
  "              description: 'APIVersion defines the versioned schema of this representation",
  '              of an object. Servers should convert recognized schemas to the latest',
  "              internal value, and may reject unrecognized values.'",
  '              type: string',
  '',
].join('\n');

tester.run('yaml-syntax', rule, {
  valid: [
    { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' },
    { name: 'multi-document stream', files: { 'b.yml': 'a: 1\n---\na: 2\n---\n' } },
    {
      name: 'Helm templates are Go templates, not YAML',
      files: {
        'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
        'chart/templates/x.yaml': '{{- if .Values.x }}\nkey: {{ .Values.y | quote }}\n{{- end }}\n',
      },
    },
    {
      name: 'a file named as a template is YAML once rendered',
      files: {
        'fn/templates/deploy.template.yaml':
          'kind: Deployment\n{{- if .HA }}\nspec:\n  replicas: {{ .Replicas }}\n{{- end }}\n',
      },
    },
    { name: 'byte-order mark', files: { 'bom.yaml': '\uFEFFkey: value\n' } },
    { name: 'CRLF line endings', files: { 'crlf.yaml': 'a: 1\r\nb:\r\n  c: 2\r\n' } },
    { name: 'non-YAML files are not parsed', files: { 'notes.txt': 'a: : :\n', 'data.json': '{' } },
    { name: 'a few aliases are fine', files: { 'anchors.yaml': 'base: &b {x: 1}\none: *b\ntwo: *b\n' } },
    { name: 'an empty file', files: { 'empty.yaml': '' } },
    { name: 'same key in different mappings', files: { 'm.yaml': 'a:\n  x: 1\nb:\n  x: 2\n' } },
    {
      name: 'a single-quoted description continuing at its key’s indentation, as go-yaml (kubectl, Flux, Argo CD) reads it',
      files: { 'crds/widgets.yaml': CONTROLLER_GEN_CRD },
    },
    {
      name: 'a status message wrapped below its key, in a sequence item',
      files: {
        'status.yaml':
          "status:\n  conditions:\n    - type: Ready\n      message: '0/3 clusters are available: 3 cluster(s) didn''t match\n      the placement'\n      reason: Failed\n",
      },
    },
    {
      name: 'a flow sequence closed at column 0, and a comment right after a quoted value',
      files: { 'args.yaml': 'spec:\n  args: [\n    "--a",\n]\n  image: "web:1.0"#pinned\n' },
    },
    {
      name: 'UTF-16 with a byte-order mark is text (little- and big-endian)',
      files: {
        'le.yaml': utf16('apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\r\n', 'le'),
        'be.yaml': utf16('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n', 'be'),
      },
    },
  ],
  invalid: [
    {
      name: 'syntax error with position',
      files: { 'bad.yaml': 'a: 1\nb: [1, 2\n' },
      errors: [{ messageId: 'syntaxError', file: 'bad.yaml', line: 3 }],
    },
    {
      name: 'duplicate key',
      files: { 'dup.yaml': 'metadata:\n  name: a\n  name: b\n' },
      errors: [{ messageId: 'duplicateKey', data: { key: 'name' }, file: 'dup.yaml', line: 3, column: 3 }],
    },
    {
      name: 'duplicate key positions with CRLF line endings and a BOM',
      files: { 'crlf.yaml': '\uFEFFa: 1\r\nb: 2\r\na: 3\r\n' },
      errors: [{ messageId: 'duplicateKey', line: 3, column: 1 }],
    },
    {
      name: 'billion laughs',
      files: {
        'lol.yaml': [
          'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
          'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
          'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
          'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
          'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
          'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
          'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
          'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
          'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
          '',
        ].join('\n'),
      },
      errors: [{ messageId: 'aliasLimit', file: 'lol.yaml' }],
    },
    {
      name: 'binary content',
      files: { 'bin.yaml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]) },
      errors: [{ messageId: 'unreadable', file: 'bin.yaml', line: 1 }],
    },
    {
      name: 'invalid UTF-8',
      files: { 'latin1.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x74, 0xe9, 0x0a]) },
      errors: [{ messageId: 'unreadable', file: 'latin1.yaml' }],
    },
    {
      name: 'the same template in a file named as a manifest: kubectl would read it unrendered',
      files: { 'deploy.yaml': 'kind: Deployment\n{{- if .HA }}\nspec:\n  replicas: {{ .Replicas }}\n{{- end }}\n' },
      errors: [{ messageId: 'syntaxError', file: 'deploy.yaml', line: 2 }],
    },
    {
      name: 'a multi-line plain value at its key’s indentation is an error for go-yaml too',
      files: { 'plain.yaml': 'data:\n  a: one\n  two\n' },
      errors: [{ messageId: 'syntaxError', file: 'plain.yaml', line: 3 }],
    },
    {
      name: 'a quoted value that a document marker cuts off',
      files: { 'cut.yaml': "data:\n  a: 'one\n---\n  two'\n" },
      errors: [{ messageId: 'syntaxError', file: 'cut.yaml' }],
    },
    {
      name: 'one syntax error per document: not the errors that follow from it',
      files: {
        'template.yaml':
          'metadata:\n  name: {{ template "x.fullname" . }}\ndata:\n  {{- range .Values.files }}\n  {{ . }}: |-\n  {{ end }}\n---\na: [1\n',
      },
      errors: [
        { messageId: 'syntaxError', file: 'template.yaml', line: 4 },
        { messageId: 'syntaxError', file: 'template.yaml', line: 9 },
      ],
    },
    {
      name: 'a duplicate key in a UTF-16 file, at its line',
      files: { 'dup16.yaml': utf16('a: 1\r\nb: 2\r\na: 3\r\n', 'le') },
      errors: [{ messageId: 'duplicateKey', data: { key: 'a' }, line: 3, column: 1 }],
    },
    {
      name: 'UTF-16 without a byte-order mark is not read as text (go-yaml reads it as control characters)',
      files: { 'nobom.yaml': Buffer.from('a: 1\n', 'utf16le') },
      errors: [{ messageId: 'unreadable', file: 'nobom.yaml', line: 1 }],
    },
    {
      name: 'a UTF-16 byte-order mark before bytes that are not UTF-16',
      files: { 'odd.yaml': Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x3a]) },
      errors: [{ messageId: 'unreadable', file: 'odd.yaml', line: 1 }],
    },
    {
      name: 'errors in two documents of one stream',
      files: { 'two.yaml': 'a: 1\na: 2\n---\nb: 1\nb: 2\n' },
      errors: [
        { messageId: 'duplicateKey', line: 2 },
        { messageId: 'duplicateKey', line: 5 },
      ],
    },
    {
      name: 'Kustomization without an extension is YAML',
      files: { 'base/Kustomization': 'resources:\n  - a.yaml\nresources: []\n' },
      errors: [{ messageId: 'duplicateKey', file: 'base/Kustomization', line: 3 }],
    },
  ],
});
