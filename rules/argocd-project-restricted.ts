import { defineRule } from '../src/engine/rule.js';
import { isArgoKind, isSameRepository } from '../src/manifests/gitops.js';
import { describeObject, fieldNode, isRecord, objectsIn, stringAt, valueAt } from '../src/manifests/objects.js';

export default defineRule({
  id: 'argocd-project-restricted',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Application teams' Argo CD AppProjects allow no wildcard sources, destinations or cluster resources, and their Applications do not use the default project",
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
    // Who is an application team is a question of the repository's kind (and its tenants): a
    // repository without one is an Argo CD repository of unknown purpose, such as Argo CD's own.
    kinds: ['infrastructure', 'application'],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          platformProjects: {
            description: "The platform team's own AppProjects, which may use wildcards.",
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
    ],
    messages: {
      wildcardSource:
        'AppProject "{{project}}" allows any source repository ("*" in spec.sourceRepos): list the team\'s repositories',
      wildcardDestination:
        'AppProject "{{project}}" allows any {{field}} ("*" in spec.destinations[{{index}}].{{field}}): list the team\'s clusters and namespaces',
      wildcardClusterResource:
        'AppProject "{{project}}" whitelists {{what}} cluster-scoped resources (spec.clusterResourceWhitelist[{{index}}]): application teams get no cluster-scoped kinds',
      defaultProject:
        '{{object}} uses the "default" AppProject, which allows everything: give it the team\'s own AppProject',
      tenantNamespaceInDefaultProject:
        '{{object}} deploys to the namespace "{{namespace}}" of tenant "{{tenant}}" in the "default" AppProject, which allows everything: give it the tenant\'s own AppProject',
      tenantRepositoryInDefaultProject:
        '{{object}} deploys the repository of tenant "{{tenant}}" ({{repository}}) in the "default" AppProject, which allows everything: give it the tenant\'s own AppProject',
    },
  },
  defaultOptions: [{ platformProjects: ['platform'] as string[] }],
  check(context, [options]) {
    const platformProjects = new Set(options.platformProjects);
    const tenants: Tenant[] = (context.descriptor?.teams?.applications ?? []).map((tenant) => ({
      name: tenant.name,
      namespaces: tenant.namespaces ?? [],
      repository: tenant.repository,
    }));
    for (const object of objectsIn(context, context.targetFiles)) {
      if (isArgoKind(object, 'AppProject')) {
        const project = object.name ?? '';
        if (platformProjects.has(project)) continue;
        const spec = isRecord(object.value.spec) ? object.value.spec : {};
        const sourceRepos = Array.isArray(spec.sourceRepos) ? spec.sourceRepos : [];
        sourceRepos.forEach((repo, index) => {
          if (repo === '*') {
            context.report({
              file: object.file,
              node: fieldNode(object.root, ['spec', 'sourceRepos', index]),
              messageId: 'wildcardSource',
              data: { project },
            });
          }
        });
        const destinations = Array.isArray(spec.destinations) ? spec.destinations : [];
        destinations.forEach((destination, index) => {
          for (const field of ['server', 'name', 'namespace'] as const) {
            if (stringAt(destination, field) === '*') {
              context.report({
                file: object.file,
                node: fieldNode(object.root, ['spec', 'destinations', index, field]),
                messageId: 'wildcardDestination',
                data: { project, field, index },
              });
            }
          }
        });
        const whitelist = Array.isArray(spec.clusterResourceWhitelist) ? spec.clusterResourceWhitelist : [];
        whitelist.forEach((entry, index) => {
          const group = stringAt(entry, 'group');
          const kind = stringAt(entry, 'kind');
          if (group !== '*' && kind !== '*') return;
          const what =
            group === '*' && kind === '*'
              ? 'all'
              : group === '*'
                ? `"${kind ?? ''}" in every group as`
                : `every kind of group "${group ?? ''}" as`;
          context.report({
            file: object.file,
            node: fieldNode(object.root, ['spec', 'clusterResourceWhitelist', index]),
            messageId: 'wildcardClusterResource',
            data: { project, index, what },
          });
        });
      } else if (isArgoKind(object, 'Application') || isArgoKind(object, 'ApplicationSet')) {
        const spec = isArgoKind(object, 'Application') ? ['spec'] : ['spec', 'template', 'spec'];
        const keys = [...spec, 'project'];
        if (stringAt(object.value, ...keys) !== 'default') continue;
        const node = fieldNode(object.root, keys);
        if (context.kind === 'application') {
          context.report({
            file: object.file,
            node,
            messageId: 'defaultProject',
            data: { object: describeObject(object) },
          });
          continue;
        }
        // In an infrastructure repository the Applications are the platform team's own, which
        // install cluster-wide components: only one that deploys a tenant's namespace or
        // repository escapes the tenant's boundary by using the default project.
        const found = tenantOf(valueAt(object.value, spec), tenants);
        if (found?.namespace !== undefined) {
          context.report({
            file: object.file,
            node,
            messageId: 'tenantNamespaceInDefaultProject',
            data: { object: describeObject(object), tenant: found.tenant, namespace: found.namespace },
          });
        } else if (found?.repository !== undefined) {
          context.report({
            file: object.file,
            node,
            messageId: 'tenantRepositoryInDefaultProject',
            data: { object: describeObject(object), tenant: found.tenant, repository: found.repository },
          });
        }
      }
    }
  },
});

interface Tenant {
  name: string;
  namespaces: readonly string[];
  repository: string | undefined;
}

/** The tenant whose namespace an Application's spec deploys to, or whose repository it deploys from. */
function tenantOf(
  spec: unknown,
  tenants: readonly Tenant[],
): { tenant: string; namespace?: string; repository?: string } | undefined {
  const namespace = stringAt(spec, 'destination', 'namespace');
  const several = valueAt(spec, ['sources']);
  const sources: unknown[] = [valueAt(spec, ['source']), ...(Array.isArray(several) ? (several as unknown[]) : [])];
  for (const tenant of tenants) {
    if (namespace !== undefined && tenant.namespaces.includes(namespace)) return { tenant: tenant.name, namespace };
    const repository = tenant.repository;
    if (repository === undefined) continue;
    for (const source of sources) {
      const url = stringAt(source, 'repoURL');
      if (url !== undefined && isSameRepository(url, repository)) return { tenant: tenant.name, repository: url };
    }
  }
  return undefined;
}
