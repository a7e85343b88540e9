import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidateDetectors, DETECTOR_KEYWORDS } from '../../src/secrets/keywords.js';
import { recommendedDetectors, scanText } from '../../src/secrets/secretlint.js';

/** Deterministic characters of a class, so that samples look random enough for the detectors. */
function chars(alphabet: string, length: number, seed: number): string {
  let state = seed;
  let result = '';
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    result += alphabet[(state >>> 8) % alphabet.length];
  }
  return result;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = `${ALNUM}+/`;
const pemBody = `MII${chars(BASE64, 61, 7)}\n${chars(BASE64, 64, 8)}\n${chars(BASE64, 64, 9)}\n`;

/** A 1Password service account token's payload: base64 JSON (`eyJ…fQ==`) of the fields the detector checks. */
function onePasswordToken(): string {
  const payload = {
    email: 'abcdefghijklm@1passwordserviceaccounts.lcl',
    muk: { alg: 'A256GCM', ext: true, k: chars(ALNUM, 43, 32), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
    secretKey: 'A3-C4ZJMN-PQTZTL-HGL84-G64M7-KVZRN-4ZVP6',
    srpX: chars(HEX, 64, 33),
    signInAddress: 'example.b5local.com:4000',
    userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 100000, salt: chars(ALNUM, 22, 34) },
  };
  let json = JSON.stringify(payload);
  // Base64 of a text whose length leaves one byte over ends in `fQ==` for its closing brace.
  while (json.length % 3 !== 1) json = json.replace('"email":"', '"email":"a');
  return Buffer.from(json).toString('base64');
}

/** Per detector: a file name and a text it finds a secret in (fake secrets, shaped as the real ones). */
const SAMPLES: Record<string, [string, string][]> = {
  // gitops-init runs the aws detector with its defaults: key ids and account ids are not reported (enableIDScanRule).
  aws: [
    ['main.go', `aws_secret_access_key = "${chars(BASE64, 40, 2)}"\n`],
    ['config.ts', `const AwsSecretAccessKey = '${chars(BASE64, 40, 3)}';\n`],
  ],
  gcp: [
    [
      'service-account.json',
      JSON.stringify({
        type: 'service_account',
        private_key_id: chars(HEX, 40, 3),
        private_key: `-----BEGIN PRIVATE KEY-----\n${pemBody}-----END PRIVATE KEY-----\n`,
      }),
    ],
  ],
  privatekey: [['docs/setup.md', `Key:\n\n-----BEGIN RSA PRIVATE KEY-----\n${pemBody}-----END RSA PRIVATE KEY-----\n`]],
  npm: [
    ['.npmrc', `//registry.npmjs.org/:_authToken=${chars(ALNUM, 36, 4)}\n`],
    ['notes.txt', `token npm_${chars(ALNUM, 36, 5)} here\n`],
    ['package.json', `{"dependencies":{"x":"git+https://${chars(ALNUM, 40, 6)}:x-oauth-basic@github.com/org/x.git"}}`],
  ],
  slack: [
    ['bot.go', `token := "xoxb-${chars('0123456789', 12, 7)}-${chars('0123456789', 13, 8)}-${chars(ALNUM, 24, 9)}"\n`],
    [
      'README.md',
      `https://HOOKS.slack.com/services/T${chars(ALNUM, 10, 10)}/B${chars(ALNUM, 10, 11)}/${chars(ALNUM, 24, 12)}\n`,
    ],
  ],
  basicauth: [['values.txt', `url: https://admin:${chars(ALNUM, 14, 13)}@registry.example.com/v2\n`]],
  openai: [['app.py', `OPENAI = "sk-${chars(ALNUM, 20, 14)}T3BlbkFJ${chars(ALNUM, 20, 15)}"\n`]],
  anthropic: [['app.ts', `const key = 'sk-ant-api03-${chars(`${ALNUM}_-`, 93, 16)}AA';\n`]],
  groq: [['a.txt', `gsk_${chars(ALNUM, 52, 17)}\n`]],
  huggingface: [['a.txt', `hf_${chars(LETTERS, 34, 18)}\n`]],
  linear: [['a.txt', `lin_api_${chars(ALNUM, 40, 19)}\n`]],
  notion: [['a.txt', `ntn_${chars('0123456789', 11, 20)}${chars(ALNUM, 35, 21)}\n`]],
  sendgrid: [['a.txt', `SG.${chars(ALNUM, 22, 22)}.${chars(ALNUM, 43, 23)}\n`]],
  shopify: [['a.txt', `shpat_${chars(HEX, 32, 24)}\n`]],
  stripe: [['a.txt', `sk_live_${chars(ALNUM, 24, 25)}\n`]],
  github: [
    ['main.go', `token := "ghp_${chars(ALNUM, 36, 26)}"\n`],
    ['a.txt', `github_pat_${chars(`${ALNUM}_`, 82, 27)}\n`],
  ],
  gitlab: [['a.txt', `glpat-${chars(ALNUM, 20, 28)}\n`]],
  grafana: [
    ['a.txt', `glc_${chars(ALNUM, 40, 29)}\n`],
    ['b.txt', `glsa_${chars(ALNUM, 32, 30)}_${chars(HEX, 8, 31)}\n`],
  ],
  '1password': [['a.txt', `ops_${onePasswordToken()}\n`]],
  'database-connection-string': [
    ['config.go', `dsn := "postgres://app:${chars(ALNUM, 16, 38)}@db.example.com:5432/app"\n`],
    ['b.md', `MONGODB+SRV://root:${chars(ALNUM, 16, 39)}@cluster0.example.net/test\n`],
  ],
  'hashicorp-vault': [['a.txt', `hvs.${chars(`${ALNUM}_-`, 95, 40)}\n`]],
  vercel: [['a.txt', `vcp_${chars(ALNUM, 40, 41)}\n`]],
  databricks: [['a.txt', `dapi${chars(HEX, 32, 42)}\n`]],
  docker: [['a.txt', `dckr_pat_${chars(`${ALNUM}_-`, 27, 43)}\n`]],
  figma: [['a.txt', `figd_${chars(`${ALNUM}_-`, 40, 44)}\n`]],
  cloudflare: [['a.txt', `cfut_${chars(ALNUM, 40, 45)}${chars(HEX, 8, 46)}\n`]],
  tailscale: [['a.txt', `tskey-auth-${chars(ALNUM, 12, 47)}-${chars(ALNUM, 30, 48)}\n`]],
};

