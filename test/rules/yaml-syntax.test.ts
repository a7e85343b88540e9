import rule from '../../rules/yaml-syntax.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();

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
    { name: 'byte-order mark', files: { 'bom.yaml': '\uFEFFkey: value\n' } },
    { name: 'CRLF line endings', files: { 'crlf.yaml': 'a: 1\r\nb:\r\n  c: 2\r\n' } },
    { name: 'non-YAML files are not parsed', files: { 'notes.txt': 'a: : :\n', 'data.json': '{' } },
    { name: 'a few aliases are fine', files: { 'anchors.yaml': 'base: &b {x: 1}\none: *b\ntwo: *b\n' } },
    { name: 'an empty file', files: { 'empty.yaml': '' } },
    { name: 'same key in different mappings', files: { 'm.yaml': 'a:\n  x: 1\nb:\n  x: 2\n' } },
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
