/**
 * A keyword pre-filter for the secretlint detectors, as gitleaks has for its rules (`keywords`):
 * each detector of @secretlint/secretlint-rule-preset-recommend finds secrets with regular
 * expressions that all contain a literal (`ghp_`, `SECRET_ACCESS`, `-----BEGIN`, `xoxb-`, `://user:pass@`).
 * A text without any of a detector's literals cannot match it, so a fast pass over a file
 * (ANCHORS below) and a second one over the few files where it finds something tell which few
 * detectors can find anything there, and only those run.
 *
 * Each entry below is a regular expression that every match of the detector's patterns also
 * matches (a necessary condition, never a stricter one): widen it when the preset changes. A
 * detector without an entry (a new one) always runs. test/secrets/keywords.test.ts checks, for
 * every detector, that texts holding its secrets pass the filter and that it finds the same with
 * and without it.
 */
import type { SecretLintRuleCreator } from '@secretlint/types';

const PREFIX = '@secretlint/secretlint-rule-';

/** Per detector (id without the prefix): a regular expression source each of its findings matches. */
export const DETECTOR_KEYWORDS: Readonly<Record<string, string>> = {
  // `(AWS_)SECRET_ACCESS_KEY=` in three spellings. Key ids and account ids are reported only
  // with the detector's enableIDScanRule option, which gitops-init does not set.
  aws: '(?:SECRET|[Ss]ecret)_?(?:ACCESS|[Aa]ccess)',
  // A service account's JSON key: a `private_key` member.
  gcp: 'private_key',
  privatekey: '-----BEGIN',
  npm: 'x-oauth-basic|_authToken=|npm_',
  // Tokens, and incoming webhook URLs (matched case-insensitively by the detector).
  slack: String.raw`xox[bpaor]-|xapp-|[Hh][Oo][Oo][Kk][Ss]\.[Ss][Ll][Aa][Cc][Kk]\.[Cc][Oo][Mm]/`,
  // `scheme://user:password@host`.
  basicauth: String.raw`://[-\w]+:[-\w]+@`,
  // Every OpenAI key pattern holds the base64 of "openai".
  openai: 'T3BlbkFJ',
  anthropic: 'sk-ant-api0',
  groq: 'gsk_',
  huggingface: 'hf_',
  linear: 'lin_api_',
  notion: 'ntn_',
  sendgrid: String.raw`SG\.`,
  shopify: 'shp(?:pa|ca|at|ss)_',
  stripe: '[sr]k_(?:live|test)_',
  github: 'gh[pousr]_|github_pat_',
  gitlab: 'glpat-',
  grafana: 'glc_|glsa_',
  '1password': 'ops_',
  // Connection strings, matched case-insensitively by the detector.
  'database-connection-string': String.raw`(?:[Mm][Oo][Nn][Gg][Oo][Dd][Bb](?:\+[Ss][Rr][Vv])?|[Mm][Yy][Ss][Qq][Ll][Xx]?|[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss](?:[Qq][Ll])?)://`,
  'hashicorp-vault': String.raw`hv[sbr]\.`,
  vercel: 'v(?:cp|ci|ca|cr|ck)_',
  databricks: 'dapi',
  docker: 'dckr_pat_',
  figma: 'figd_',
  cloudflare: '(?:cfk|cfut|cfat)_',
  tailscale: 'tskey-',
};

/**
 * Detectors that only take findings back (secretlint-disable comments): they run only when
 * another detector has reported something.
 */
export const FILTER_DETECTORS: ReadonlySet<string> = new Set([`${PREFIX}filter-comments`]);

/**
 * The first pass: expressions that each detector's keywords imply, written so that V8 finds
 * them fast in text that has none (a leading literal or one character, the rest looked behind),
 * each with the detectors it stands for. One alternation of the keywords themselves took four
 * times as long: most of its alternatives start with a letter, so each was tried at most
 * positions. A detector missing here runs whenever its keywords match.
 */
