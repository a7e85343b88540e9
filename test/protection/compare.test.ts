import { describe, expect, it } from 'vitest';
import { compareFields, describeDifference, formatValue } from '../../src/protection/compare.js';

const REPORT = { extraFields: 'report' } as const;
const IGNORE = { extraFields: 'ignore' } as const;

const POLICY = {
  name: 'main',
  enforcement: 'active',
  bypass_actors: [{ actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' }],
  rules: [
    { type: 'deletion' },
    { type: 'pull_request', parameters: { required_approving_review_count: 2, require_code_owner_review: true } },
    {
      type: 'required_status_checks',
      parameters: { required_status_checks: [{ context: 'gitops-lint' }, { context: 'test' }] },
    },
  ],
};

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('compareFields', () => {
  it('finds no difference between equal payloads', () => {
    expect(compareFields(POLICY, clone(POLICY), REPORT)).toEqual([]);
  });

  it('matches rules, checks and actors by what names them, whatever their order', () => {
    const reordered = clone(POLICY);
    reordered.rules.reverse();
    reordered.rules[0]?.parameters?.required_status_checks?.reverse();
    expect(compareFields(POLICY, reordered, REPORT)).toEqual([]);
  });

  it('names a changed field inside a keyed list by its key', () => {
    const live = clone(POLICY);
    const pullRequest = live.rules[1]?.parameters;
    if (pullRequest) pullRequest.required_approving_review_count = 1;
    expect(compareFields(POLICY, live, IGNORE)).toEqual([
      { path: 'rules[pull_request].parameters.required_approving_review_count', expected: 2, actual: 1 },
    ]);
  });

  it('reports a missing rule with actual undefined, and an extra rule even when extra fields are ignored', () => {
    const live = clone(POLICY);
    live.rules = live.rules.filter((rule) => rule.type !== 'deletion');
    live.rules.push({ type: 'non_fast_forward' });
    expect(compareFields(POLICY, live, IGNORE)).toEqual([
      { path: 'rules[deletion]', expected: { type: 'deletion' }, actual: undefined },
      { path: 'rules[non_fast_forward]', expected: undefined, actual: { type: 'non_fast_forward' } },
    ]);
  });

  it('keys bypass actors by type and id', () => {
    const live = clone(POLICY);
    live.bypass_actors = [{ actor_id: 2, actor_type: 'RepositoryRole', bypass_mode: 'always' }];
    expect(compareFields(POLICY, live, IGNORE).map((difference) => difference.path)).toEqual([
      'bypass_actors[RepositoryRole:5]',
      'bypass_actors[RepositoryRole:2]',
    ]);
  });

  it('reports fields only the live payload has when asked to, and not otherwise', () => {
    const live = { ...clone(POLICY), id: 42, node_id: 'RRS_42', absent: undefined };
    expect(compareFields(POLICY, live, IGNORE)).toEqual([]);
    expect(compareFields(POLICY, live, REPORT)).toEqual([
      { path: 'id', expected: undefined, actual: 42 },
      { path: 'node_id', expected: undefined, actual: 'RRS_42' },
    ]);
  });

  it('reports extra nested fields with their full path', () => {
    const live = clone(POLICY);
    const pullRequest = live.rules[1]?.parameters as Record<string, unknown> | undefined;
    if (pullRequest) pullRequest.allowed_merge_methods = ['merge'];
    expect(compareFields(POLICY, live, REPORT)).toEqual([
      { path: 'rules[pull_request].parameters.allowed_merge_methods', expected: undefined, actual: ['merge'] },
    ]);
    expect(compareFields(POLICY, live, IGNORE)).toEqual([]);
  });

  it('compares lists of names as sets and reports the whole list when they differ', () => {
    expect(compareFields({ contexts: ['a', 'b'] }, { contexts: ['b', 'a'] }, REPORT)).toEqual([]);
    expect(compareFields({ contexts: ['a', 'b'] }, { contexts: ['a'] }, REPORT)).toEqual([
      { path: 'contexts', expected: ['a', 'b'], actual: ['a'] },
    ]);
    expect(compareFields({ contexts: ['a'] }, { contexts: ['a', 'c'] }, IGNORE)).toEqual([
      { path: 'contexts', expected: ['a'], actual: ['a', 'c'] },
    ]);
    // 1 and "1" are different values.
    expect(compareFields({ list: [1] }, { list: ['1'] }, REPORT)).toHaveLength(1);
  });

  it('compares lists without keys position by position, or whole when their lengths differ', () => {
    expect(compareFields({ list: [{ a: 1 }, { a: 2 }] }, { list: [{ a: 1 }, { a: 3 }] }, REPORT)).toEqual([
      { path: 'list[1].a', expected: 2, actual: 3 },
    ]);
    expect(compareFields({ list: [{ a: 1 }] }, { list: [{ a: 1 }, { a: 2 }] }, REPORT)).toEqual([
      { path: 'list', expected: [{ a: 1 }], actual: [{ a: 1 }, { a: 2 }] },
    ]);
  });

  it('falls back to positions when two items share a key', () => {
    const expected = {
      rules: [
        { type: 'x', n: 1 },
        { type: 'x', n: 2 },
      ],
    };
    expect(
      compareFields(
        expected,
        {
          rules: [
            { type: 'x', n: 2 },
            { type: 'x', n: 1 },
          ],
        },
        REPORT,
      ),
    ).toEqual([
      { path: 'rules[0].n', expected: 1, actual: 2 },
      { path: 'rules[1].n', expected: 2, actual: 1 },
    ]);
  });

  it('reports a missing section, a changed type and a null', () => {
    expect(compareFields({ a: { b: 1 } }, {}, REPORT)).toEqual([{ path: 'a', expected: { b: 1 }, actual: undefined }]);
    expect(compareFields({ a: [1] }, { a: { 0: 1 } }, IGNORE)).toEqual([
      { path: 'a', expected: [1], actual: { 0: 1 } },
    ]);
    expect(compareFields({ checks: null }, { checks: { strict: true } }, IGNORE)).toEqual([
      { path: 'checks', expected: null, actual: { strict: true } },
    ]);
  });

  it("names a difference of the whole value '(whole)'", () => {
    expect(compareFields(1, 2, REPORT)).toEqual([{ path: '(whole)', expected: 1, actual: 2 }]);
    expect(compareFields({ a: 1 }, null, REPORT)).toEqual([{ path: '(whole)', expected: { a: 1 }, actual: null }]);
  });
});

describe('formatValue and describeDifference', () => {
  it('writes values as JSON, a missing one as absent, long ones shortened to 80 characters', () => {
    expect(formatValue(undefined)).toBe('absent');
    expect(formatValue(null)).toBe('null');
    expect(formatValue('a')).toBe('"a"');
    expect(formatValue({ a: [1, true] })).toBe('{"a":[1,true]}');
    const long = formatValue('x'.repeat(100));
    expect(long).toHaveLength(80);
    expect(long.endsWith('...')).toBe(true);
    expect(formatValue('x'.repeat(78))).toHaveLength(80);
    expect(formatValue('x'.repeat(78)).endsWith('x"')).toBe(true);
  });

  it('says where the values differ and what each side has', () => {
    expect(
      describeDifference({ path: 'rules[deletion]', expected: { type: 'deletion' }, actual: undefined }, 'live'),
    ).toBe('rules[deletion]: live absent, policy {"type":"deletion"}');
    expect(describeDifference({ path: 'enforce_admins', expected: true, actual: false }, 'file')).toBe(
      'enforce_admins: file false, policy true',
    );
  });
});
