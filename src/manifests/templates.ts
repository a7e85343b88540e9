/**
 * Templates: YAML that something renders before anything applies it, so that its values are
 * not yet what a cluster receives. Rules that judge values ask here rather than each keeping a
 * pattern of its own.
 */
import { isRecord } from './plain-data.js';

/**
 * A template action or a substitution in a string: Go templates (`{{ .Values.tag }}`: Helm,
 * Argo CD ApplicationSets, kustomize's and kpt's function templates, gomplate) and `${VAR}`
 * (Flux's post-build substitution, envsubst).
 */
const TEMPLATED = /\{\{|\$\{/;

/** Whether a string is filled in by a template or a substitution before it is applied. */
export function isTemplated(value: string): boolean {
  return TEMPLATED.test(value);
}

/**
 * File names that say a file is a template: `deployment.template.yaml`, `cm.tmpl.yaml`,
 * `app.tpl.yml`, `values.gotmpl.yaml`, `job.j2.yaml` (kustomize's and kpt's function templates,
 * Go template and Jinja conventions).
 */
const TEMPLATE_FILE_NAME = /\.(?:template|tmpl|tpl|gotmpl|j2|jinja2?)\.ya?ml$/i;

/** Whether a file's name says it is a template, rendered before it is applied. */
export function isTemplateFileName(file: string): boolean {
  return TEMPLATE_FILE_NAME.test(file);
}

/**
 * Whether a key of parsed YAML is a Go template action. An action written where YAML expects a
 * node (`replicas: {{ .Replicas }}`, `{{ .Key }}: value`) is read as a flow mapping inside a
 * flow mapping, whose inner mapping becomes a key, stringified when converted to plain data
 * (`{ .Replicas }`); no Kubernetes field name starts with a brace. A quoted one keeps its braces.
 */
function isTemplateAction(key: string): boolean {
  return key.startsWith('{') || key.includes('{{');
}

/**
 * Whether plain data holds a Go template action as a key, or where YAML expects a node (see
 * isTemplateAction): the document is a template, not an object as it will be applied.
 */
export function hasTemplateAction(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
    } else if (isRecord(item)) {
      for (const [key, child] of Object.entries(item)) {
        if (isTemplateAction(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Whether a path into plain data (mapping keys and sequence indexes) passes through a key that
 * a template fills in, or ends at a string that one does.
 */
export function isTemplatedPath(value: unknown, keys: readonly (string | number)[]): boolean {
  let current = value;
  for (const key of keys) {
    if (typeof key === 'string' && (isTemplateAction(key) || isTemplated(key))) return true;
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && Object.hasOwn(current, key)) current = current[String(key)];
    else return false;
  }
  return typeof current === 'string' && isTemplated(current);
}
