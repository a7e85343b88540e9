import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-plaintext-secrets.js';
import { recommendedDetectors, scanText } from '../../src/secrets/secretlint.js';
import { RuleTester, writeFileTree } from '../../src/testing/index.js';
import { lint } from '../../src/api/lint.js';
import { loadFormatter } from '../../src/formatters/index.js';

const tester = new RuleTester();

/** Marker values: no output format may contain them. */
const PASSWORD = 'Marker7f3aPlainPassword';
const GITHUB_TOKEN = 'ghp_Marker7f3aQw8Zk2Lp9Vn4Rt6Yb1Hc5Jd3Mf';
const PRIVATE_KEY_BODY = 'MIIEpAIBAAKCAQEAMarker7f3aPrivateKeyBody000000000000000000000000000';
const PRIVATE_KEY_LINES = [PRIVATE_KEY_BODY, 'q'.repeat(64), 'Zm9vYmFy'.repeat(8), 'AQAB'];
const PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----\n${PRIVATE_KEY_LINES.join('\n')}\n-----END RSA PRIVATE KEY-----\n`;

const base64 = (text: string): string => Buffer.from(text).toString('base64');
/** A block scalar's lines, indented under a key at `indent` spaces. */
const block = (text: string, indent: number): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `${' '.repeat(indent)}${line}`)
    .join('\n');

/** A Secret in the checkout namespace; its first data line is line 6. */
const secret = (data: string, extra = ''): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: checkout\n${data}${extra}`;

