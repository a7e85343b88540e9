import { describe, expect, it } from 'vitest';
import { isLiteralSecretValue, isSecretLookingEntry, isSecretLookingKey, keyWords } from '../../src/secrets/keys.js';

describe('keyWords', () => {
  it('splits camelCase, PascalCase, acronyms, snake, kebab and dotted keys into lower-case words', () => {
    expect(keyWords('existingSecretPasswordKey')).toEqual(['existing', 'secret', 'password', 'key']);
    expect(keyWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(keyWords('api-key')).toEqual(['api', 'key']);
    expect(keyWords('auth.token')).toEqual(['auth', 'token']);
    expect(keyWords('AWSSecretAccessKey')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(keyWords('oauth2Token')).toEqual(['oauth2', 'token']);
  });

  it('is empty for a key without letters or digits', () => {
    expect(keyWords('')).toEqual([]);
    expect(keyWords('__--..')).toEqual([]);
  });
});

describe('isSecretLookingKey', () => {
  it.each([
    'password',
    'PASSWORD',
    'DB_PASSWORD',
    'adminPassword',
    'client_secret',
    'apiKey',
    'API_KEY',
    'privateKey',
    'aws_secret_access_key',
    'AWS_ACCESS_KEY',
    'githubToken',
    'passphrase',
    'credentials',
    'licenseKey',
    'secretKey',
    'aws_secret_key',
    'clientSecret',
    'webhookSecret',
    'jwtSecret',
    'accessKeySecret',
    'clusterToken',
    'K3S_TOKEN',
  ])('%s names a secret', (key) => {
    expect(isSecretLookingKey(key)).toBe(true);
  });

  it.each([
    'secretName',
    'existingSecret',
    'existingSecretPasswordKey',
    'passwordFile',
    'tokenTTL',
    'passwordKey',
    'secretRef',
    'tokenUrl',
    'secret-store',
    'username',
    'replicas',
    'image',
    'key',
    'monkey',
    'tokenizer',
    'githubConfigSecret',
    'imagePullSecret',
    'pullSecret',
    'tlsSecret',
    'configFromSecret',
    'passwordSecret',
    'credentialsSecret',
    'apiKeySecret',
    'keyPasswordSecretKey',
    'secretKeyRef',
    'secret.reloader.stakater.com/reload',
    'vault.hashicorp.com/agent-inject-secret-db',
    'tsigSecretAlg',
    'initialClusterToken',
    'ETCD_INITIAL_CLUSTER_TOKEN',
    'tokenFile',
    'tokenLength',
    'tokenExpirationSeconds',
    'admin.passwordMtime',
    'jksTruststoreSecret',
    'keystoreSecret',
    'SECRET_BACKEND',
    'secretManager',
    'PASSWORD_COMPLEXITY',
    'tokenStrategy',
    'PASSWORD_ENCODER',
    '',
  ])('%s does not name a secret', (key) => {
    expect(isSecretLookingKey(key)).toBe(false);
  });
});

describe('isLiteralSecretValue', () => {
  it.each([
    'hunter2',
    'c2VjcmV0',
    '  spaced out  ',
    'abc',
    'changeme',
    'admin',
    'test-password',
    '$2a$10$RncPyHW/B5ll2Z3J8s',
  ])('%j is written out', (value) => {
    expect(isLiteralSecretValue(value)).toBe(true);
  });

  it.each([
    ['Flux substitution', '${DB_PASSWORD}'],
    ['Flux substitution in text', 'prefix-${TOKEN}-suffix'],
    ['Helm template', '{{ .Values.password }}'],
    ['Kubernetes variable', '$(API_TOKEN)'],
    ['SOPS', 'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]'],
    ['Vault', 'vault:secret/data/db#password'],
    ['vals', 'ref+vault://secret/db#/password'],
    ['argocd-vault-plugin', '<path:secret/data/db#password>'],
    ['secretref', 'secretref+k8s://v1/Secret/ns/name/key'],
    ['absolute file', '/etc/secrets/password'],
    ['relative file', './secrets/password'],
    ['home file', '~/.secrets/token'],
    ['file URL', 'file:///etc/token'],
    ['too short', 'ab'],
    ['blank', '   '],
    ['short after trimming', '  x  '],
    ['1Password', 'op://platform/postgres/password'],
    ['AWS Secrets Manager', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'],
    ['placeholder', '<your-token>'],
    ['flag', 'true'],
  ])('%s is not written out (%j)', (_what, value) => {
    expect(isLiteralSecretValue(value)).toBe(false);
  });

  it('is false for values that are not strings', () => {
    for (const value of [12345678, true, null, undefined, { a: 1 }, ['secret']]) {
      expect(isLiteralSecretValue(value)).toBe(false);
    }
  });
});

describe('isSecretLookingEntry', () => {
  it.each([
    ['secretKey', 'thanos.yaml'],
    ['privateKey', 'tls.key'],
    ['keyPasswordSecretKey', 'key-password'],
    ['secretKey', 'objstore-config.yml'],
    ['password', 'my-password'],
    ['enablePassword', 'true'],
  ])('%s: %j names something else or is no secret', (key, value) => {
    expect(isSecretLookingEntry(key, value)).toBe(false);
  });

  it.each([
    ['secretKey', 'minio123'],
    ['secretKey', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz3f9a2b7eKEY'],
    ['awsSecretKey', 'key-password-value9'],
    ['password', 'guest'],
  ])('%s: %j is a secret written out', (key, value) => {
    expect(isSecretLookingEntry(key, value)).toBe(true);
  });
});