const ANCHORS: readonly (readonly [string, readonly string[]])[] = [
  [
    String.raw`_(?<=(?:gsk|hf|lin_api|ntn|shp(?:pa|ca|at|ss)|[sr]k_(?:live|test)|gh[pousr]|github_pat|glc|glsa|ops|v(?:cp|ci|ca|cr|ck)|dckr_pat|figd|cfk|cfut|cfat|npm)_)`,
    [
      'groq',
      'huggingface',
      'linear',
      'notion',
      'shopify',
      'stripe',
      'github',
      'grafana',
      '1password',
      'vercel',
      'docker',
      'figma',
      'cloudflare',
      'npm',
    ],
  ],
  [String.raw`-(?<=(?:xox[bpaor]|xapp|glpat|sk-ant|tskey|x)-)`, ['slack', 'gitlab', 'anthropic', 'tailscale', 'npm']],
  [String.raw`(?:CCESS|ccess)(?<=(?:SECRET|[Ss]ecret)_?(?:ACCESS|[Aa]ccess))`, ['aws']],
  ['://', ['basicauth', 'database-connection-string', 'slack', 'npm']],
  ['_authToken=', ['npm']],
  ['-----BEGIN', ['privatekey']],
  ['private_key', ['gcp']],
  ['T3BlbkFJ', ['openai']],
  [String.raw`SG\.`, ['sendgrid']],
  [String.raw`hv[sbr]\.`, ['hashicorp-vault']],
  ['dapi', ['databricks']],
];

interface Gate {
  /** Every anchor, each a capture group. */
  anchors: RegExp;
  /** Per anchor: sticky, to try each anchor where one matched (two may start at one place). */
  sticky: RegExp[];
  /** Per anchor: the detectors it stands for, with their keywords. */
  detectors: (readonly [SecretLintRuleCreator, RegExp])[][];
  /** Detectors without keywords or anchors: they always run. */
  always: SecretLintRuleCreator[];
}

const gates = new WeakMap<readonly SecretLintRuleCreator[], Gate>();

function gateOf(detectors: readonly SecretLintRuleCreator[]): Gate {
  let gate = gates.get(detectors);
  if (gate) return gate;
  const byName = new Map<string, readonly [SecretLintRuleCreator, RegExp]>();
  const always: SecretLintRuleCreator[] = [];
  for (const detector of detectors) {
    if (FILTER_DETECTORS.has(detector.meta.id)) continue;
    const name = detector.meta.id.startsWith(PREFIX) ? detector.meta.id.slice(PREFIX.length) : '';
    const keywords = DETECTOR_KEYWORDS[name];
    const anchored = ANCHORS.some(([, names]) => names.includes(name));
    if (keywords === undefined || !anchored) always.push(detector);
    else byName.set(name, [detector, new RegExp(keywords)]);
  }
  gate = {
    anchors: new RegExp(ANCHORS.map(([source]) => `(${source})`).join('|'), 'g'),
    sticky: ANCHORS.map(([source]) => new RegExp(source, 'y')),
    detectors: ANCHORS.map(([, names]) =>
      names.flatMap((name) => {
        const entry = byName.get(name);
        return entry ? [entry] : [];
      }),
    ),
    always,
  };
  gates.set(detectors, gate);
  return gate;
}

/**
 * The detectors that can find something in `content`, in the order given, filters excluded:
 * those whose keywords occur in it, and those without keywords.
 */
export function candidateDetectors(
  content: string,
  detectors: readonly SecretLintRuleCreator[],
): SecretLintRuleCreator[] {
  const gate = gateOf(detectors);
  const hit = new Set<number>();
  const { anchors } = gate;
  anchors.lastIndex = 0;
  for (let match = anchors.exec(content); match; match = anchors.exec(content)) {
    // Every anchor is tried where one matched, and the search goes on one character further,
    // so that no anchor is hidden by another that starts at or overlaps the same place.
    for (let index = 0; index < gate.sticky.length; index += 1) {
      if (hit.has(index)) continue;
      const sticky = gate.sticky[index] as RegExp;
      sticky.lastIndex = match.index;
      if (sticky.test(content)) hit.add(index);
    }
    if (hit.size === gate.sticky.length) break;
    anchors.lastIndex = match.index + 1;
  }
  const found = new Set<SecretLintRuleCreator>(gate.always);
  // The second pass, on the few files with an anchor: each detector's own keywords.
  for (const index of hit) {
    for (const [detector, keywords] of gate.detectors[index] ?? []) {
      if (!found.has(detector) && keywords.test(content)) found.add(detector);
    }
  }
  return detectors.filter((detector) => found.has(detector));
}
