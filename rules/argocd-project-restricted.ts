import { defineRule } from '../src/engine/rule.js';
import { isArgoKind } from '../src/manifests/gitops.js';
import { describeObject, fieldNode, isRecord, objectsIn, stringAt } from '../src/manifests/objects.js';

export default defineRule({
  id: 'argocd-project-restricted',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Application teams' Argo CD AppProjects allow no wildcard sources, destinations or cluster resources, and no Application uses the default project",
      category: 'security',
      recommended: 'error',
    },
    scope: 'file',
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
    },
  },
  defaultOptions: [{ platformProjects: ['platform'] as string[] }],
  check(context, [options]) {
    const platformProjects = new Set(options.platformProjects);
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
        const keys = isArgoKind(object, 'Application') ? ['spec', 'project'] : ['spec', 'template', 'spec', 'project'];
        if (stringAt(object.value, ...keys) === 'default') {
          context.report({
            file: object.file,
            node: fieldNode(object.root, keys),
            messageId: 'defaultProject',
            data: { object: describeObject(object) },
          });
        }
      }
    }
  },
});
