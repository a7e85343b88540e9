import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-plaintext-secrets.js';
import { recommendedDetectors, scanText } from '../../src/secrets/secretlint.js';
import { RuleTester, writeFileTree } from '../../src/testing/index.js';
import { lint } from '../../src/api/lint.js';
import { loadFormatter } from '../../src/formatters/index.js';

const tester = new RuleTester();

/** Marker values: no output format may contain them. */
const PASSWORD = 'Marker7f3aPlainPassword';
const GITHUB_TOKEN = `ghp_${'Marker7f3a'.padEnd(36, 'x')}`;
const PRIVATE_KEY_BODY = 'MIIEpAIBAAKCAQEAMarker7f3aPrivateKeyBody000000000000000000000000000';
const PRIVATE_KEY_LINES = [PRIVATE_KEY_BODY, 'q'.repeat(64), 'Zm9vYmFy'.repeat(8), 'AQAB'];
const PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----\n${PRIVATE_KEY_LINES.join('\n')}\n-----END RSA PRIVATE KEY-----\n`;

const secret = (data: string, extra = ''): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: checkout\n${data}${extra}`;

tester.run('no-plaintext-secrets', rule, {
  valid: [
    {
      name: 'SOPS-encrypted Secret, SealedSecret, ExternalSecret, empty and substituted values',
      files: {
        'sops.yaml': secret(
          'data:\n  password: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]\n',
          'sops:\n  mac: ENC[AES256_GCM,data:z=,type:str]\n  version: 3.9.0\n',
        ),
        'sealed.yaml':
          'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: db }\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n',
        'external.yaml':
          'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: db }\nspec:\n  data:\n    - secretKey: password\n      remoteRef: { key: db, property: password }\n',
        'empty.yaml': secret('type: kubernetes.io/service-account-token\ndata: {}\n'),
        'flux.yaml': secret('stringData:\n  password: ${DB_PASSWORD}\n'),
      },
    },
    {
      name: 'Helm values and env entries that reference secrets',
      files: {
        'chart/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 1.0.0\n',
        'chart/values.yaml':
          'auth:\n  existingSecret: db\n  passwordKey: password\n  secretName: db-tls\n  tokenTTL: 3600\n  password: ""\n  apiKey: "{{ .Values.global.key }}"\nadminPassword: vault:secret/data/admin#password\n',
        'deploy.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          env:\n            - name: DB_PASSWORD\n              valueFrom: { secretKeyRef: { name: db, key: password } }\n            - name: LOG_LEVEL\n              value: info\n            - name: API_TOKEN\n              value: $(TOKEN_FROM_FILE)\n',
      },
    },
    {
      name: 'secretlint-disable comments',
      files: { 'notes.txt': `token: ${GITHUB_TOKEN} # secretlint-disable-line\n` },
    },
  ],
  invalid: [
    {
      name: 'a plaintext Secret, pointed at each key',
      files: { 'secret.yaml': secret(`stringData:\n  username: checkout\n  password: ${PASSWORD}\n`) },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 7,
          column: 3,
          data: { object: 'Secret "db"', key: 'username', field: 'stringData' },
        },
        {
          messageId: 'plaintextSecret',
          line: 8,
          column: 3,
          data: { object: 'Secret "db"', key: 'password', field: 'stringData' },
        },
      ],
    },
    {
      name: 'a private key in a Secret is reported once',
      files: {
        'tls.yaml': secret(`stringData:\n  tls.key: |\n    ${PRIVATE_KEY.trimEnd().split('\n').join('\n    ')}\n`),
      },
      errors: [{ messageId: 'plaintextSecret', line: 7 }],
    },
    {
      name: 'private keys and tokens in any text file, through secretlint',
      files: { 'keys/id_rsa': PRIVATE_KEY, 'scripts/deploy.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${GITHUB_TOKEN}\n` },
      errors: [
        {
          messageId: 'detectedSecret',
          file: 'keys/id_rsa',
          line: 1,
          data: { detector: 'privatekey', kind: 'PrivateKey' },
        },
        {
          messageId: 'detectedSecret',
          file: 'scripts/deploy.sh',
          line: 2,
          data: { detector: 'github', kind: 'GITHUB_TOKEN' },
        },
      ],
    },
    {
      name: 'secretGenerator literals',
      files: { 'kustomization.yaml': `secretGenerator:\n  - name: db\n    literals:\n      - password=${PASSWORD}\n` },
      errors: [{ messageId: 'generatorLiteral', line: 4, data: { name: 'db', key: 'password' } }],
    },
    {
      name: 'secret-looking literals in Helm values, HelmRelease values, ConfigMaps and env are warnings',
      files: {
        'chart/values-production.yaml': `database:\n  password: ${PASSWORD}\n`,
        'release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: r }\nspec:\n  values:\n    auth:\n      clientSecret: ${PASSWORD}\n`,
        'config.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: env }\ndata:\n  DB_PASSWORD: ${PASSWORD}\n`,
        'deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          env:\n            - name: API_TOKEN\n              value: ${PASSWORD}\n`,
      },
      errors: [
        {
          messageId: 'secretLookingValue',
          file: 'chart/values-production.yaml',
          line: 2,
          data: { key: 'password', where: 'the Helm values file values-production.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          file: 'config.yaml',
          line: 5,
          data: { key: 'DB_PASSWORD', where: 'ConfigMap "env"\'s data' },
        },
        {
          messageId: 'secretLookingValue',
          file: 'deploy.yaml',
          line: 10,
          data: { key: 'API_TOKEN', where: 'the env of Deployment "a"' },
        },
        {
          messageId: 'secretLookingValue',
          file: 'release.yaml',
          line: 7,
          data: { key: 'clientSecret', where: 'the values of HelmRelease "r"' },
        },
      ],
    },
  ],
});

