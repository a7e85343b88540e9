import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isRecord } from '../../src/manifests/plain-data.js';

describe('isRecord', () => {
  it('is true for a parsed mapping, empty or not, and an object without a prototype', () => {
    expect(isRecord(parse('a: 1'))).toBe(true);
    expect(isRecord(parse('{}'))).toBe(true);
    expect(isRecord(JSON.parse('{"a":[1]}'))).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
  });

  it('is false for sequences, scalars, null and undefined', () => {
    for (const value of [parse('- a'), [], parse('text'), 1, true, null, undefined, parse('')]) {
      expect(isRecord(value)).toBe(false);
    }
  });
});
