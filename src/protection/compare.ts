/**
 * Field-by-field comparison of protection payloads: a rendered file against the policy, or the
 * live repository against it. Lists of rules, checks and actors are matched by what names them
 * (`type`, `context`, `name`, the actor), so that order never counts as a difference.
 */
import { isDeepStrictEqual } from 'node:util';

export interface FieldDifference {
  /** Where the values differ, e.g. `rules[pull_request].parameters.required_approving_review_count`. */
  path: string;
  /** What the policy says; undefined when the field should not be there. */
  expected: unknown;
  /** What was found; undefined when the field is missing. */
  actual: unknown;
}

export interface CompareOptions {
  /**
   * `report`: fields that only `actual` has are differences (a file must say exactly what the
   * policy says). `ignore`: they are not (the host adds fields of its own to what it returns);
   * unexpected entries of keyed lists, such as an extra rule, are still differences.
   */
  extraFields: 'report' | 'ignore';
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function itemKey(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.actor_type === 'string') return `${item.actor_type}:${JSON.stringify(item.actor_id ?? null)}`;
  for (const field of ['type', 'context', 'name']) {
    const value = item[field];
    if (typeof value === 'string') return value;
  }
  if (typeof item.access_level === 'number') return `access_level:${item.access_level}`;
  if (typeof item.group_id === 'number') return `group_id:${item.group_id}`;
  return undefined;
}

/** Keys of every item, or undefined when some item has none or two share one. */
function keyed(items: readonly unknown[]): Map<string, unknown> | undefined {
  const map = new Map<string, unknown>();
  for (const item of items) {
    const key = itemKey(item);
    if (key === undefined || map.has(key)) return undefined;
    map.set(key, item);
  }
  return map;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function compareArrays(
  expected: readonly unknown[],
  actual: readonly unknown[],
  path: string,
  options: CompareOptions,
  out: FieldDifference[],
): void {
  if (expected.every(isScalar) && actual.every(isScalar)) {
    // Lists of names (status check contexts): order does not matter.
    const want = new Set(expected.map((item) => JSON.stringify(item)));
    const have = new Set(actual.map((item) => JSON.stringify(item)));
    if (want.size !== have.size || [...want].some((item) => !have.has(item))) out.push({ path, expected, actual });
    return;
  }
  const wantKeys = keyed(expected);
  const haveKeys = keyed(actual);
  if (wantKeys && haveKeys) {
    for (const [key, item] of wantKeys) compareInto(item, haveKeys.get(key), `${path}[${key}]`, options, out);
    for (const [key, item] of haveKeys)
      if (!wantKeys.has(key)) out.push({ path: `${path}[${key}]`, expected: undefined, actual: item });
    return;
  }
  if (expected.length !== actual.length) {
    out.push({ path, expected, actual });
    return;
  }
  expected.forEach((item, index) => compareInto(item, actual[index], `${path}[${index}]`, options, out));
}

function compareInto(
  expected: unknown,
  actual: unknown,
  path: string,
  options: CompareOptions,
  out: FieldDifference[],
): void {
  if (isObject(expected) && isObject(actual)) {
    for (const [key, value] of Object.entries(expected))
      compareInto(value, actual[key], path === '' ? key : `${path}.${key}`, options, out);
    if (options.extraFields === 'report') {
      for (const [key, value] of Object.entries(actual)) {
        if (!(key in expected) && value !== undefined)
          out.push({ path: path === '' ? key : `${path}.${key}`, expected: undefined, actual: value });
      }
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    compareArrays(expected, actual, path, options, out);
    return;
  }
  if (!isDeepStrictEqual(expected, actual)) out.push({ path: path === '' ? '(whole)' : path, expected, actual });
}

/** Every difference between what the policy says (`expected`) and what was found (`actual`). */
export function compareFields(expected: unknown, actual: unknown, options: CompareOptions): FieldDifference[] {
  const out: FieldDifference[] = [];
  compareInto(expected, actual, '', options, out);
  return out;
}

/** A value for a one-line message: JSON, `absent` for a missing one, shortened past 80 characters. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `path: live X, policy Y` lines, for messages and the diff command. */
export function describeDifference(difference: FieldDifference, actualLabel: string): string {
  return `${difference.path}: ${actualLabel} ${formatValue(difference.actual)}, policy ${formatValue(difference.expected)}`;
}
