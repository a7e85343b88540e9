/**
 * Which entries of a Kubernetes Secret's `data` or `stringData`, or of a kustomize
 * `secretGenerator`'s literals, hold credentials.
 *
 * Everything in a Secret is presumed secret, except what the Secret formats of Kubernetes and
 * Argo CD document as settings or public data: a Secret whose entries are all of those (an Argo
 * CD repository Secret with only `url` and `type`) holds no credential.
 */
import { isSecretLookingKey } from './keys.js';
import { classifyValue, decodeSecretData } from './values.js';
import { keyWords } from './words.js';

/**
 * `credential`: looks like one by its key (`password`, `tls.key`, `.dockerconfigjson`);
 * `unnamed`: some other written-out value (`PATH`, `host`), secret because it is in a Secret;
 * `none`: empty, a reference, a placeholder, a flag, public data or a documented setting.
 */
export type SecretEntryKind = 'credential' | 'unnamed' | 'none';

/**
 * Keys of any Secret that are not credentials: the namespace and CA certificate of a
 * service-account token Secret, a TLS Secret's certificate, a basic-auth Secret's username
 * (https://kubernetes.io/docs/concepts/configuration/secret/#secret-types), and Argo CD's
 * bookkeeping in argocd-secret (`admin.passwordMtime`, `accounts.<name>.tokens`: the ids and
 * dates of issued tokens, not the tokens).
 */
const NON_CREDENTIAL_KEYS = new Set(['namespace', 'ca.crt', 'tls.crt', 'username', 'user']);
const NON_CREDENTIAL_PATTERNS = [/(^|\.)passwordMtime$/, /^accounts\.[^.]+\.tokens$/];

/**
 * Settings of Argo CD's repository, repository-credential and cluster Secrets, those labelled
 * `argocd.argoproj.io/secret-type`
 * (https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/).
 */
const ARGO_CD_SETTINGS = new Set([
  'type',
  'url',
  'name',
  'project',
  'insecure',
  'enableLfs',
  'enableOCI',
  'proxy',
  'noProxy',
  'forceHttpBasicAuth',
  'githubAppID',
  'githubAppInstallationID',
  'githubAppEnterpriseBaseUrl',
  'useAzureWorkloadIdentity',
  'tlsClientCertData',
  'server',
  'namespaces',
  'clusterResources',
]);

/** Last words of Secret keys that hold key material or credentials files: `tls.key`, `.dockerconfigjson`. */
const CREDENTIAL_FILE_WORDS = new Set(['key', 'dockerconfigjson', 'dockercfg', 'htpasswd', 'kubeconfig', 'netrc']);

export interface SecretEntryOptions {
  /** The value is in `data`, base64-encoded. */
  encoded: boolean;
  /** The Secret is one of Argo CD's repository or cluster Secrets. */
  argoCd: boolean;
}

/** What one entry of a Secret holds (see SecretEntryKind). */
export function classifySecretEntry(key: string, value: unknown, options: SecretEntryOptions): SecretEntryKind {
  if (typeof value !== 'string') return 'none';
  const text = options.encoded ? decodeSecretData(value) : value;
  if (text !== undefined && classifyValue(text) !== 'literal') return 'none';
  if (NON_CREDENTIAL_KEYS.has(key) || NON_CREDENTIAL_PATTERNS.some((pattern) => pattern.test(key))) return 'none';
  if (options.argoCd && ARGO_CD_SETTINGS.has(key)) return 'none';
  return isSecretLookingKey(key) || CREDENTIAL_FILE_WORDS.has(keyWords(key).at(-1) ?? '') ? 'credential' : 'unnamed';
}

/**
 * The keys a finding names: those that look like credentials, or when none does, the other
 * written-out ones. Empty when the entries hold no secret.
 */
export function keysToName(entries: readonly { key: string; kind: SecretEntryKind }[]): string[] {
  const credentials = entries.filter((entry) => entry.kind === 'credential');
  const named = credentials.length > 0 ? credentials : entries.filter((entry) => entry.kind === 'unnamed');
  return named.map((entry) => entry.key);
}

/** `"a"`, `"a" and "b"`, `"a", "b", "c", "d" and 3 more`: keys quoted for a message, at most `limit` of them. */
export function listKeys(keys: readonly string[], limit = 4): string {
  const quoted = keys.map((key) => `"${key}"`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length > limit + 1) return `${quoted.slice(0, limit).join(', ')} and ${quoted.length - limit} more`;
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}
