/**
 * Heuristics for keys that name a secret (`password`, `apiKey`, `DB_PASSWORD`) and values that
 * are written out rather than referenced. A finding from these is a warning: a key can look
 * secret and hold something else.
 */
import { classifyValue } from './values.js';
import { keyWords } from './words.js';

export { keyWords } from './words.js';

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
  'alg',
  'age',
  'mtime',
  'job',
  'jobs',
  'hook',
  'hooks',
  'scope',
  'scopes',
  'claim',
  'claims',
  'method',
  'backend',
  'manager',
  'engine',
  'strategy',
  'complexity',
  'cipher',
  'encoder',
  'charset',
  'user',
  'username',
  'usernames',
]);
/**
 * Words before a last "secret" that make the key name a Secret object rather than hold a
 * secret: `existingSecret`, `pullSecret`, `tlsSecret`, `githubConfigSecret`, `configFromSecret`,
 * `passwordSecret` (the Secret that holds the password). `clientSecret`, `webhookSecret` and
 * `jwtSecret` are secrets themselves.
 */
const SECRET_OBJECT_QUALIFIERS = new Set([
  'existing',
  'pull',
  'tls',
  'ssl',
  'config',
  'from',
  'cert',
  'certs',
  'certificate',
  'ca',
  'docker',
  'registry',
  'image',
  'env',
  'kubeconfig',
  'volume',
  'mount',
  'sealed',
  'external',
  'target',
  'ssh',
  'password',
  'passwords',
  'passwd',
  'token',
  'tokens',
  'credential',
  'credentials',
  'creds',
  'auth',
  'key',
  'keys',
  'license',
  'htpasswd',
  'keystore',
  'truststore',
]);
/** Keys that contain a secret word and are identifiers: etcd's `initial-cluster-token`. */
const NOT_SECRET_PHRASES = ['initial cluster token'];

/** Whether a key names a secret value, such as `password`, `apiKey`, `DB_PASSWORD` or `client_secret`. */
export function isSecretLookingKey(key: string): boolean {
  // `secret.reloader.stakater.com/reload`, `vault.hashicorp.com/agent-inject-secret-db`: annotation and label keys.
  if (key.includes('/')) return false;
  const words = keyWords(key);
  const last = words.at(-1);
  if (last === undefined || words.includes('existing')) return false;
  const phrase = words.join(' ');
  if (NOT_SECRET_PHRASES.some((words) => phrase.includes(words))) return false;
  const before = words.length > 1 ? (words.at(-2) ?? '') : '';
  const lastCompound = `${before}${last}`;
  if (lastCompound === 'secretkey' && words.slice(0, -2).some((word) => SECRET_WORDS.has(word))) {
    // `keyPasswordSecretKey`, `adminPasswordSecretKey`: the key inside a Secret that holds the password.
    return false;
  }
  if (SECRET_KEYS.has(lastCompound) || SECRET_KEYS.has(last)) return true;
  if (SETTING_WORDS.has(last)) return false;
  if (last === 'secret' && SECRET_OBJECT_QUALIFIERS.has(before) && !(before === 'key' && words.at(-3) === 'access'))
    return false;
  return words.some((word) => SECRET_WORDS.has(word));
}

/**
 * A file name (`thanos.yaml`, `tls.key`, `credentials.json`), or for a `…SecretKey` setting the
 * name of a key inside a Secret (`key-password`): what the value names, not the secret.
 */
function namesFileOrSecretKey(key: string, value: string): boolean {
  if (/^[\w-]+(\.[\w-]+)*\.(ya?ml|json|toml|conf|cfg|ini|properties|env|txt|pem|crt|cer|key|p12|pfx|jks)$/i.test(value))
    return true;
  const words = keyWords(key);
  if (`${words.at(-2) ?? ''}${words.at(-1) ?? ''}` !== 'secretkey') return false;
  const segments = value.split(/[-_.]/);
  return (
    segments.length > 1 &&
    /^[a-z]+([-_.][a-z]+)+$/.test(value) &&
    segments.some((segment) => SECRET_WORDS.has(segment) || segment === 'key')
  );
}

/**
 * Whether a value is written out rather than a reference that something else fills in, a
 * placeholder, a flag or public data (see `classifyValue`).
 */
export function isLiteralSecretValue(value: unknown): boolean {
  return typeof value === 'string' && classifyValue(value) === 'literal';
}

/** Whether a key and its value in configuration (Helm values, env, ConfigMap data) look like a secret written out. */
export function isSecretLookingEntry(key: string, value: unknown): boolean {
  return isSecretLookingKey(key) && isLiteralSecretValue(value) && !namesFileOrSecretKey(key, (value as string).trim());
}
