/**
 * What a configuration value is, for the secret heuristics: written out, or a reference that
 * something else resolves, a placeholder waiting to be filled in, a setting, or public data.
 * Only `literal` values can leak a secret.
 *
 * A literal default such as `changeme`, `admin` or `guest` stays `literal`: it is deployed as it
 * is and works as a password. A placeholder is a value that says it must be replaced
 * (`<your-token>`, `INSERT_TOKEN_HERE`, `xxxxxxxx`, a PEM block with no body).
 */
import { keyWords } from './words.js';

export type ValueKind =
  /** Blank, or too short to be a secret. */
  | 'empty'
  /** Resolved elsewhere: substitution, templates, secret managers, files. */
  | 'reference'
  /** Says it must be replaced. */
  | 'placeholder'
  /** A flag such as `"true"`. */
  | 'setting'
  /** Certificates and public keys only. */
  | 'public'
  /** Written out: what a secret looks like. */
  | 'literal';

/**
 * References users commit on purpose, each resolved by a tool at deploy time:
 * Flux post-build substitution `${VAR}` and `${VAR:=default}`; Helm and Argo CD templates
 * `{{ }}`; Kubernetes dependent environment variables `$(VAR)`; SOPS `ENC[…]`; bank-vaults
 * `vault:secret/data/…`; vals `ref+vault://…`; helm-secrets `secretref+…`; argocd-vault-plugin
 * `<path:…#key>`; 1Password `op://vault/item/field`; AWS Secrets Manager and SSM Parameter
 * Store ARNs; Google Secret Manager resource names; Argo CD's `$secret:key` and `$key`
 * references in its ConfigMaps (and Dex's `$VAR`); Grafana's `$__env{VAR}`, `$__file{path}`
 * and `$__vault{…}`.
 */
const REFERENCES: readonly RegExp[] = [
  /\$\{[^}]*\}/,
  /\{\{/,
  /\$\([A-Za-z_][A-Za-z0-9_]*\)/,
  /^ENC\[/,
  /^vault:/,
  /^ref\+[a-z0-9]+:\/\//,
  /^secretref\+/,
  /^<path:[^>]*>/,
  /^op:\/\/[^/\s]+\/[^/\s]+\/\S+/,
  /^arn:aws[a-z-]*:(secretsmanager|ssm):/,
  /^projects\/[^/\s]+\/secrets\/[^/\s]+(\/versions\/[^/\s]+)?$/,
  /^\$[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+)?$/,
  /\$__(env|file|vault)\{[^}]*\}/,
  /^file:\/\/\S+$/,
];

/**
 * A file (the secret is in it, not here): `/var/run/secrets/…/token`, `./token`, `~/.netrc`.
 * Not a base64 secret that happens to start with a slash (`/K7MDENG/bPxRfiCY…`): no `+` or `=`,
 * and no long segment of mixed-case letters and digits.
 */
function isFilePath(text: string): boolean {
  if (!/^(\/|\.\.?\/|~\/)[\w.@-]+(\/[\w.@-]+)*\/?$/.test(text)) return false;
  return !text
    .split('/')
    .some((segment) => segment.length >= 16 && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && /\d/.test(segment));
}

/** First words of a value that asks to be replaced: `YOUR_TOKEN`, `insert-key-here`, `ReplaceMe`. */
const FILL_IN_WORDS = new Set(['your', 'insert', 'replace', 'enter', 'paste', 'fill', 'placeholder', 'redacted']);
/** Whole values that stand for nothing. */
const NOTHING_WORDS = new Set(['none', 'null', 'nil', 'undefined', 'unset', 'todo', 'tbd', 'fixme', 'redacted']);
const FLAGS = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

/** AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE` and its secret): published examples, never valid. */
const AWS_EXAMPLES = [/^[A-Z0-9]{13}EXAMPLE$/, /^[A-Za-z0-9/+]{30}EXAMPLEKEY$/];

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Eight or more of one masking character: `ghp_xxxxxxxx…`, `********`, a Slack webhook's `XXXXXXXX`. */
export function isMasked(text: string): boolean {
  return /([xX*•#])\1{7,}/.test(text) || /^[xX*•#._\s-]{3,}$/.test(text);
}

/** An angle-bracketed word: `<your-token>`, `<password>`, `<myemail>@gmail.com`. */
function hasAngleBracketPlaceholder(text: string): boolean {
  return /<[A-Za-z][\w .-]*>/.test(text);
}

/** Words only (no digits): the shape of a descriptive placeholder, not of a generated secret. */
function isWordsOnly(text: string): boolean {
  return /^[A-Za-z]+(?:[-_. ][A-Za-z]+)*$/.test(text);
}

/** The PEM blocks of a value, or undefined when it holds none. */
function pemBlocks(text: string): { label: string; body: string }[] | undefined {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1] ?? '', body: match[2] ?? '' }));
  return blocks.length > 0 ? blocks : undefined;
}

