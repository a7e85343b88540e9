import path from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { defineRule } from '../src/engine/rule.js';
import { isArgoKind, isHelmRelease } from '../src/manifests/gitops.js';
import { isKustomizationFile } from '../src/manifests/kustomize.js';
import {
  describeObject,
  fieldNode,
  isRecord,
  nodeAt,
  objectsOf,
  valueAt,
  type KubernetesObject,
} from '../src/manifests/objects.js';
import { isSecretLookingEntry } from '../src/secrets/keys.js';
import { classifySecretEntry, keysToName, listKeys, type SecretEntryKind } from '../src/secrets/secret-data.js';
import { isOutsideSecretScan } from '../src/secrets/scan-scope.js';
import { scanText, type ScanResult } from '../src/secrets/secretlint.js';
import { isPlaceholder } from '../src/secrets/values.js';

/** Helm values files: `values.yaml`, `values-production.yaml`, `values.prod.yaml`, `podinfo-values.yaml`. */
const VALUES_FILE = /(^|[-._])values([-._][^/]*)?\.ya?ml$/i;

/** `@secretlint/secretlint-rule-github` -> `github`. */
function detectorName(ruleId: string): string {
  return ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
}

/** Argo CD's repository, repository-credential and cluster Secrets carry this label. */
const ARGO_CD_SECRET_TYPE = 'argocd.argoproj.io/secret-type';

function isArgoCdSecret(object: KubernetesObject): boolean {
  const labels = valueAt(object.value, ['metadata', 'labels']);
  return isRecord(labels) && typeof labels[ARGO_CD_SECRET_TYPE] === 'string';
}

/**
 * chart-testing's `ci/*-values.yaml` beside a chart's Chart.yaml: inputs of throwaway test
 * installs, where `password: testpassword` is what a test needs. Secret formats that secretlint
 * knows are still found there.
 */
function isChartTestingValues(file: string, hasFile: (path: string) => boolean): boolean {
  const directory = path.posix.dirname(file);
  if (path.posix.basename(directory) !== 'ci') return false;
  const chart = path.posix.dirname(directory);
  return hasFile(chart === '.' ? 'Chart.yaml' : `${chart}/Chart.yaml`);
}

function isSopsEncrypted(object: KubernetesObject): boolean {
  const sops = object.value.sops;
  return isRecord(sops) && typeof sops.mac === 'string' && sops.mac !== '';
}

/** A value a scalar node holds (not a mapping or a sequence). */
function isScalarValue(value: unknown): boolean {
  return typeof value !== 'object' || value === null;
}

function isCustomResourceDefinition(object: KubernetesObject): boolean {
  return object.group === 'apiextensions.k8s.io' && object.kind === 'CustomResourceDefinition';
}

const NOTHING_SCANNED: ScanResult = { secrets: [], asynchronousDetectors: [] };

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
        '{{object}} holds {{keys}} in plain text in {{field}}: encrypt the file with SOPS, or use a SealedSecret or an ExternalSecret',
      generatorLiteral:
        'secretGenerator "{{name}}" has {{keys}} as literals in plain text: use a SOPS-encrypted file, a SealedSecret or an ExternalSecret',
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
      // Dependency trees, lock files and binary formats are not scanned for secretlint's
      // secrets (src/secrets/scan-scope.ts, as gitleaks); their Kubernetes Secrets still are.
      const scanned = !isOutsideSecretScan(file);
      if (!scanned && !context.isYamlFile(file)) continue;
      const text = context.text(file);
      if (text === undefined) continue;
      const scan = scanned ? scanText(text, file) : NOTHING_SCANNED;
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
      // secretlint's findings, without placeholders (`ghp_xxxxxxxx…`, `mysql://root:<password>@db`).
      const detected = scan.secrets.filter((secret) => !isPlaceholder(text.slice(secret.range[0], secret.range[1])));
      const isDetectedIn = (node: YamlNode | undefined): boolean => {
        const range = rangeOf(node);
        return range !== undefined && detected.some((secret) => contains(range, secret.range[0]));
      };
      // Values are read as plain data; nodes (positions) are looked up only for what is reported.
      const secretValues = (object: KubernetesObject): void => {
        if (object.apiVersion !== 'v1' || object.kind !== 'Secret' || isSopsEncrypted(object)) return;
        const argoCd = isArgoCdSecret(object);
        const entries: { key: string; kind: SecretEntryKind; field: string }[] = [];
        const fields = (['data', 'stringData'] as const).filter((field) => isRecord(object.value[field]));
        for (const field of fields) {
          for (const [key, value] of Object.entries(object.value[field] as Record<string, unknown>)) {
            let kind = classifySecretEntry(key, value, { encoded: field === 'data', argoCd });
            if (kind !== 'credential' && detected.length > 0 && isDetectedIn(nodeAt(object.root, [field, key])))
              kind = 'credential';
            entries.push({ key, kind, field });
          }
        }
        const keys = keysToName(entries);
        if (keys.length === 0) return;
        const named = new Set(keys);
        const namedFields = fields.filter((field) =>
          entries.some((entry) => entry.field === field && named.has(entry.key)),
        );
        context.report({
          file,
          node: fieldNode(object.root, [namedFields[0] ?? 'data']),
          messageId: 'plaintextSecret',
          data: { object: describeObject(object), keys: listKeys(keys), field: namedFields.join(' and ') },
        });
        // One finding for the Secret: secretlint's findings in its values are part of it.
        for (const field of fields) {
          const range = rangeOf(nodeAt(object.root, [field]));
          if (range) reportedValues.push(range);
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
            if (isSecretLookingEntry(key, item))
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
          if (isScalarValue(name) && isScalarValue(value) && isSecretLookingEntry(String(name), value)) {
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
          // A CRD's schema may name an `env` property, never hold one: its (often huge) tree is not walked.
          if (!isCustomResourceDefinition(object)) envEntries(object.value, root, [], `the env of ${subject}`);
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
        if (
          VALUES_FILE.test(path.posix.basename(file)) &&
          !isChartTestingValues(file, (candidate) => context.hasFile(candidate))
        ) {
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
              const literals = ['secretGenerator', index, 'literals'];
              const entries: { key: string; kind: SecretEntryKind }[] = [];
              generator.literals.forEach((literal: unknown, position) => {
                if (typeof literal !== 'string' || !literal.includes('=')) return;
                const key = literal.slice(0, literal.indexOf('='));
                let kind = classifySecretEntry(key, literal.slice(key.length + 1), { encoded: false, argoCd: false });
                if (
                  kind !== 'credential' &&
                  detected.length > 0 &&
                  isDetectedIn(nodeAt(first.document.contents, [...literals, position]))
                )
                  kind = 'credential';
                entries.push({ key, kind });
              });
              const keys = keysToName(entries);
              if (keys.length === 0) return;
              const name = generator.name;
              context.report({
                file,
                node: fieldNode(first.document.contents, literals),
                messageId: 'generatorLiteral',
                data: { name: typeof name === 'string' ? name : '', keys: listKeys(keys) },
              });
              const range = rangeOf(nodeAt(first.document.contents, literals));
              if (range) reportedValues.push(range);
            });
          }
        }
      }
      for (const secret of detected) {
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
