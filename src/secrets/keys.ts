/**
 * Heuristics for keys that name a secret (`password`, `apiKey`, `DB_PASSWORD`) and values that
 * are written out rather than referenced. A finding from these is a warning: a key can look
 * secret and hold something else.
 */

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  'credentials',
]);
/** Compounds ending in "key" that are secrets themselves (`passwordKey` names a key inside a Secret). */
const SECRET_KEYS = new Set([
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'licensekey',
]);
/** Last words of keys that name a setting about a secret, not the secret: `secretName`, `passwordFile`, `tokenTTL`. */
const SETTING_WORDS = new Set([
  'name',
  'names',
  'ref',
  'refs',
  'reference',
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'key',
  'keys',
  'enabled',
  'enable',
  'disabled',
  'create',
  'created',
  'length',
  'size',
  'type',
  'mode',
  'policy',
  'ttl',
  'expiry',
  'expiration',
  'expires',
  'rotation',
  'annotations',
  'labels',
  'namespace',
  'mount',
  'volume',
  'volumes',
  'provider',
  'store',
  'class',
  'header',
  'field',
  'selector',
  'format',
  'template',
  'audience',
  'id',
  'url',
  'uri',
  'endpoint',
  'location',
  'source',
  'generator',
  'required',
  'strength',
  'lifetime',
  'duration',
  'seconds',
  'timeout',
  'interval',
  'period',
  'regex',
  'pattern',
  'prefix',
  'suffix',
  'version',
  'kind',
  'env',
  'var',
  'variable',
  'configmap',
  'count',
  'min',
  'max',
  'issuer',
  'hash',
  'algorithm',
  'user',
  'username',
  'usernames',
]);

/** Splits `existingSecretPasswordKey`, `DB_PASSWORD`, `api-key`, `auth.token` into lower-case words. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** Whether a key names a secret value, such as `password`, `apiKey`, `DB_PASSWORD` or `client_secret`. */
export function isSecretLookingKey(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1);
  if (last === undefined || words.includes('existing')) return false;
  const lastCompound = words.length > 1 ? `${words.at(-2) ?? ''}${last}` : last;
  if (SECRET_KEYS.has(lastCompound) || SECRET_KEYS.has(last)) return true;
  if (SETTING_WORDS.has(last)) return false;
  return words.some((word) => SECRET_WORDS.has(word));
}

/**
 * Whether a value is written out rather than a reference that something else fills in: Flux
 * substitution `${VAR}`, Helm or Argo CD templates `{{ }}`, Kubernetes' `$(VAR)`, SOPS `ENC[…]`,
 * or a secret manager reference (`vault:…`, `ref+…`, `<path:…>` of argocd-vault-plugin).
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text.length < 3) return false;
  if (/\$\{[^}]*\}|\{\{|\$\([A-Za-z_][A-Za-z0-9_]*\)|^ENC\[|^vault:|^ref\+|^<path:|^secretref\+/.test(text))
    return false;
  // A file path or a reference to a file is not the secret itself.
  if (/^(\/|\.\/|~\/|file:)/.test(text)) return false;
  return true;
}
