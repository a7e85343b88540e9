import { describe, expect, it } from 'vitest';
import {
  contentsFile,
  decodeQuery,
  decodeRunKey,
  encodeQuery,
  encodeRunKey,
  pathOfQuery,
  queryKind,
  searchOf,
  TARGETS_QUERY,
  type Query,
} from '../../src/engine/queries.js';

const queries: Query[] = [
  { kind: 'contents', file: 'a/b.yaml' },
  { kind: 'has-file', file: 'x' },
  { kind: 'has-directory', directory: 'apps' },
  { kind: 'is-yaml-file', file: 'c.yml' },
  { kind: 'files-under', directory: '' },
  { kind: 'file-list' },
  { kind: 'search', search: 'kind: Secret\0data' },
  { kind: 'targets' },
];

describe('the query codec', () => {
  it('decodes what it encodes', () => {
    for (const query of queries) expect(decodeQuery(encodeQuery(query))).toEqual(query);
  });

  it('keeps the keys that cache files hold', () => {
    expect(queries.map(encodeQuery)).toEqual([
      'c:a/b.yaml',
      'f:x',
      'd:apps',
      'y:c.yml',
      'u:',
      'l:',
      's:kind: Secret\0data',
      't:',
    ]);
    expect(TARGETS_QUERY).toBe('t:');
  });

  it('knows no key of another version', () => {
    expect(decodeQuery('z:file')).toBeUndefined();
    expect(decodeQuery('l:extra')).toBeUndefined();
    expect(queryKind('')).toBeUndefined();
  });

  it('answers the hot questions without decoding', () => {
    const contents = encodeQuery({ kind: 'contents', file: 'f.yaml' });
    const search = encodeQuery({ kind: 'search', search: 'Kind' });
    expect([contentsFile(contents), contentsFile(search)]).toEqual(['f.yaml', undefined]);
    expect([searchOf(search), searchOf(contents)]).toEqual(['Kind', undefined]);
    expect(queryKind(search)).toBe('search');
    expect(pathOfQuery(encodeQuery({ kind: 'has-directory', directory: 'd' }))).toBe('d');
    expect(pathOfQuery(search)).toBeUndefined();
  });

  it('encodes and decodes the keys of stored runs', () => {
    expect(encodeRunKey({ scope: 'file', file: 'a.yaml' })).toBe('file:a.yaml');
    expect(decodeRunKey('rule:required-paths')).toEqual({ scope: 'rule', ruleId: 'required-paths' });
    expect(decodeRunKey('other')).toBeUndefined();
  });
});
