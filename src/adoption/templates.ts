import path from 'node:path';
import { apiGroup } from '../manifests/api-resources.js';

/** A Kubernetes kind a template renders, read from its literal top-level lines. */
export interface TemplateKind {
  file: string;
  apiVersion: string;
  kind: string;
  group: string;
}

/** YAML templates outside Helm charts: makejinja and Jinja (`.yaml.j2`), Go templates (`.yaml.tmpl`, `.yaml.tpl`, `.yaml.gotmpl`). */
const TEMPLATE_NAME = /\.ya?ml\.(j2|jinja2?|tmpl|tpl|gotmpl)$/;

/** Directories of Helm charts' templates (`<chart>/templates/`), from the charts' Chart.yaml files. */
export function helmTemplateDirectories(files: readonly string[]): string[] {
  return files
    .filter((file) => path.posix.basename(file) === 'Chart.yaml')
    .map((chart) => {
      const directory = path.posix.dirname(chart);
      return directory === '.' ? 'templates/' : `${directory}/templates/`;
    });
}

/** Whether a file is a template of YAML: a Helm chart's template or a `.yaml.j2`-like file. */
export function isYamlTemplate(file: string, helmTemplates: readonly string[]): boolean {
  if (TEMPLATE_NAME.test(file)) return true;
  return /\.ya?ml$/.test(file) && helmTemplates.some((directory) => file.startsWith(directory));
}

/**
 * The kinds a template renders. A template is not YAML until it is rendered (`{{- range }}`
 * opens a flow mapping to a YAML reader), but the `apiVersion:` and `kind:` lines of each
 * document are nearly always literal at the start of a line: only those are read, document by
 * document (`---`), and only when both are plain words.
 */
export function templateKinds(file: string, text: string): TemplateKind[] {
  const kinds: TemplateKind[] = [];
  for (const document of text.split(/^---[^\n]*$/m)) {
    const apiVersion = /^apiVersion:[ \t]*["']?([A-Za-z0-9.-]+(?:\/[A-Za-z0-9.-]+)?)["']?[ \t]*(?:#.*)?$/m.exec(
      document,
    )?.[1];
    const kind = /^kind:[ \t]*["']?([A-Za-z][A-Za-z0-9]*)["']?[ \t]*(?:#.*)?$/m.exec(document)?.[1];
    if (apiVersion !== undefined && kind !== undefined)
      kinds.push({ file, apiVersion, kind, group: apiGroup(apiVersion) });
  }
  return kinds;
}
