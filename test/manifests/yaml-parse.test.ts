import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';

describe('parsing linted YAML', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints no process warning for a mapping used as a key, as an unrendered Go template is', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Name }}',
      '  annotations:',
      '    {{ .Key }}: {{ .Value }}',
      'spec:',
      '  replicas: {{ .Replicas }}',
      '',
    ].join('\n');
    const file = parseYamlFile('deploy.template.yaml', text);
    expect(file.errors).toEqual([]);
    // Converting to plain data is where the yaml package would warn: the keys are stringified.
    expect(file.documents[0]?.value).toMatchObject({ metadata: { name: { '{ .Name }': null } } });
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it('prints no process warning for an unknown tag', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const file = parseYamlFile('tagged.yaml', 'a: !vault secret/data/app\nb: [x, y]\nc: {d: [1, {e: f}]}\n');
    expect(file.documents[0]?.value).toEqual({ a: 'secret/data/app', b: ['x', 'y'], c: { d: [1, { e: 'f' }] } });
    expect(emitWarning).not.toHaveBeenCalled();
  });
});
