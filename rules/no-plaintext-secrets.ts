import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { defineRule } from '../src/engine/rule.js';
import { isArgoKind, isHelmRelease } from '../src/manifests/gitops.js';
import { isKustomizationFile } from '../src/manifests/kustomize.js';
import { describeObject, isRecord, objectsOf, type KubernetesObject } from '../src/manifests/objects.js';
import { isLiteralSecretValue, isSecretLookingKey } from '../src/secrets/keys.js';
import { scanText } from '../src/secrets/secretlint.js';

/** Helm values files: `values.yaml`, `values-production.yaml`, `values.prod.yaml`, `podinfo-values.yaml`. */
const VALUES_FILE = /(^|[-._])values([-._][^/]*)?\.ya?ml$/i;

/** `@secretlint/secretlint-rule-github` -> `github`. */
function detectorName(ruleId: string): string {
  return ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
}

function isSopsEncrypted(object: KubernetesObject): boolean {
  const sops = object.value.sops;
  return isRecord(sops) && typeof sops.mac === 'string' && sops.mac !== '';
}

function contains(range: readonly [number, number], offset: number): boolean {
  return range[0] <= offset && offset < range[1];
}

export default defineRule({
  id: 'no-plaintext-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'No plaintext Kubernetes Secrets, private keys or tokens are committed; secret-looking values in Helm values and env entries are warnings',
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    schema: [],
    messages: {
      plaintextSecret:
        '{{object}} holds "{{key}}" in plain text in {{field}}: encrypt the file with SOPS, or use a SealedSecret or an ExternalSecret',
      generatorLiteral:
        'secretGenerator "{{name}}" has the literal "{{key}}" in plain text: use a SOPS-encrypted file, a SealedSecret or an ExternalSecret',
      detectedSecret:
        'secretlint\'s {{detector}} detector found a secret ({{kind}}) in plain text: remove it, rotate it, and keep it encrypted (SOPS, SealedSecret or ExternalSecret)',
      secretLookingValue:
        '"{{key}}" looks like a secret and has a literal value in {{where}}: reference a Secret (valueFrom.secretKeyRef, existingSecret) instead',
      asynchronousDetector:
        'secretlint\'s {{detector}} detector answered asynchronously and was skipped; please report this to gitops-init',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      const text = context.text(file);
      if (text === undefined) continue;
      const scan = scanText(text, file);
      for (const detector of scan.asynchronousDetectors) {
        context.report({ file, line: 1, messageId: 'asynchronousDetector', data: { detector: detectorName(detector) }, severity: 'warn' });
      }
      const yaml = context.yaml(file);
      /** Value ranges already reported as plaintext Secrets, so that a detector does not report them twice. */
      const reportedValues: (readonly [number, number])[] = [];
      const reportedKeys = new Set<number>();
      const secretValues = (object: KubernetesObject): void => {
        if (object.apiVersion !== 'v1' || object.kind !== 'Secret' || isSopsEncrypted(object)) return;
        for (const field of ['data', 'stringData'] as const) {
          const map = object.root.get(field, true);
          if (!isMap(map)) continue;
          for (const pair of map.items) {
            const value = pair.value as YamlNode | null;
            if (!isScalar(pair.key) || !isScalar(value) || value.value === null || value.value === '') continue;
            if (typeof value.value === 'string' && /^\$\{[^}]+\}$/.test(value.value.trim())) continue;
            context.report({
              file,
              node: pair.key,
              messageId: 'plaintextSecret',
              data: { object: describeObject(object), key: String(pair.key.value), field },
            });
            if (value.range) reportedValues.push([value.range[0], value.range[1]]);
          }
        }
      };
      const warnings: { key: YamlNode; value: YamlNode; name: string; where: string }[] = [];
      const walkValues = (node: unknown, where: string): void => {
        if (isMap(node)) {
          for (const pair of node.items) {
            if (isScalar(pair.key) && isScalar(pair.value) && isSecretLookingKey(String(pair.key.value)) && isLiteralSecretValue(pair.value.value)) {
              warnings.push({ key: pair.key, value: pair.value, name: String(pair.key.value), where });
            }
            walkValues(pair.value, where);
          }
        } else if (isSeq(node)) {
          for (const item of node.items) walkValues(item, where);
        }
      };
      const nameValueEntries = (node: unknown, where: string): void => {
        if (!isSeq(node)) return;
        for (const item of node.items) {
          if (!isMap(item)) continue;
          const name = item.get('name', true);
          const value = item.get('value', true);
          if (isScalar(name) && isScalar(value) && isSecretLookingKey(String(name.value)) && isLiteralSecretValue(value.value)) {
            warnings.push({ key: name, value, name: String(name.value), where });
          }
        }
      };
      const envEntries = (node: unknown, where: string): void => {
        if (isMap(node)) {
          for (const pair of node.items) {
            if (isScalar(pair.key) && pair.key.value === 'env') nameValueEntries(pair.value, where);
            else envEntries(pair.value, where);
          }
        } else if (isSeq(node)) {
          for (const item of node.items) envEntries(isPair(item) ? item.value : item, where);
        }
      };
      if (yaml && yaml.errors.length === 0) {
        for (const object of objectsOf(yaml)) {
          secretValues(object);
          const subject = describeObject(object);
          envEntries(object.root, `the env of ${subject}`);
          if (object.apiVersion === 'v1' && object.kind === 'ConfigMap') walkValues(object.root.get('data', true), `${subject}'s data`);
          if (isHelmRelease(object)) walkValues(object.root.getIn(['spec', 'values'], true), `the values of ${subject}`);
          if (isArgoKind(object, 'Application')) {
            const sources = [object.root.getIn(['spec', 'source'], true), ...(() => {
              const list = object.root.getIn(['spec', 'sources'], true);
              return isSeq(list) ? list.items : [];
            })()];
            for (const source of sources) {
              if (!isMap(source)) continue;
              walkValues(source.getIn(['helm', 'valuesObject'], true), `the Helm values of ${subject}`);
              nameValueEntries(source.getIn(['helm', 'parameters'], true), `the Helm parameters of ${subject}`);
            }
          }
        }
        if (VALUES_FILE.test(path.posix.basename(file))) {
          for (const document of yaml.documents) walkValues(document.document.contents, `the Helm values file ${path.posix.basename(file)}`);
        }
        if (isKustomizationFile(file)) {
          const generators = yaml.documents[0]?.document.get('secretGenerator', true);
          if (isSeq(generators)) {
            for (const generator of generators.items) {
              if (!isMap(generator)) continue;
              const literals = generator.get('literals', true);
              if (!isSeq(literals)) continue;
              for (const literal of literals.items) {
                if (!isScalar(literal) || typeof literal.value !== 'string' || !literal.value.includes('=')) continue;
                const key = literal.value.slice(0, literal.value.indexOf('='));
                const name = generator.get('name');
                context.report({ file, node: literal, messageId: 'generatorLiteral', data: { name: typeof name === 'string' ? name : '', key } });
                if (literal.range) reportedValues.push([literal.range[0], literal.range[1]]);
              }
            }
          }
        }
      }
      for (const secret of scan.secrets) {
        if (reportedValues.some((range) => contains(range, secret.range[0]))) continue;
        reportedValues.push(secret.range);
        context.report({
          file,
          range: secret.range,
          messageId: 'detectedSecret',
          data: { detector: detectorName(secret.ruleId), kind: secret.messageId },
        });
      }
      for (const warning of warnings) {
        const start = warning.key.range?.[0] ?? -1;
        const valueRange = warning.value.range;
        if (reportedKeys.has(start)) continue;
        if (valueRange && reportedValues.some((range) => contains([valueRange[0], valueRange[1]], range[0]))) continue;
        reportedKeys.add(start);
        context.report({ file, node: warning.key, messageId: 'secretLookingValue', data: { key: warning.name, where: warning.where }, severity: 'warn' });
      }
    }
  },
});
