import path from 'node:path';
import { isMap, isScalar, yamlPackage } from '../src/manifests/yaml-nodes.js';
import * as semver from '../src/versioning/semver.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'chart-version-bumped',
  meta: {
    type: 'problem',
    docs: {
      description: 'With --base, a Helm chart whose files changed has a higher Chart.yaml version than at the base',
      category: 'versioning',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [],
    messages: {
      notBumped:
        'Chart {{chart}} changed since {{base}} ({{changed}}), but its version is still {{version}}; bump Chart.yaml version',
      lower: 'Chart {{chart}} version {{version}} is lower than {{baseVersion}} at {{base}}; chart versions only go up',
    },
  },
  defaultOptions: [],
  check(context) {
    const base = context.base;
    if (!base) return;
    for (const chartFile of context.files) {
      if (path.posix.basename(chartFile) !== 'Chart.yaml') continue;
      const directory = path.posix.dirname(chartFile);
      const prefix = directory === '.' ? '' : `${directory}/`;
      const changed = [...base.changedFiles].filter(
        (file) => file.startsWith(prefix) && !file.slice(prefix.length).includes('charts/'),
      );
      if (changed.length === 0) continue;
      const baseText = base.text(chartFile);
      if (baseText === undefined) continue;
      let baseVersion: unknown;
      try {
        baseVersion = (yamlPackage().parse(baseText) as { version?: unknown } | null)?.version;
      } catch {
        continue;
      }
      const yaml = context.yaml(chartFile);
      const root = yaml?.documents[0]?.document.contents;
      const versionNode = isMap(root) ? root.get('version', true) : undefined;
      const version = isScalar(versionNode) ? String(versionNode.value) : undefined;
      if (
        version === undefined ||
        semver.valid(version) === null ||
        typeof baseVersion !== 'string' ||
        semver.valid(baseVersion) === null
      )
        continue;
      const chart = directory === '.' ? '(root)' : directory;
      if (semver.eq(version, baseVersion)) {
        const shown =
          changed
            .slice(0, 3)
            .map((file) => file.slice(prefix.length))
            .join(', ') + (changed.length > 3 ? `, +${changed.length - 3} more` : '');
        context.report({
          file: chartFile,
          node: versionNode,
          messageId: 'notBumped',
          data: { chart, base: base.ref, changed: shown, version },
        });
      } else if (semver.lt(version, baseVersion)) {
        context.report({
          file: chartFile,
          node: versionNode,
          messageId: 'lower',
          data: { chart, base: base.ref, version, baseVersion },
        });
      }
    }
  },
});
