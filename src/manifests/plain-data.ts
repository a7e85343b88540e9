/**
 * Plain data as YAML and JSON parsers return it: mappings are objects, sequences arrays.
 */

/** Whether a parsed value is a mapping (an object that is not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
