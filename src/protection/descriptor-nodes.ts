import type { Node as YamlNode } from 'yaml';
import { isNode } from '../manifests/yaml-nodes.js';
import { DESCRIPTOR_FILES } from '../config/descriptor.js';
import type { RuleContext } from '../engine/rule.js';

type ContextView = Pick<RuleContext<string>, 'hasFile' | 'yaml'>;

/** The descriptor the run reads (for findings about the policy). */
export function descriptorFile(context: ContextView): string {
  return DESCRIPTOR_FILES.find((file) => context.hasFile(file)) ?? DESCRIPTOR_FILES[0];
}

/**
 * The node of a branch's policy field in gitops.yaml, else of the branch's policy, else of the
 * `protection` section: the closest thing a finding about the policy can point at.
 */
export function policyNode(context: ContextView, branch: string, field?: string): YamlNode | undefined {
  const document = context.yaml(descriptorFile(context))?.documents[0]?.document;
  if (!document) return undefined;
  const candidates: (string | number)[][] = [
    ...(field === undefined ? [] : [['protection', 'branches', branch, field]]),
    ['protection', 'branches', branch],
    ['protection', 'branches'],
    ['protection'],
  ];
  for (const path of candidates) {
    const node: unknown = document.getIn(path, true);
    if (isNode(node)) return node;
  }
  return undefined;
}
