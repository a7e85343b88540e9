import { describe, expect, it } from 'vitest';
import { readVersion, writeVersion } from '../../src/versioning/sources.js';

const chart = { file: 'chart/Chart.yaml', field: 'version' };

describe('readVersion', () => {
  // YAML reads a plain 2.0 as the number 2 and 1.10 as 1.1: a finding must quote what the file says.
  it.each([
    ['version: 2.0\n', '2.0', [9, 12]],
    ['version: 1.10\n', '1.10', [9, 13]],
    ['version: "1.0"\n', '1.0', [9, 14]],
    ["version: '1.2.3'\n", '1.2.3', [9, 16]],
    ['version: 0x10\n', '0x10', [9, 13]],
    ['version: true\n', 'true', [9, 13]],
    ['version:\n', '', [8, 8]],
    ['{ name: c, version: 2.0 }\n', '2.0', [20, 23]],
    ['name: c\nversion: v1.2.3\n', 'v1.2.3', [17, 23]],
  ])('%j reads as %j', (text, raw, range) => {
    const reading = readVersion(chart, text);
    expect(reading.raw).toBe(raw);
    expect(reading.range).toEqual(range);
  });

  it('a missing field or a mapping is no version', () => {
    expect(readVersion(chart, 'name: c\n').raw).toBeUndefined();
    expect(readVersion(chart, 'version:\n  major: 1\n').raw).toBeUndefined();
    expect(readVersion(chart, undefined).raw).toBeUndefined();
  });
});

describe('writeVersion', () => {
  it('replaces the number as written, keeping the rest of the file', () => {
    expect(writeVersion(chart, 'name: c\nversion: 2.0 # bumped by CI\n', '2.1.0')).toBe(
      'name: c\nversion: 2.1.0 # bumped by CI\n',
    );
    expect(writeVersion(chart, 'version: "1.0"\n', '1.1.0')).toBe('version: "1.1.0"\n');
  });
});
