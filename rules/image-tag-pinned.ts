import path from 'node:path';
import { defineRule } from '../src/engine/rule.js';
import { describeObject, isRecord, nodeToReport, objectsOf, valueAt } from '../src/manifests/objects.js';
import { CONTAINER_LISTS, imagePinning, POD_SPEC_PATHS } from '../src/versioning/images.js';

/** Helm values files: values.yaml and values-<anything>.yaml beside a Chart.yaml. */
function isHelmValues(file: string, hasFile: (file: string) => boolean): boolean {
  const base = path.posix.basename(file);
  if (!/^values(-[^/]+)?\.ya?ml$/.test(base)) return false;
  const directory = path.posix.dirname(file);
  return hasFile(directory === '.' ? 'Chart.yaml' : `${directory}/Chart.yaml`);
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
    selfContained: true,
    schema: [],
    messages: {
      untagged:
        '{{where}} uses image "{{image}}" without a tag, which means latest; pin a version (image:1.4.2) or a digest',
      latest: '{{where}} uses image "{{image}}": latest changes under you; pin a version (image:1.4.2) or a digest',
      valuesUntagged: 'Image "{{repository}}" has no tag in these Helm values; set {{key}} to a version',
      valuesLatest: 'Image "{{repository}}" is pinned to latest in these Helm values; set {{key}} to a version',
    },
  },
  defaultOptions: [],
  check(context) {
    for (const file of context.targetFiles) {
      const yaml = context.yaml(file);
      if (!yaml || yaml.errors.length > 0) continue;
      if (isHelmValues(file, (candidate) => context.hasFile(candidate))) {
        for (const document of yaml.documents) {
          checkValues(document.value, [], (keys, messageId, data) => {
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
  messageId: 'valuesUntagged' | 'valuesLatest' | 'untagged' | 'latest',
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
 * values under an `image` key. An empty tag makes most charts fall back to appVersion, which is
 * not explicit in the values, so it is reported too. Reports the path of the value to point at.
 */
function checkValues(value: unknown, keys: readonly (string | number)[], report: Report): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => checkValues(item, [...keys, index], report));
    return;
  }
  if (!isRecord(value)) return;
  const trail = trailOf(keys);
  const { repository } = value;
  if (typeof repository === 'string' && (Object.hasOwn(value, 'tag') || trail.endsWith('image'))) {
    const { tag, digest } = value;
    const hasTag = Object.hasOwn(value, 'tag') && isScalarValue(tag);
    const hasDigest = typeof digest === 'string' && digest !== '';
    const key = `${trail === '' ? '' : `${trail}.`}tag`;
    const tagText = typeof tag === 'string' || typeof tag === 'number' ? String(tag) : '';
    if (!hasDigest && tagText === '') {
      report([...keys, hasTag ? 'tag' : 'repository'], 'valuesUntagged', { repository, key });
    } else if (!hasDigest && hasTag && tagText === 'latest') {
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
      checkValues(item, [...keys, key], report);
    }
  }
}
