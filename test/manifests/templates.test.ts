import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';
import { hasTemplateAction, isTemplated, isTemplatedPath, isTemplateFileName } from '../../src/manifests/templates.js';

const valueOf = (text: string): unknown => parseYamlFile('t.yaml', text).documents[0]?.value;

describe('templates', () => {
  it('tells strings a template or a substitution fills in', () => {
    expect(['{{ .Values.tag }}', 'app-{{.Name}}', '${IMAGE_TAG}', 'v${VERSION}'].map(isTemplated)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['1.4.2', '$HOME', '{ a }', 'price: $5'].map(isTemplated)).toEqual([false, false, false, false]);
  });

  it('tells template files by their names', () => {
    expect(
      ['a/deploy.template.yaml', 'cm.tmpl.yaml', 'app.tpl.yml', 'values.gotmpl.yaml', 'job.J2.yaml'].map(
        isTemplateFileName,
      ),
    ).toEqual([true, true, true, true, true]);
    expect(['templates/deploy.yaml', 'template.yaml', 'my-template.yaml'].map(isTemplateFileName)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('finds Go template actions that YAML read as mappings, and quoted ones used as keys', () => {
    expect(hasTemplateAction(valueOf('spec:\n  replicas: {{ .Replicas }}\n'))).toBe(true);
    expect(hasTemplateAction(valueOf('metadata:\n  annotations:\n    {{ .Key }}: x\n'))).toBe(true);
    expect(hasTemplateAction(valueOf('data:\n  "{{ .Key }}": x\n'))).toBe(true);
    expect(hasTemplateAction(valueOf('items:\n  - {{ .Item }}\n'))).toBe(true);
    // Quoted actions in values are strings, as ApplicationSets and Prometheus rules write them.
    expect(hasTemplateAction(valueOf("name: '{{path.basename}}'\ndescription: '{{ $labels.pod }} is down'\n"))).toBe(
      false,
    );
    expect(hasTemplateAction(valueOf('selector: { app: web }\n'))).toBe(false);
  });

  it('tells a path that ends at a filled-in value or passes a filled-in key', () => {
    const value = valueOf("spec:\n  replicas: '{{ .R }}'\n  ports: [{ port: '${PORT}' }]\n  paused: false\n");
    expect(isTemplatedPath(value, ['spec', 'replicas'])).toBe(true);
    expect(isTemplatedPath(value, ['spec', 'ports', 0, 'port'])).toBe(true);
    expect(isTemplatedPath(value, ['spec', 'paused'])).toBe(false);
    expect(isTemplatedPath(value, ['spec', 'missing'])).toBe(false);
    expect(isTemplatedPath({ data: { '{{ .K }}': 1 } }, ['data', '{{ .K }}'])).toBe(true);
  });
});