/** A PEM block whose body is empty or elided (`...`, `<key>`, `xxxx`). */
function isEmptyPemBody(body: string): boolean {
  const content = body.replace(/\s+/g, '');
  return content === '' || /^(\.|…)+$/.test(content) || hasAngleBracketPlaceholder(body) || isMasked(content);
}

/** What PEM blocks are: placeholders without a body, public certificates and keys, or key material. */
function classifyPem(blocks: readonly { label: string; body: string }[]): ValueKind {
  if (blocks.every((block) => isEmptyPemBody(block.body))) return 'placeholder';
  if (blocks.every((block) => /CERTIFICATE|PUBLIC KEY/.test(block.label) && !/PRIVATE/.test(block.label)))
    return 'public';
  return 'literal';
}

/** Whether a value asks to be filled in rather than being a secret, by the rules in this module's comment. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  const blocks = pemBlocks(text);
  if (blocks) return classifyPem(blocks) === 'placeholder';
  // A multi-line value is judged line by line (classifyValue).
  if (text.includes('\n')) return false;
  if (hasAngleBracketPlaceholder(text) || isMasked(text)) return true;
  if (AWS_EXAMPLES.some((pattern) => pattern.test(text))) return true;
  if (!isWordsOnly(text)) return false;
  const words = keyWords(text);
  if (words.length === 1) return NOTHING_WORDS.has(words[0] ?? '');
  const first = words[0] ?? '';
  // `my-password`, `my_api_token`: documentation's stand-ins, as `your-password` is.
  return FILL_IN_WORDS.has(first) || first === 'my' || words.at(-1) === 'here';
}

/** Whether a value is a reference that a tool resolves at deploy time (see REFERENCES). */
export function isReference(value: string): boolean {
  const text = value.trim();
  return REFERENCES.some((pattern) => pattern.test(text)) || isFilePath(text);
}

/** One line's value, trimmed. */
function classifyLine(text: string): ValueKind {
  if (text.length < 3) return 'empty';
  if (FLAGS.has(text.toLowerCase())) return 'setting';
  if (isReference(text)) return 'reference';
  if (isPlaceholder(text)) return 'placeholder';
  return 'literal';
}

const RANK: Readonly<Record<ValueKind, number>> = {
  empty: 0,
  setting: 1,
  public: 1,
  placeholder: 2,
  reference: 3,
  literal: 4,
};

/**
 * An embedded file (a values.yaml, a config.json, an .env in a Secret): written out when any
 * line's value is, so that one reference does not hide a password on the next line; else a
 * reference or a placeholder when its lines hold only those (`password: <path:…#pw>`,
 * `token=${TOKEN}`). A line's value is what follows its first `:` or `=`, unquoted; numbers
 * there are settings.
 */
function classifyLines(text: string): ValueKind {
  let found: ValueKind = 'empty';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || /^(#|\/\/|;)/.test(line) || /^[[\]{}(),]+$/.test(line) || /^\[[^\]]*\]$/.test(line)) continue;
    const separator = line.search(/[:=]/);
    const value = (separator === -1 ? line : line.slice(separator + 1))
      .trim()
      .replace(/,$/, '')
      .replace(/^(["'])(.*)\1$/, '$2');
    // Numbers in a file are ports, sizes and counts.
    const kind = /^-?\d+(\.\d+)?$/.test(value) ? 'setting' : classifyLine(value);
    if (kind === 'literal') return 'literal';
    if (RANK[kind] > RANK[found]) found = kind;
  }
  return found;
}

/** What a value written in a manifest or values file is (see ValueKind). */
export function classifyValue(value: string): ValueKind {
  const text = value.trim();
  if (text.length < 3) return 'empty';
  const blocks = pemBlocks(text);
  if (blocks) return classifyPem(blocks);
  return text.includes('\n') ? classifyLines(text) : classifyLine(text);
}

/**
 * The text of a Secret's `data` value: base64 decoded; as written when it is not base64 (a
 * manifest that Kubernetes would reject, but a secret all the same); undefined when it decodes
 * to binary data (a keystore), which is never a reference or a placeholder.
 */
export function decodeSecretData(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return value;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  // eslint-disable-next-line no-control-regex -- binary content is not text to classify
  return /[\uFFFD\u0000-\u0008\u000E-\u001F]/.test(decoded) ? undefined : decoded;
}
