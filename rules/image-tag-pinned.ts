import path from 'node:path';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { defineRule } from '../src/engine/rule.js';
import { describeObject, nodeAt, objectsOf } from '../src/manifests/objects.js';
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
    schema: [],
    messages: {
      untagged: '{{where}} uses image "{{image}}" without a tag, which means latest; pin a version (image:1.4.2) or a digest',
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
        for (const document of yaml.documents) checkValues(document.document.contents, '', (node, messageId, data) => context.report({ file, node, messageId, data }));
        continue;
      }
      for (const object of objectsOf(yaml)) {
        const specPath = POD_SPEC_PATHS[object.kind];
        if (!specPath) continue;
        for (const list of CONTAINER_LISTS) {
          const containers = nodeAt(object.root, [...specPath, list]);
          if (!isSeq(containers)) continue;
          containers.items.forEach((container) => {
            const imageNode = nodeAt(container, ['image']);
            if (!isScalar(imageNode) || typeof imageNode.value !== 'string') return;
            const pinning = imagePinning(imageNode.value);
            if (pinning === 'untagged' || pinning === 'latest') {
              const name = nodeAt(container, ['name']);
              const where = `${describeObject(object)} container ${isScalar(name) ? `"${String(name.value)}"` : `#${containers.items.indexOf(container) + 1}`}`;
              context.report({ file, node: imageNode, messageId: pinning, data: { where, image: imageNode.value } });
            }
          });
        }
      }
    }
  },
});

type Report = (node: YamlNode, messageId: 'valuesUntagged' | 'valuesLatest' | 'untagged' | 'latest', data: Record<string, string>) => void;

/**
 * Walks Helm values for images: `{ repository, tag }` maps (the chart convention) and string
 * values under an `image` key. An empty tag makes most charts fall back to appVersion, which is
 * not explicit in the values, so it is reported too.
 */
function checkValues(node: unknown, trail: string, report: Report): void {
  if (isMap(node)) {
    const repository = node.get('repository', true);
    if (isScalar(repository) && typeof repository.value === 'string' && (node.has('tag') || trail.endsWith('image'))) {
      const tag = node.get('tag', true);
      const digest = node.get('digest', true);
      const hasDigest = isScalar(digest) && typeof digest.value === 'string' && digest.value !== '';
      const key = `${trail === '' ? '' : `${trail}.`}tag`;
      const tagText = isScalar(tag) && (typeof tag.value === 'string' || typeof tag.value === 'number') ? String(tag.value) : '';
      if (!hasDigest && tagText === '') {
        report((isScalar(tag) ? tag : repository) as YamlNode, 'valuesUntagged', { repository: repository.value, key });
      } else if (!hasDigest && isScalar(tag) && tagText === 'latest') {
        report(tag as YamlNode, 'valuesLatest', { repository: repository.value, key });
      }
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'image' && isScalar(pair.value) && typeof pair.value.value === 'string') {
        const pinning = imagePinning(pair.value.value);
        if (pinning === 'untagged' || pinning === 'latest') {
          report(pair.value as YamlNode, pinning, { where: `Helm value ${trail === '' ? 'image' : `${trail}.image`}`, image: pair.value.value });
        }
      } else {
        checkValues(pair.value, trail === '' ? key : `${trail}.${key}`, report);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => checkValues(item, `${trail}[${index}]`, report));
  }
}
