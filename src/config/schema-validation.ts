import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import { isNode } from '../manifests/yaml-nodes.js';
import type { SourcePosition } from '../manifests/yaml-file.js';

/**
 * The options of every schema compiled here, at run time or ahead of time by
 * src/config/generate-schemas.ts: the same options give the same errors, and so the same
 * messages.
 */
export const AJV_OPTIONS = { allErrors: true, strict: false, useDefaults: false } as const satisfies Options;

let ajv: Ajv | undefined;

/** ajv is loaded on first compile: loading it takes some 30 ms, which a run that compiles no schema need not pay. */
function instance(): Ajv {
  if (!ajv) {
    const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    ajv = new AjvClass(AJV_OPTIONS);
  }
  return ajv;
}

export function compileSchema(schema: object): ValidateFunction {
  return instance().compile(schema);
}

/** Splits an ajv instance path (`/rules/foo/0`) into keys. */
export function instancePathKeys(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

/** How a message names the value at a path: `the document`, `"teams.platform"`. */
export type PathName = (path: readonly (string | number)[]) => string;

function quotedPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the document' : `"${path.join('.')}"`;
}

/** Turns an ajv error into a sentence that names the field and what is allowed. */
export function describeAjvError(error: ErrorObject): { path: (string | number)[]; message: string } {
  return describeAjvErrorNaming(error, quotedPath);
}

/** As describeAjvError, with the field named by `name` (rule options name their first key "option 1"). */
export function describeAjvErrorNaming(
  error: ErrorObject,
  name: PathName,
): { path: (string | number)[]; message: string } {
  const path = instancePathKeys(error.instancePath);
  const where = name(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        path: [...path, String(params.additionalProperty)],
        message: `unknown property "${String(params.additionalProperty)}" in ${where}`,
      };
    case 'required':
      return { path, message: `${where} is missing the required property "${String(params.missingProperty)}"` };
    case 'enum':
      return { path, message: `${where} must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}` };
    case 'pattern':
      return { path, message: `${where} must match ${String(params.pattern)}` };
    case 'propertyNames':
      return {
        path: [...path, String(params.propertyName)],
        message: `"${String(params.propertyName)}" is not a valid name in ${where}`,
      };
    case 'type':
      return { path, message: `${where} must be of type ${String(params.type)}` };
    default:
      return { path, message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

/** The position of the value at `path` in a YAML document, falling back to the closest parent. */
export function nodePosition(
  document: Document.Parsed,
  path: readonly (string | number)[],
  position: (offset: number) => SourcePosition,
): SourcePosition | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return position(node.range[0]);
  }
  return undefined;
}
