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
// `verbose` gives each error its schema, where a pattern's `patternErrorMessage` is found: an
// error's schema path is relative to the definition a `$ref` led to, so it cannot be walked
// from the root.
export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  useDefaults: false,
  verbose: true,
} as const satisfies Options;

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

/** The longest value a message quotes: a value can be anything a file holds. */
const QUOTED_VALUE_LENGTH = 60;

function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTED_VALUE_LENGTH ? `${text.slice(0, QUOTED_VALUE_LENGTH)}…` : text;
}

/** What a pattern means: its `patternErrorMessage`, which editors such as VS Code show too. */
function patternMeaning(schema: unknown): string | undefined {
  const meaning =
    typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>).patternErrorMessage : undefined;
  return typeof meaning === 'string' ? meaning : undefined;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/**
 * A schema's errors over `value` as sentences. A value that does not match a pattern is named
 * with what the pattern means ("not a semantic version"), never the regular expression itself:
 * every pattern of our schemas carries a `patternErrorMessage`.
 */
export function describeSchemaErrors(
  errors: readonly ErrorObject[],
  value: unknown,
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const error of errors) {
    // A property name that does not match comes as a `pattern` error and a `propertyNames` error
    // naming the property: the second says it.
    if (error.keyword === 'pattern' && error.schemaPath.includes('/propertyNames/')) continue;
    const described = describeAjvError(error);
    const meaning =
      error.keyword === 'pattern'
        ? patternMeaning(error.parentSchema)
        : error.keyword === 'propertyNames'
          ? patternMeaning(error.schema)
          : undefined;
    if (meaning === undefined) {
      problems.push(described);
    } else if (error.keyword === 'propertyNames') {
      const name = String((error.params as { propertyName?: unknown }).propertyName);
      const parent = instancePathKeys(error.instancePath).join('.');
      problems.push({
        path: described.path,
        message: `${parent === '' ? 'the document' : `"${parent}"`} has ${quoted(name)}, ${meaning}`,
      });
    } else {
      problems.push({
        path: described.path,
        message: `"${described.path.join('.')}" is ${quoted(valueAt(value, described.path))}, ${meaning}`,
      });
    }
  }
  return problems;
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