/** An Argo CD repository Secret (declarative setup); its first data line is line 8. */
const argoRepository = (data: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: private-charts\n  namespace: argocd\n  labels:\n    argocd.argoproj.io/secret-type: repository\n${data}`;

const chart = 'apiVersion: v2\nname: exporter\nversion: 1.0.0\n';

const deployment = (env: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          env:\n${env}`;

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
      name: 'references that a tool resolves at deploy time, in a Secret and in Helm values',
      files: {
        'secret.yaml': secret(
          [
            'stringData:',
            '  onepassword: op://platform/postgres/password',
            '  vals: ref+vault://secret/data/postgres#/password',
            '  helm-secrets: secretref+k8s://v1/Secret/checkout/db/password',
            '  flux: ${DB_PASSWORD}',
            '  flux-default: ${DB_USER:=checkout}',
            '  bank-vaults: vault:secret/data/checkout/db#password',
            '  aws: arn:aws:secretsmanager:eu-west-1:123456789012:secret:checkout/db-AbCdEf',
            '  ssm: arn:aws:ssm:eu-west-1:123456789012:parameter/checkout/db',
            '  gcp: projects/acme/secrets/checkout-db/versions/latest',
            '',
          ].join('\n'),
        ),
        'avp.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n    avp.kubernetes.io/path: secret/data/checkout/db\nstringData:\n  password: <password>\n  token: <path:secret/data/checkout/api#token>\n',
        'chart/Chart.yaml': chart,
        'chart/values.yaml':
          'auth:\n  password: op://platform/postgres/password\n  apiToken: <path:secret/data/exporter#token>\n  clientSecret: ref+awssecrets://checkout/oauth#client_secret\nadminPassword: vault:secret/data/admin#password\n',
        'argocd-cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: argocd-cm }\ndata:\n  dex.github.clientSecret: $dex-github:clientSecret\n',
      },
    },
    {
      name: 'embedded files whose values are all references: a Flux valuesFrom Secret, an argocd-vault-plugin config',
      files: {
        'values-secret.yaml': secret(
          'stringData:\n  values.yaml: |\n    auth:\n      password: ${DB_PASSWORD}\n      existingSecret: ""\n    metrics:\n      enabled: true\n',
        ),
        'avp-config.yaml': secret(
          'stringData:\n  config.json: |\n    {\n      "token": "<path:secret/data/checkout/api#token>",\n      "port": 8443\n    }\n',
        ),
        'grafana/values.yaml':
          'grafana.ini:\n  auth.generic_oauth:\n    client_secret: $__env{GF_AUTH_CLIENT_SECRET}\n  smtp:\n    password: $__file{/etc/secrets/smtp/password}\n',
      },
    },
    {
      name: 'placeholders that ask to be replaced, and an empty PEM block',
      files: {
        'secret.yaml': secret(
          [
            'stringData:',
            '  api-token: INSERT_API_TOKEN_HERE',
            '  slack-token: <your-token>',
            '  password: my-password',
            '  webhook-secret: your-webhook-secret',
            '  license-key: xxxxxxxxxxxxxxxx',
            '  ssh-privatekey: |',
            '    -----BEGIN OPENSSH PRIVATE KEY-----',
            '    ...',
            '    -----END OPENSSH PRIVATE KEY-----',
            '  tls.key: |',
            '    -----BEGIN PRIVATE KEY-----',
            '    -----END PRIVATE KEY-----',
            '',
          ].join('\n'),
        ),
        'chart/Chart.yaml': chart,
        'chart/values.yaml':
          'pingdom:\n  apiToken: YourPingdomApiToken\ns3:\n  accessKey: AKIAIOSFODNN7EXAMPLE\n  secretKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
        'README.md':
          '# Setup\n\n    git clone https://USERNAME:PASSWORD@git.example.com/acme/platform.git\n    export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n    DATABASE_URL=mysql://root:<password>@db:3306/shop\n',
      },
    },
    {
      name: 'keys that name a Secret, a key in one, or a file, rather than hold a secret',
      files: {
        'chart/Chart.yaml': chart,
        'chart/values.yaml': [
          'auth:',
          '  existingSecret: db-creds',
          '  passwordKey: password',
          '  secretName: db-tls',
          '  tokenTTL: 3600',
          '  password: ""',
          '  apiKey: "{{ .Values.global.key }}"',
          'githubConfigSecret: runner-secret',
          'imagePullSecret: ghcr-auth',
          'pullSecret: ghcr-auth',
          'ingress:',
          '  tlsSecret: shop.example.com-tls',
          'configFromSecret: prometheus-config',
          'passwordSecret: db-password',
          'tls:',
          '  keyPasswordSecretKey: key-password',
          'objstore:',
          '  secretKey: thanos.yaml',
          '  secretRef:',
          '    name: thanos-objstore',
          'tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
          'podAnnotations:',
          '  secret.reloader.stakater.com/reload: app-secret',
          '  vault.hashicorp.com/agent-inject-secret-db: database/creds/app',
          '',
        ].join('\n'),
        'chart/values-dns.yaml': [
          'externalDns:',
          '  tsigSecretAlg: hmac-sha256',
          '  tsigKeyname: externaldns-key',
          'etcd:',
          '  initialClusterToken: etcd-cluster-1',
          '  tokenLength: 32',
          'auth:',
          '  usePasswordFiles: true',
          '  enablePassword: "true"',
          '  passwordMinLength: 12',
          '  tokenExpirationSeconds: 3600',
          '',
        ].join('\n'),
        'deploy.yaml': deployment(
          '            - name: DB_PASSWORD\n              valueFrom: { secretKeyRef: { name: db, key: password } }\n            - name: LOG_LEVEL\n              value: info\n            - name: API_TOKEN\n              value: $(TOKEN_FROM_FILE)\n            - name: VAULT_TOKEN_PATH\n              value: /var/run/secrets/vault/token\n',
        ),
      },
    },
    {
      name: 'an Argo CD repository Secret with only settings (url, type, name, project, flags) holds no credential',
      files: {
        'repository.yaml': argoRepository(
          'stringData:\n  url: https://charts.example.com\n  type: helm\n  name: example\n  project: platform\n  enableOCI: "true"\n  insecure: "false"\n',
        ),
        'cluster.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: staging\n  labels:\n    argocd.argoproj.io/secret-type: cluster\nstringData:\n  name: staging\n  server: https://staging.example.com\n  namespaces: shop,monitoring\n  clusterResources: "false"\n',
      },
    },
    {
      name: 'a Secret with only public data and settings: a service-account token placeholder, a CA certificate, a username',
      files: {
        'ca.yaml': secret(
          `data:\n  ca.crt: ${base64('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n')}\n  namespace: ${base64('checkout')}\n`,
        ),
        'basic-auth.yaml': secret(
          `type: kubernetes.io/basic-auth\nstringData:\n  username: checkout\ndata:\n  password: ${base64('<your-password>')}\n`,
        ),
      },
    },
    {
      name: "chart-testing's ci/ values files are test inputs",
      files: {
        'charts/exporter/Chart.yaml': chart,
        'charts/exporter/ci/config-values.yaml':
          'config:\n  datasource:\n    password: testpassword\n  token: test-token\n',
      },
    },
    {
      name: 'a secretGenerator with only references and settings',
      files: {
        'kustomization.yaml':
          'secretGenerator:\n  - name: db\n    literals:\n      - username=checkout\n      - password=${DB_PASSWORD}\n      - token=<path:secret/data/db#token>\n',
      },
    },
    {
      name: 'secretlint-disable comments',
      files: { 'notes.txt': `token: ${GITHUB_TOKEN} # secretlint-disable-line\n` },
    },
  ],
  invalid: [
    {
      name: 'a plaintext Secret is reported once, at its data, naming the keys that look like credentials',
      files: {
        'secret.yaml': secret(
          `type: Opaque\nstringData:\n  url: https://db.example.com\n  username: checkout\n  password: ${PASSWORD}\n  insecure: "true"\n  namespace: checkout\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIBszCCAVmgAwIBAgIU\n    -----END CERTIFICATE-----\n`,
        ),
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 7,
          column: 1,
          data: { object: 'Secret "db"', keys: '"password"', field: 'stringData' },
        },
      ],
    },
    {
      name: 'an Argo CD repository Secret with a password next to its settings',
      files: {
        'repository.yaml': argoRepository(
          `stringData:\n  url: https://charts.example.com\n  type: helm\n  username: ci\n  password: ${PASSWORD}\n`,
        ),
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 8,
          data: { object: 'Secret "private-charts"', keys: '"password"', field: 'stringData' },
        },
      ],
    },
    {
      name: "the same settings in a Secret without Argo CD's label are reported (a URL in a Secret can be the secret)",
      files: { 'secret.yaml': secret('stringData:\n  url: https://hooks.example.com/T0/B0/abcdef\n  type: helm\n') },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 6,
          data: { object: 'Secret "db"', keys: '"url" and "type"', field: 'stringData' },
        },
      ],
    },
    {
      name: 'credentials in a URL setting of an Argo CD Secret, found by secretlint',
      files: {
        'repository.yaml': argoRepository(
          'stringData:\n  url: https://ci:Xk29vLq7Tz@git.example.com/acme/platform.git\n  type: git\n',
        ),
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 8,
          data: { object: 'Secret "private-charts"', keys: '"url"', field: 'stringData' },
        },
      ],
    },
    {
      name: 'a Secret whose keys do not look like credentials is reported with all of them; data and stringData together',
      files: {
        'env.yaml': secret(
          `data:\n  PATH: ${base64('opt-bin-dir')}\n  HOST: ${base64('db.internal')}\nstringData:\n  PORT: "5432"\n`,
        ),
        'many.yaml': secret(
          `data:\n  a.password: ${base64(PASSWORD)}\n  b.token: ${base64(PASSWORD)}\nstringData:\n  c.apiKey: ${PASSWORD}\n  d.secret: ${PASSWORD}\n  e.credentials: ${PASSWORD}\n  f.passphrase: ${PASSWORD}\n  g.host: db.internal\n`,
        ),
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          file: 'env.yaml',
          line: 6,
          data: { object: 'Secret "db"', keys: '"PATH", "HOST" and "PORT"', field: 'data and stringData' },
        },
        {
          messageId: 'plaintextSecret',
          file: 'many.yaml',
          line: 6,
          data: {
            object: 'Secret "db"',
            keys: '"a.password", "b.token", "c.apiKey", "d.secret" and 2 more',
            field: 'data and stringData',
          },
        },
      ],
    },
    {
      name: 'an embedded file with a reference on one line and a password on the next',
      files: {
        'values-secret.yaml': secret(
          `stringData:\n  values.yaml: |\n    auth:\n      username: \${DB_USER}\n      password: ${PASSWORD}\n`,
        ),
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 6,
          data: { object: 'Secret "db"', keys: '"values.yaml"', field: 'stringData' },
        },
      ],
    },
    {
      name: 'literal default passwords in a committed Secret are secrets: changeme, admin, base64-encoded too',
      files: {
        'secret.yaml': secret(`data:\n  password: ${base64('admin')}\nstringData:\n  admin-password: changeme\n`),
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 6,
          data: { object: 'Secret "db"', keys: '"password" and "admin-password"', field: 'data and stringData' },
        },
      ],
    },
    {
      name: 'a private key in a Secret is reported once, with its body (an empty block is not)',
      files: { 'tls.yaml': secret(`stringData:\n  tls.key: |\n${block(PRIVATE_KEY, 4)}\n`) },
      errors: [
        {
          messageId: 'plaintextSecret',
          line: 6,
          data: { object: 'Secret "db"', keys: '"tls.key"', field: 'stringData' },
        },
      ],
    },
    {
      name: 'private keys and tokens in any text file, through secretlint, next to placeholders of the same formats',
      files: {
        'keys/id_rsa': PRIVATE_KEY,
        'scripts/deploy.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${GITHUB_TOKEN}\n`,
        'docs/setup.md': `Masked: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nReal-looking: ${GITHUB_TOKEN}\n`,
      },
      errors: [
        {
          messageId: 'detectedSecret',
          file: 'docs/setup.md',
          line: 2,
          data: { detector: 'github', kind: 'GITHUB_TOKEN' },
        },
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
      name: 'tokens in Go, Markdown and plain text files, at their line, in a file of many lines',
      files: {
        'pkg/client/client.go': `package client\n\n${'// helper\n'.repeat(500)}const token = "${GITHUB_TOKEN}"\n`,
        'docs/ops/runbook.md': `# Runbook\n\nUse ${GITHUB_TOKEN} to log in.\n`,
        'notes.txt': `${PRIVATE_KEY}`,
      },
      errors: [
        {
          messageId: 'detectedSecret',
          file: 'docs/ops/runbook.md',
          line: 3,
          data: { detector: 'github', kind: 'GITHUB_TOKEN' },
        },
        {
          messageId: 'detectedSecret',
          file: 'notes.txt',
          line: 1,
          data: { detector: 'privatekey', kind: 'PrivateKey' },
        },
        {
          messageId: 'detectedSecret',
          file: 'pkg/client/client.go',
          line: 503,
          data: { detector: 'github', kind: 'GITHUB_TOKEN' },
        },
      ],
    },
    {
      name: 'a plaintext Secret in a vendored tree is still reported; tokens in vendored code, lock files and binaries are not',
      files: {
        'vendor/github.com/acme/lib/testdata/secret.yaml': secret(`stringData:\n  password: ${PASSWORD}\n`),
        'vendor/github.com/acme/lib/client.go': `package lib\n\nconst token = "${GITHUB_TOKEN}"\n`,
        'vendor/modules.txt': `# github.com/acme/lib v1.0.0 ${GITHUB_TOKEN}\n`,
        'yarn.lock': `x@1:\n  resolved "https://registry.example.com/x" # ${GITHUB_TOKEN}\n`,
        'docs/logo.png': `PNG ${GITHUB_TOKEN}\n`,
        'docs/blob.dat': `\u0000binary ${GITHUB_TOKEN}\n`,
      },
      errors: [
        {
          messageId: 'plaintextSecret',
          file: 'vendor/github.com/acme/lib/testdata/secret.yaml',
          line: 6,
          data: { object: 'Secret "db"', keys: '"password"', field: 'stringData' },
        },
      ],
    },
    {
      name: 'secretGenerator literals are reported once per generator, naming the credentials',
      files: {
        'kustomization.yaml': `secretGenerator:\n  - name: db\n    literals:\n      - username=checkout\n      - password=${PASSWORD}\n      - token=${PASSWORD}\n`,
      },
      errors: [{ messageId: 'generatorLiteral', line: 3, data: { name: 'db', keys: '"password" and "token"' } }],
    },
    {
      name: 'secret-looking literals in Helm values, HelmRelease values, ConfigMaps and env are warnings',
      files: {
        'chart/values-production.yaml': `database:\n  password: ${PASSWORD}\n`,
        'release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: r }\nspec:\n  values:\n    auth:\n      clientSecret: ${PASSWORD}\n`,
        'config.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: env }\ndata:\n  DB_PASSWORD: ${PASSWORD}\n`,
        'deploy.yaml': deployment(`            - name: API_TOKEN\n              value: ${PASSWORD}\n`),
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
    {
      name: 'literal defaults and secrets next to the keys that only name Secrets',
      files: {
        'chart/Chart.yaml': chart,
        'chart/values.yaml': [
          'rabbitmq:',
          '  user: guest',
          '  password: guest',
          '  existingPasswordSecret: rabbitmq-auth',
          'oauth:',
          '  clientSecret: 8f2Kq9vX3LmZ',
          '  webhookSecret: runner-webhook',
          'alibaba:',
          '  accessKeySecret: Xq7Lm2Vb9Kp4Zt6N',
          's3:',
          '  secretKey: minio123',
          'etcd:',
          '  clusterToken: K10c3f9a2b7e',
          '',
        ].join('\n'),
        'deploy.yaml': deployment('            - name: MYSQL_ROOT_PASSWORD\n              value: fake_password\n'),
      },
      errors: [
        {
          messageId: 'secretLookingValue',
          line: 3,
          data: { key: 'password', where: 'the Helm values file values.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          line: 6,
          data: { key: 'clientSecret', where: 'the Helm values file values.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          line: 7,
          data: { key: 'webhookSecret', where: 'the Helm values file values.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          line: 9,
          data: { key: 'accessKeySecret', where: 'the Helm values file values.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          line: 11,
          data: { key: 'secretKey', where: 'the Helm values file values.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          line: 13,
          data: { key: 'clusterToken', where: 'the Helm values file values.yaml' },
        },
        {
          messageId: 'secretLookingValue',
          file: 'deploy.yaml',
          line: 10,
          data: { key: 'MYSQL_ROOT_PASSWORD', where: 'the env of Deployment "a"' },
        },
      ],
    },
    {
      name: 'a ci/ directory that is not beside a Chart.yaml is not chart-testing; a real token in ci/ values is still found',
      files: {
        'charts/exporter/Chart.yaml': chart,
        'charts/exporter/ci/token-values.yaml': `exporter:\n  token: ${GITHUB_TOKEN}\n`,
        'deploy/ci/values.yaml': 'runner:\n  password: testpassword\n',
      },
      errors: [
        {
          messageId: 'detectedSecret',
          file: 'charts/exporter/ci/token-values.yaml',
          line: 2,
          data: { detector: 'github', kind: 'GITHUB_TOKEN' },
        },
        {
          messageId: 'secretLookingValue',
          file: 'deploy/ci/values.yaml',
          line: 2,
          data: { key: 'password', where: 'the Helm values file values.yaml' },
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
        'deploy/secret.yaml': secret(`stringData:\n  password: ${PASSWORD}\n  tls.key: |\n${block(PRIVATE_KEY, 4)}\n`),
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
        'deploy/secret.yaml:6 plaintextSecret',
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
