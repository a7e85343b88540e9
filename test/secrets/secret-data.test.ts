import { describe, expect, it } from 'vitest';
import { classifySecretEntry, keysToName, listKeys } from '../../src/secrets/secret-data.js';

const plain = { encoded: false, argoCd: false };
const argoCd = { encoded: false, argoCd: true };

describe('classifySecretEntry', () => {
  it('calls credential-looking keys with written-out values credentials', () => {
    for (const key of ['password', 'token', 'tls.key', '.dockerconfigjson', 'ssh-privatekey', 'webhook.github.secret'])
      expect(classifySecretEntry(key, 'Xq7Lm2Vb9Kp4', plain), key).toBe('credential');
  });

  it('calls other written-out values unnamed: secret because they are in a Secret', () => {
    expect(classifySecretEntry('PATH', 'YmJiYmJiYmIK', { encoded: true, argoCd: false })).toBe('unnamed');
    expect(classifySecretEntry('url', 'https://hooks.example.com/T0/B0/abc', plain)).toBe('unnamed');
  });

  it("knows Kubernetes' and Argo CD's settings and public data", () => {
    expect(classifySecretEntry('ca.crt', 'LS0tLS1CRUdJTg==', { encoded: true, argoCd: false })).toBe('none');
    expect(classifySecretEntry('namespace', 'checkout', plain)).toBe('none');
    expect(classifySecretEntry('username', 'checkout', plain)).toBe('none');
    expect(classifySecretEntry('admin.passwordMtime', '2024-03-20T17:54:53Z', plain)).toBe('none');
    expect(classifySecretEntry('accounts.alice.tokens', '[{"id":"123"}]', plain)).toBe('none');
    expect(classifySecretEntry('url', 'https://charts.example.com', argoCd)).toBe('none');
    expect(classifySecretEntry('githubAppID', 1, argoCd)).toBe('none');
    expect(classifySecretEntry('password', 'Xq7Lm2Vb9Kp4', argoCd)).toBe('credential');
  });

  it('decodes data before deciding, and keeps binary data a credential', () => {
    const encoded = { encoded: true, argoCd: false };
    expect(classifySecretEntry('password', Buffer.from('<password>').toString('base64'), encoded)).toBe('none');
    expect(classifySecretEntry('password', Buffer.from('admin').toString('base64'), encoded)).toBe('credential');
    expect(classifySecretEntry('keystore.jks', Buffer.from([0xfe, 0xed, 0xfe, 0xed]).toString('base64'), encoded)).toBe(
      'unnamed',
    );
  });
});

describe('keysToName', () => {
  it('names the credentials when there are some, else the other written-out keys', () => {
    expect(
      keysToName([
        { key: 'host', kind: 'unnamed' },
        { key: 'password', kind: 'credential' },
        { key: 'url', kind: 'none' },
      ]),
    ).toEqual(['password']);
    expect(
      keysToName([
        { key: 'host', kind: 'unnamed' },
        { key: 'url', kind: 'none' },
      ]),
    ).toEqual(['host']);
    expect(keysToName([{ key: 'url', kind: 'none' }])).toEqual([]);
  });
});

describe('listKeys', () => {
  it('quotes keys and counts the rest beyond the limit', () => {
    expect(listKeys(['a'])).toBe('"a"');
    expect(listKeys(['a', 'b'])).toBe('"a" and "b"');
    expect(listKeys(['a', 'b', 'c', 'd', 'e'])).toBe('"a", "b", "c", "d" and "e"');
    expect(listKeys(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('"a", "b", "c", "d" and 2 more');
  });
});
