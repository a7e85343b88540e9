import path from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { defineRule } from '../src/engine/rule.js';
import { isArgoKind, isHelmRelease } from '../src/manifests/gitops.js';
import { isKustomizationFile } from '../src/manifests/kustomize.js';
import {
  describeObject,
  fieldNode,
  isRecord,
  locatePath,
  nodeAt,
  nodeToReport,
  objectsOf,
  valueAt,
  type KubernetesObject,
} from '../src/manifests/objects.js';
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

/** A value a scalar node holds (not a mapping or a sequence). */
function isScalarValue(value: unknown): boolean {
  return typeof value !== 'object' || value === null;
}

function contains(range: readonly [number, number], offset: number): boolean {
  return range[0] <= offset && offset < range[1];
}

export default defineRule({
  id: 'no-plaintext-secrets',
  meta: {
    type: 'problem',
    docs: {
      description:
        'No plaintext Kubernetes Secrets, private keys or tokens are committed; secret-looking values in Helm values and env entries are warnings',
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    selfContained: true,
    schema: [],
    messages: {
      plaintextSecret:
        '{{object}} holds "{{key}}" in plain text in {{field}}: encrypt the file with SOPS, or use a SealedSecret or an ExternalSecret',
      generatorLiteral:
        'secretGenerator "{{name}}" has the literal "{{key}}" in plain text: use a SOPS-encrypted file, a SealedSecret or an ExternalSecret',
      detectedSecret:
        "secretlint's {{detector}} detector found a secret ({{kind}}) in plain text: remove it, rotate it, and keep it encrypted (SOPS, SealedSecret or ExternalSecret)",
      secretLookingValue:
        '"{{key}}" looks like a secret and has a literal value in {{where}}: reference a Secret (valueFrom.secretKeyRef, existingSecret) instead',
      asynchronousDetector:
        "secretlint's {{detector}} detector answered asynchronously and was skipped; please report this to gitops-init",
    },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      const text = context.text(file);
      if (text === undefined) continue;
      const scan = scanText(text, file);
      for (const detector of scan.asynchronousDetectors) {
        context.report({
          file,
          line: 1,
          messageId: 'asynchronousDetector',
          data: { detector: detectorName(detector) },
          severity: 'warn',
        });
      }
      const yaml = context.yaml(file);
      /** Value ranges already reported as plaintext Secrets, so that a detector does not report them twice. */
      const reportedValues: (readonly [number, number])[] = [];
      const reportedKeys = new Set<number>();
      const rangeOf = (node: YamlNode | undefined): readonly [number, number] | undefined =>
        node?.range ? [node.range[0], node.range[1]] : undefined;
      // Values are read as plain data; nodes (positions) are looked up only for what is reported.
      const secretValues = (object: KubernetesObject): void => {
        if (object.apiVersion !== 'v1' || object.kind !== 'Secret' || isSopsEncrypted(object)) return;
        for (const field of ['data', 'stringData'] as const) {
          const map = object.value[field];
          if (!isRecord(map)) continue;
          for (const [key, value] of Object.entries(map)) {
            if (!isScalarValue(value) || value === null || value === '') continue;
            if (typeof value === 'string' && /^\$\{[^}]+\}$/.test(value.trim())) continue;
            const located = locatePath(object.root, [field, key]);
            context.report({
              file,
              node: located.key ?? located.node,
              messageId: 'plaintextSecret',
              data: { object: describeObject(object), key, field },
            });
            const range = rangeOf(located.node);
            if (range) reportedValues.push(range);
          }
        }
      };
      /** A secret-looking key with a literal value: where its pair is, found from the document's root when reported. */
      const warnings: {
        root: () => unknown;
        key: readonly (string | number)[];
        value: readonly (string | number)[];
        name: string;
        where: string;
        at: 'key' | 'name';
      }[] = [];
      const walkValues = (
        value: unknown,
        root: () => unknown,
        keys: readonly (string | number)[],
        where: string,
      ): void => {
        if (Array.isArray(value)) {
          value.forEach((item: unknown, index) => walkValues(item, root, [...keys, index], where));
        } else if (isRecord(value)) {
          for (const [key, item] of Object.entries(value)) {
            if (isSecretLookingKey(key) && isLiteralSecretValue(item))
              warnings.push({ root, key: [...keys, key], value: [...keys, key], name: key, where, at: 'key' });
            walkValues(item, root, [...keys, key], where);
          }
        }
      };
      const nameValueEntries = (
        list: unknown,
        root: () => unknown,
        keys: readonly (string | number)[],
        where: string,
      ): void => {
        if (!Array.isArray(list)) return;
        list.forEach((item: unknown, index) => {
          if (!isRecord(item) || !Object.hasOwn(item, 'name') || !Object.hasOwn(item, 'value')) return;
          const { name, value } = item;
          if (
            isScalarValue(name) &&
            isScalarValue(value) &&
            isSecretLookingKey(String(name)) &&
            isLiteralSecretValue(value)
          ) {
            warnings.push({
              root,
              key: [...keys, index, 'name'],
              value: [...keys, index, 'value'],
              name: String(name),
              where,
              at: 'name',
            });
          }
        });
      };
      const envEntries = (
        value: unknown,
        root: () => unknown,
        keys: readonly (string | number)[],
        where: string,
      ): void => {
        if (Array.isArray(value)) {
          value.forEach((item: unknown, index) => envEntries(item, root, [...keys, index], where));
        } else if (isRecord(value)) {
          for (const [key, item] of Object.entries(value)) {
            if (key === 'env') nameValueEntries(item, root, [...keys, key], where);
            else envEntries(item, root, [...keys, key], where);
          }
        }
      };
      if (yaml && yaml.errors.length === 0) {
        for (const object of objectsOf(yaml)) {
          secretValues(object);
          const subject = describeObject(object);
          const root = (): unknown => object.root;
          envEntries(object.value, root, [], `the env of ${subject}`);
          if (object.apiVersion === 'v1' && object.kind === 'ConfigMap')
            walkValues(object.value.data, root, ['data'], `${subject}'s data`);
          if (isHelmRelease(object))
            walkValues(valueAt(object.value, ['spec', 'values']), root, ['spec', 'values'], `the values of ${subject}`);
          if (isArgoKind(object, 'Application')) {
            const sources: [unknown, (string | number)[]][] = [
              [valueAt(object.value, ['spec', 'source']), ['spec', 'source']],
            ];
            const list = valueAt(object.value, ['spec', 'sources']);
            if (Array.isArray(list))
              list.forEach((source: unknown, index) => sources.push([source, ['spec', 'sources', index]]));
            for (const [source, keys] of sources) {
              if (!isRecord(source)) continue;
              walkValues(
                valueAt(source, ['helm', 'valuesObject']),
                root,
                [...keys, 'helm', 'valuesObject'],
                `the Helm values of ${subject}`,
              );
              nameValueEntries(
                valueAt(source, ['helm', 'parameters']),
                root,
                [...keys, 'helm', 'parameters'],
                `the Helm parameters of ${subject}`,
              );
            }
          }
        }
        if (VALUES_FILE.test(path.posix.basename(file))) {
          for (const document of yaml.documents) {
            walkValues(
              document.value,
              () => document.document.contents,
              [],
              `the Helm values file ${path.posix.basename(file)}`,
            );
          }
        }
        const first = yaml.documents[0];
        if (isKustomizationFile(file) && first) {
          const generators = valueAt(first.value, ['secretGenerator']);
          if (Array.isArray(generators)) {
            generators.forEach((generator: unknown, index) => {
              if (!isRecord(generator) || !Array.isArray(generator.literals)) return;
              generator.literals.forEach((literal: unknown, position) => {
                if (typeof literal !== 'string' || !literal.includes('=')) return;
                const key = literal.slice(0, literal.indexOf('='));
                const name = generator.name;
                const node = nodeToReport(first.document.contents, ['secretGenerator', index, 'literals', position]);
                context.report({
                  file,
                  node,
                  messageId: 'generatorLiteral',
                  data: { name: typeof name === 'string' ? name : '', key },
                });
                const range = rangeOf(node);
                if (range) reportedValues.push(range);
              });
            });
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
        const root = warning.root();
        // A mapping's secret-looking key is reported at the key; an env entry at its name's value.
        const keyNode = warning.at === 'key' ? fieldNode(root, warning.key) : nodeAt(root, warning.key);
        const start = keyNode?.range?.[0] ?? -1;
        const valueRange = rangeOf(nodeAt(root, warning.value));
        if (reportedKeys.has(start)) continue;
        if (valueRange && reportedValues.some((range) => contains(valueRange, range[0]))) continue;
        reportedKeys.add(start);
        context.report({
          file,
          node: keyNode,
          messageId: 'secretLookingValue',
          data: { key: warning.name, where: warning.where },
          severity: 'warn',
        });
      }
    }
  },
});
