import { describe, expect, it } from 'vitest';
import json from '../../src/formatters/json.js';
import { context, makeCwd, sampleResults } from './fixtures.js';

const cwd = makeCwd();

describe('json', () => {
  it("is ESLint's json output: the results unchanged, absolute paths included, on one line", () => {
    const results = sampleResults(cwd);
    const output = json(results, context(cwd));
    expect(output).toBe(JSON.stringify(results));
    expect(output).not.toContain('\n');
    expect(JSON.parse(output)).toEqual(results);
    expect((JSON.parse(output) as { filePath: string }[])[0]?.filePath).toBe(results[0]?.filePath);
  });

  it('writes an empty array for no results', () => {
    expect(json([], context(cwd))).toBe('[]');
  });
});
