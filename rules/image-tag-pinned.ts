import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import { describeObject, isRecord, nodeToReport, objectsOf, valueAt } from '../src/manifests/objects.js';
import { isKustomizationFile } from '../src/manifests/kustomize.js';
import {
  CONTAINER_LISTS,
  imagePinning,
  isPinnedByKustomize,
  kustomizeImages,
  POD_SPEC_PATHS,
} from '../src/versioning/images.js';
import { readVersion } from '../src/versioning/sources.js';
import { isTemplateFileName } from '../src/manifests/templates.js';

/** The Chart.yaml of a Helm values file (values.yaml, values-<anything>.yaml beside it), if it has one. */
function chartOfValues(file: string, hasFile: (file: string) => boolean): string | undefined {
  const base = path.posix.basename(file);
  if (!/^values(-[^/]+)?\.ya?ml$/.test(base)) return undefined;
  const directory = path.posix.dirname(file);
  const chart = directory === '.' ? 'Chart.yaml' : `${directory}/Chart.yaml`;
  return hasFile(chart) ? chart : undefined;
}

/** What an empty tag in a chart's own values stands for: the chart's appVersion. */
type AppVersion = { kind: 'missing' } | { kind: 'latest' } | { kind: 'fixed'; value: string };

function appVersionOf(chartText: string | undefined): AppVersion {
  const raw = readVersion({ file: 'Chart.yaml', field: 'appVersion' }, chartText).raw?.trim();
  if (raw === undefined || raw === '' || raw === 'null' || /\{\{|\$\{/.test(raw)) return { kind: 'missing' };
  return raw === 'latest' ? { kind: 'latest' } : { kind: 'fixed', value: raw };
}

export default defineRule({
  id: 'image-tag-pinned',
  meta: {
    type: 'problem',
    docs: {
      description: 'Container images in workloads and Helm values have an explicit tag other than latest, or a digest',
      category: 'versioning',
      recommended: 'error',
    },
    scope: 'file',
    schema: [],
    messages: {
      untagged:
        '{{where}} uses image "{{image}}" without a tag, which means latest; pin a version (image:1.4.2) or a digest',
      latest: '{{where}} uses image "{{image}}": latest changes under you; pin a version (image:1.4.2) or a digest',
      valuesUntagged: 'Image "{{repository}}" has no tag in these Helm values; set {{key}} to a version',
      valuesLatest: 'Image "{{repository}}" is pinned to latest in these Helm values; set {{key}} to a version',
      valuesNoAppVersion:
        'Image "{{repository}}" has an empty tag in these Helm values, and the chart has no appVersion for it to default to; set {{key}}, or the chart\'s appVersion, to a version',
      valuesAppVersionLatest:
        'Image "{{repository}}" has an empty tag in these Helm values, so it takes the chart\'s appVersion, which is latest; set {{key}}, or the appVersion, to a version',
      kustomizeLatest:
        'This kustomization sets image "{{name}}" to latest (images[{{index}}].newTag); pin a version or a digest',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      // A template's images are what it renders them to, not what it says (as manifest-schema).
      if (isTemplateFileName(file)) continue;
      const yaml = context.yaml(file);
      if (!yaml || yaml.errors.length > 0) continue;
      if (isKustomizationFile(file)) {
        for (const document of yaml.documents) {
          kustomizeImages(document.value).forEach((entry, index) => {
            if (entry.newTag !== 'latest' || entry.digest !== undefined) return;
            context.report({
              file,
              node: nodeToReport(document.document.contents, ['images', index, 'newTag']),
              messageId: 'kustomizeLatest',
              data: { name: entry.name, index },
            });
          });
        }
        continue;
      }
      const chart = chartOfValues(file, (candidate) => context.hasFile(candidate));
      if (chart !== undefined) {
        let appVersion: AppVersion | undefined;
        const chartAppVersion = (): AppVersion => (appVersion ??= appVersionOf(context.text(chart)));
        for (const document of yaml.documents) {
          checkValues(document.value, [], chartAppVersion, (keys, messageId, data) => {
            context.report({ file, node: nodeToReport(document.document.contents, keys), messageId, data });
          });
        }
        continue;
      }
      for (const object of objectsOf(yaml)) {
        const specPath = POD_SPEC_PATHS[object.kind];
        if (!specPath) continue;
        for (const list of CONTAINER_LISTS) {
          const containers = valueAt(object.value, [...specPath, list]);
          if (!Array.isArray(containers)) continue;
          containers.forEach((container: unknown, index) => {
            if (!isRecord(container) || typeof container.image !== 'string') return;
            const image = container.image;
            const pinning = imagePinning(image);
            if (pinning !== 'untagged' && pinning !== 'latest') return;
            // A kustomization that builds this file may set the tag (images: newTag or digest).
            if (isPinnedByKustomize(context, file, image)) return;
            const label =
              Object.hasOwn(container, 'name') && isScalarValue(container.name)
                ? `"${String(container.name)}"`
                : `#${index + 1}`;
            const where = `${describeObject(object)} container ${label}`;
            context.report({
              file,
              node: nodeToReport(object.root, [...specPath, list, index, 'image']),
              messageId: pinning,
              data: { where, image },
            });
          });
        }
      }
    }
  },
});

type Report = (
  keys: readonly (string | number)[],
  messageId:
    'valuesUntagged' | 'valuesLatest' | 'valuesNoAppVersion' | 'valuesAppVersionLatest' | 'untagged' | 'latest',
  data: Record<string, string>,
) => void;

function isScalarValue(value: unknown): boolean {
  return typeof value !== 'object' || value === null;
}

/** The path for messages: `image.tag`, `sidecars[0].image`. */
function trailOf(keys: readonly (string | number)[]): string {
  return keys.reduce<string>(
    (trail, key) => (typeof key === 'number' ? `${trail}[${key}]` : trail === '' ? key : `${trail}.${key}`),
    '',
  );
}

/**
 * Walks Helm values for images: `{ repository, tag }` maps (the chart convention) and string
 * values under an `image` key. An empty tag is Helm's convention for "the chart's appVersion"
 * (`{{ .Values.image.tag | default .Chart.AppVersion }}`): pinned when the chart has a fixed
 * appVersion. Reports the path of the value to point at.
 */
function checkValues(
  value: unknown,
  keys: readonly (string | number)[],
  appVersion: () => AppVersion,
  report: Report,
): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkValues(item, [...keys, index], appVersion, report));
    return;
  }
  if (!isRecord(value)) return;
  const trail = trailOf(keys);
  const { repository } = value;
  if (typeof repository === 'string' && (Object.hasOwn(value, 'tag') || trail.endsWith('image'))) {
    const { tag, digest, sha } = value;
    const hasTag = Object.hasOwn(value, 'tag') && isScalarValue(tag);
    // Charts name the digest `digest` or `sha` (`{{ .repository }}@sha256:{{ .sha }}`).
    const hasDigest = [digest, sha].some((pin) => typeof pin === 'string' && pin !== '');
    const key = `${trail === '' ? '' : `${trail}.`}tag`;
    const tagText = typeof tag === 'string' || typeof tag === 'number' ? String(tag) : '';
    if (!hasDigest && hasTag && tagText === '') {
      const fallback = appVersion();
      if (fallback.kind === 'missing') report([...keys, 'tag'], 'valuesNoAppVersion', { repository, key });
      else if (fallback.kind === 'latest') report([...keys, 'tag'], 'valuesAppVersionLatest', { repository, key });
    } else if (!hasDigest && !hasTag) {
      report([...keys, 'repository'], 'valuesUntagged', { repository, key });
    } else if (!hasDigest && tagText === 'latest') {
      report([...keys, 'tag'], 'valuesLatest', { repository, key });
    }
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'image' && typeof item === 'string') {
      const pinning = imagePinning(item);
      if (pinning === 'untagged' || pinning === 'latest') {
        report([...keys, key], pinning, {
          where: `Helm value ${trail === '' ? 'image' : `${trail}.image`}`,
          image: item,
        });
      }
    } else {
      checkValues(item, [...keys, key], appVersion, report);
    }
  }
}