const PREFIX = '@secretlint/secretlint-rule-';

describe('the keyword pre-filter of the secret detectors', () => {
  const detectors = recommendedDetectors();

  it('knows the keywords of every detector of the preset except the comment filter', () => {
    const names = detectors.map((detector) => detector.meta.id.slice(PREFIX.length));
    expect(names.filter((name) => !(name in DETECTOR_KEYWORDS))).toEqual(['filter-comments']);
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(DETECTOR_KEYWORDS).sort());
  });

  for (const [name, samples] of Object.entries(SAMPLES)) {
    it.each(samples)(`lets ${name}'s secret through (%s)`, (file, text) => {
      const all = scanText(text, file, detectors, false);
      // The sample is one the detector finds, else the test proves nothing.
      expect(all.secrets.map((secret) => secret.ruleId)).toContain(`${PREFIX}${name}`);
      expect(candidateDetectors(text, detectors).map((detector) => detector.meta.id)).toContain(`${PREFIX}${name}`);
      expect(scanText(text, file, detectors)).toEqual(all);
      // In the middle of a long source file too.
      const long = `${'package main\n\nfunc f() {}\n'.repeat(2000)}${text}${'// done\n'.repeat(2000)}`;
      expect(scanText(long, file, detectors)).toEqual(scanText(long, file, detectors, false));
    });
  }

  it('runs no detector on text without any keyword, and only the right ones on text with some', () => {
    const code = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("service account secret") }\n';
    expect(candidateDetectors(code, detectors)).toEqual([]);
    const url = 'See https://example.com/docs for details.\n';
    expect(candidateDetectors(url, detectors).map((detector) => detector.meta.id)).toEqual([]);
    const token = `ghp_${chars(ALNUM, 36, 50)}`;
    expect(candidateDetectors(token, detectors).map((detector) => detector.meta.id)).toEqual([`${PREFIX}github`]);
  });

  it('keeps secretlint-disable comments working', () => {
    const text = `token = "ghp_${chars(ALNUM, 36, 51)}" # secretlint-disable-line\n`;
    expect(scanText(text, 'a.txt', detectors).secrets).toEqual([]);
    expect(scanText(text, 'a.txt', detectors, false).secrets).toEqual([]);
  });

  it('finds what the unfiltered detectors find in every fixture file and in all samples put together', () => {
    const root = path.resolve(import.meta.dirname, '../fixtures');
    const files: string[] = [];
    const walk = (directory: string): void => {
      for (const entry of readdirSync(directory)) {
        const full = path.join(directory, entry);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(scanText(text, file, detectors), file).toEqual(scanText(text, file, detectors, false));
    }
    const together = Object.values(SAMPLES)
      .flat()
      .map(([, text]) => text)
      .join('\n');
    const all = scanText(together, 'together.txt', detectors, false);
    expect(all.secrets.length).toBeGreaterThan(25);
    expect(scanText(together, 'together.txt', detectors)).toEqual(all);
  });
});
