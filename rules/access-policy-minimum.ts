import type { Node as YamlNode } from 'yaml';
import { defineRule } from '../src/engine/rule.js';
import { isMap, isNode, isScalar } from '../src/manifests/yaml-nodes.js';
import { accessFloorProblems, accessPolicy, type AccessFloorProblem } from '../src/protection/access.js';
import { descriptorFile } from '../src/protection/descriptor-nodes.js';

export default defineRule({
  id: 'access-policy-minimum',
  meta: {
    type: 'problem',
    docs: {
      description: 'The repository access policy in gitops.yaml meets the floor of the repository kind',
      category: 'protection',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      platformBelowMaintain:
        'The platform team {{principal}} has {{permission}} on this {{kind}} repository; it keeps maintain or admin. Raise it in the access section of gitops.yaml',
      teamWritesInfrastructure:
        '{{principal}} has {{permission}} on the infrastructure repository; only the platform team writes there. Give it pull or triage',
      teamWritesApplication:
        "{{principal}} has {{permission}} on this application repository; only the application team and the platform team write there. Give it pull or triage, or make it the repository's team",
      teamAdmin:
        '{{principal}} has admin, which can turn the branch protection off; maintain is the most an application team needs',
      collaboratorWritesInfrastructure:
        '{{principal}} has {{permission}} on the infrastructure repository; only the platform team writes there. Give the person pull or triage, or add them to the platform team',
      collaboratorAdmin:
        '{{principal}} has admin, which can turn the branch protection off; maintain is the most a collaborator needs',
    },
  },
  defaultOptions: [],
  check(context) {
    const kind = context.kind;
    const descriptor = context.descriptor;
    // Without an access section the kind's defaults apply, and they meet the floor.
    if (!kind || descriptor?.access === undefined) return;
    const problems = accessFloorProblems({ ...descriptor, kind }, accessPolicy({ ...descriptor, kind }));
    if (problems.length === 0) return;
    const file = descriptorFile(context);
    const document = context.yaml(file)?.documents[0]?.document;
    for (const problem of problems) {
      context.report({
        file,
        node: document ? problemNode(document.contents, problem) : undefined,
        messageId: problem.reason,
        data: { principal: problem.principal, permission: problem.permission, kind },
      });
    }
  },
});

/**
 * Where a problem is in gitops.yaml: the access entry of its team or person; for a grant that
 * comes from the kind's defaults, `teams:`, else `kind:`.
 */
function problemNode(root: unknown, problem: AccessFloorProblem): YamlNode | undefined {
  if (!isMap(root)) return undefined;
  const key = (name: string): string => name.replace(/^@/, '').toLowerCase();
  const entry = (map: unknown, name: string): YamlNode | undefined => {
    if (!isMap(map)) return undefined;
    const pair = map.items.find((item) => isScalar(item.key) && key(String(item.key.value)) === key(name));
    return isNode(pair?.key) ? pair.key : undefined;
  };
  return entry(sectionOf(root, problem.section), problem.principal) ?? keyNode(root, 'teams') ?? keyNode(root, 'kind');
}

function sectionOf(root: { get(key: string, keepScalar: true): unknown }, section: string): unknown {
  const access = root.get('access', true);
  return isMap(access) ? access.get(section, true) : undefined;
}

function keyNode(map: { items: { key: unknown }[] }, name: string): YamlNode | undefined {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === name);
  return isNode(pair?.key) ? pair.key : undefined;
}
