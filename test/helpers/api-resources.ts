import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ApiResourceList } from '../../src/manifests/api-resources.js';

const require = createRequire(import.meta.url);

/**
 * Derives the built-in resource kinds and their scope from @kubernetes/client-node, the
 * Kubernetes project's JavaScript client, whose API classes are generated from the Kubernetes
 * OpenAPI specification: every `create` operation POSTs to the collection of a kind, under
 * `/namespaces/{namespace}/` exactly when the kind is namespaced, and serializes a body of the
 * kind's model type (`V1ClusterRole`, `V2HorizontalPodAutoscaler`).
 */
export function deriveApiResources(): ApiResourceList {
  const packageJson = require.resolve('@kubernetes/client-node/package.json');
  const root = path.dirname(packageJson);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const apis = path.join(root, 'dist/gen/apis');
  const seen = new Map<string, boolean>();
  const method = /\n {4}async create\w*\([^)]*\) \{([\s\S]*?)\n {4}\}/g;
  for (const file of readdirSync(apis)
    .filter((name) => name.endsWith('Api.js'))
    .sort()) {
    const source = readFileSync(path.join(apis, file), 'utf8');
    for (const match of source.matchAll(method)) {
      const body = match[1] ?? '';
      const route = /const localVarPath = '([^']+)'/.exec(body)?.[1];
      const model = /ObjectSerializer\.serialize\(body, "(V\d+(?:alpha\d+|beta\d+)?)(\w+)", ""\)/.exec(body);
      if (!route || !model?.[2] || !body.includes('HttpMethod.POST')) continue;
      // /api/v1/[namespaces/{namespace}/]plural or /apis/group/version/[namespaces/{namespace}/]plural;
      // a path with {name} is a subresource (pods/{name}/binding), not a kind's collection.
      const parts = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(namespaces\/\{namespace\}\/)?([a-z0-9]+)$/.exec(route);
      if (!parts) continue;
      const apiVersion = parts[1] ?? `${parts[2] ?? ''}/${parts[3] ?? ''}`;
      seen.set(`${apiVersion} ${model[2]}`, parts[4] !== undefined);
    }
  }
  const resources = [...seen]
    .map(([key, namespaced]) => {
      const [apiVersion = '', kind = ''] = key.split(' ');
      return { apiVersion, kind, namespaced };
    })
    .sort((a, b) =>
      a.apiVersion === b.apiVersion ? (a.kind < b.kind ? -1 : 1) : a.apiVersion < b.apiVersion ? -1 : 1,
    );
  return {
    source: `@kubernetes/client-node ${version}, generated from the Kubernetes OpenAPI specification; regenerate with UPDATE_API_RESOURCES=1 npx vitest run test/manifests/api-resources.test.ts`,
    resources,
  };
}