describe('no-plaintext-secrets', () => {
  it('reports heuristic findings as warnings and the rest as errors', async () => {
    const root = writeFileTree({
      'secret.yaml': secret(`stringData:\n  password: ${PASSWORD}\n`),
      'values.yaml': `password: ${PASSWORD}\n`,
    });
    const report = await lint({ cwd: root, rules: { 'no-plaintext-secrets': 'error' } });
    const severities = report.diagnostics
      .filter((d) => d.ruleId === 'no-plaintext-secrets')
      .map((d) => `${d.file} ${d.severity}`);
    expect(severities).toEqual(['secret.yaml 2', 'values.yaml 1']);
  });

  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab']) {
    it(`never prints a secret value (--format ${format})`, async () => {
      const root = writeFileTree({
        'gitops.yaml': 'kind: application\ntool: flux\nname: checkout\nnamespaces: [checkout]\n',
        'deploy/secret.yaml': secret(
          `stringData:\n  password: ${PASSWORD}\n  tls.key: |\n    ${PRIVATE_KEY.trimEnd().split('\n').join('\n    ')}\n`,
        ),
        'deploy/values.yaml': `database:\n  password: ${PASSWORD}\n`,
        'scripts/release.sh': `#!/bin/sh\ncurl -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com\n`,
        'keys/deploy_key': PRIVATE_KEY,
      });
      const report = await lint({ cwd: root });
      const formatter = await loadFormatter(format, root);
      const output = [
        await formatter(report.results, {
          cwd: report.root,
          rulesMeta: report.rulesMeta,
          version: '1.0.0',
          color: false,
        }),
        ...report.notices,
      ].join('\n');
      expect(
        report.diagnostics
          .filter((d) => d.ruleId === 'no-plaintext-secrets')
          .map((d) => `${d.file}:${d.line ?? 0} ${d.messageId ?? ''}`),
      ).toEqual([
        'deploy/secret.yaml:7 plaintextSecret',
        'deploy/secret.yaml:8 plaintextSecret',
        'deploy/values.yaml:2 secretLookingValue',
        'keys/deploy_key:1 detectedSecret',
        'scripts/release.sh:2 detectedSecret',
      ]);
      expect(output).toContain('no-plaintext-secrets');
      for (const marker of [PASSWORD, GITHUB_TOKEN, PRIVATE_KEY_BODY, 'Marker7f3a'])
        expect(output).not.toContain(marker);
    });
  }

  it("drives every detector of secretlint's recommended preset synchronously", () => {
    const detectors = recommendedDetectors();
    expect(detectors.length).toBeGreaterThan(20);
    const scan = scanText(`a: ${GITHUB_TOKEN}\nb: ${PASSWORD}\n{"private_key_id": "x"}\n`, 'config.json');
    expect(scan.asynchronousDetectors).toEqual([]);
    expect(scan.secrets.map((found) => found.messageId)).toEqual(['GITHUB_TOKEN']);
  });
});
