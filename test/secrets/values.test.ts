import { describe, expect, it } from 'vitest';
import { classifyValue, decodeSecretData, isMasked } from '../../src/secrets/values.js';

const pem = (label: string, body: string): string => `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;

describe('classifyValue', () => {
  it.each([
    ['${DB_PASSWORD}', 'Flux post-build substitution'],
    ['${DB_USER:=checkout}', 'Flux substitution with a default'],
    ['postgres://app:${DB_PASSWORD}@db/app', 'substitution inside a value'],
    ['{{ .Values.password }}', 'Helm template'],
    ['$(API_TOKEN)', 'Kubernetes dependent variable'],
    ['ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]', 'SOPS'],
    ['vault:secret/data/db#password', 'bank-vaults'],
    ['ref+vault://secret/db#/password', 'vals'],
    ['ref+awssecrets://checkout/db', 'vals, another backend'],
    ['secretref+k8s://v1/Secret/ns/name/key', 'helm-secrets'],
    ['<path:secret/data/db#password>', 'argocd-vault-plugin'],
    ['op://platform/postgres/password', '1Password'],
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'AWS Secrets Manager'],
    ['arn:aws:ssm:eu-west-1:123456789012:parameter/db', 'SSM Parameter Store'],
    ['projects/acme/secrets/db/versions/3', 'Google Secret Manager'],
    ['$dex-github:clientSecret', "Argo CD's $secret:key"],
    ['$oidc.keycloak.clientSecret', "Argo CD's $key"],
    ['$__env{GF_AUTH_CLIENT_SECRET}', "Grafana's $__env"],
    ['$__file{/etc/secrets/smtp-password}', "Grafana's $__file"],
    ['/etc/secrets/password', 'absolute file'],
    ['/var/run/secrets/kubernetes.io/serviceaccount/token', 'service account token file'],
    ['./secrets/password', 'relative file'],
    ['~/.secrets/token', 'home file'],
    ['file:///etc/token', 'file URL'],
  ])('%j is a reference (%s)', (value) => {
    expect(classifyValue(value)).toBe('reference');
  });

  it.each([
    ['<your-token>'],
    ['<my-slack-token>'],
    ['<myemail>@gmail.com'],
    ['INSERT_API_TOKEN_HERE'],
    ['REPLACE_ME'],
    ['YourPingdomApiToken'],
    ['your-bitbucket-uuid'],
    ['my-password'],
    ['my_authentication_password'],
    ['token-goes-here'],
    ['xxxxxxxx'],
    ['********'],
    ['...'],
    ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['TODO'],
    ['AKIAIOSFODNN7EXAMPLE'],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    [pem('OPENSSH PRIVATE KEY', '...\n')],
    [pem('RSA PRIVATE KEY', '')],
    [pem('PRIVATE KEY', '<your private key>\n')],
  ])('%j is a placeholder', (value) => {
    expect(classifyValue(value)).toBe('placeholder');
  });

  it.each([
    ['changeme'],
    ['admin'],
    ['guest'],
    ['password'],
    ['mypassword'],
    ['fake_password'],
    ['test-password'],
    ['shhhh! it is a github secret'],
    ['my-s3cr3t-2024'],
    ['$2a$10$RncPyHW/B5ll2Z3J8s.IBOnbZ9uoJ4JhHLKzj5lzG/kU1KN1Oj3/K'],
    ['/9j/4AAQSkZJRgABAQAAAQABAAD8f3K2'],
    ['/K7MDENG/bPxRfiCYzz3f9a2b7eKEY+q'],
    [pem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA3f9a2b7e\n')],
    [`${pem('CERTIFICATE', 'MIIBszCCAVmgAwIBAgIU\n')}${pem('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG\n')}`],
  ])('%j is written out', (value) => {
    expect(classifyValue(value)).toBe('literal');
  });

  it('judges an embedded file line by line: one written-out value makes it literal', () => {
    expect(classifyValue('auth:\n  password: ${DB_PASSWORD}\n  token: "${API_TOKEN}"\n  enabled: true\n')).toBe(
      'reference',
    );
    expect(classifyValue('{\n  "password": "<path:secret/data/db#password>",\n  "port": 5432\n}\n')).toBe('reference');
    expect(classifyValue('# credentials\n[default]\naws_access_key_id=<your-key-id>\n')).toBe('placeholder');
    expect(classifyValue('auth:\n  user: ${DB_USER}\n  password: Xq7Lm2Vb9Kp4\n')).toBe('literal');
    expect(classifyValue('line one with ${VAR}\nline two\n')).toBe('literal');
  });

  it('knows flags, public certificates and empty values', () => {
    expect(classifyValue('true')).toBe('setting');
    expect(classifyValue('False')).toBe('setting');
    expect(classifyValue(pem('CERTIFICATE', 'MIIBszCCAVmgAwIBAgIU\n'))).toBe('public');
    expect(classifyValue(pem('PUBLIC KEY', 'MIIBIjANBgkqhkiG9w0B\n'))).toBe('public');
    expect(classifyValue('  ')).toBe('empty');
    expect(classifyValue('ab')).toBe('empty');
  });
});

describe('isMasked', () => {
  it('is true for eight or more of one masking character, or a value of masking characters only', () => {
    expect(isMasked('sk_live_xxxxxxxxxxxxxxxx')).toBe(true);
    expect(isMasked('https://hooks.slack.com/services/T0/B0/XXXXXXXXXXXX')).toBe(true);
    expect(isMasked('***')).toBe(true);
    expect(isMasked('xxxx-xxxx')).toBe(true);
  });

  it('is false for a token with a few repeated characters', () => {
    expect(isMasked('ghp_Marker7f3aQw8Zk2Lp9Vn4Rt6Yb1Hc5Jd3Mf')).toBe(false);
    expect(isMasked('xxx7xxx')).toBe(false);
  });
});

describe('decodeSecretData', () => {
  it('decodes base64 of text', () => {
    expect(decodeSecretData(Buffer.from('<your-password>').toString('base64'))).toBe('<your-password>');
    expect(decodeSecretData('YWRt\naW4=')).toBe('admin');
  });

  it('keeps a value that is not base64 as written, and is undefined for binary data', () => {
    expect(decodeSecretData("shhhh! it's a secret")).toBe("shhhh! it's a secret");
    expect(decodeSecretData(Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]).toString('base64'))).toBeUndefined();
  });
});
