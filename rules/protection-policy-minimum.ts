import { defineRule } from '../src/engine/rule.js';
import { descriptorFile, policyNode } from '../src/protection/descriptor-nodes.js';
import {
  defaultBranchOf,
  floorViolations,
  LINT_CHECK_NAME,
  patternMatches,
  resolvePolicies,
} from '../src/protection/policy.js';

interface ProtectionPolicyMinimumOptions {
  lintCheck?: string;
}

const defaults: ProtectionPolicyMinimumOptions = {};

export default defineRule({
  id: 'protection-policy-minimum',
  meta: {
    type: 'problem',
    docs: {
      description: 'The branch protection policy in gitops.yaml meets the floor of the repository kind',
      category: 'protection',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          lintCheck: {
            description: `Name of the required lint check (default "${LINT_CHECK_NAME}", the job gitops-init scaffolds).`,
            type: 'string',
            minLength: 1,
          },
        },
      },
    ],
    messages: {
      belowFloor:
        'Branch "{{branch}}": {{field}} is {{actual}}; {{kind}} repositories require {{required}}. Raise it in gitops.yaml: the floor cannot be lowered',
      defaultBranchUnprotected:
        'The default branch "{{branch}}" matches no pattern under protection.branches, so no policy protects it; add "{{branch}}" with a policy that meets the floor',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const kind = context.kind;
    if (!kind) return;
    const descriptor = context.descriptor;
    const policies = resolvePolicies(descriptor, kind);
    for (const policy of policies) {
      for (const violation of floorViolations(policy, kind, options.lintCheck ?? LINT_CHECK_NAME)) {
        context.report({
          file: descriptorFile(context),
          node: policyNode(context, violation.branch, violation.field),
          messageId: 'belowFloor',
          data: {
            branch: violation.branch,
            field: violation.field,
            actual: violation.actual,
            required: violation.required,
            kind,
          },
        });
      }
    }
    const branches = descriptor?.protection?.branches;
    const defaultBranch = defaultBranchOf(descriptor);
    if (
      branches &&
      Object.keys(branches).length > 0 &&
      !policies.some((policy) => patternMatches(policy.branch, defaultBranch))
    ) {
      context.report({
        file: descriptorFile(context),
        node: policyNode(context, defaultBranch),
        messageId: 'defaultBranchUnprotected',
        data: { branch: defaultBranch },
      });
    }
  },
});
