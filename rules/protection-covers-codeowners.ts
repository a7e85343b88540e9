import { loadCodeowners } from '../src/codeowners/context.js';
import { defineRule } from '../src/engine/rule.js';
import { descriptorFile, policyNode } from '../src/protection/descriptor-nodes.js';
import { resolvePolicies } from '../src/protection/policy.js';

interface ProtectionCoversCodeownersOptions {
  allowOptionalSections?: boolean;
}

const defaults: ProtectionCoversCodeownersOptions = {};

export default defineRule({
  id: 'protection-covers-codeowners',
  meta: {
    type: 'problem',
    docs: {
      description: 'Code owner review is required wherever CODEOWNERS assigns owners',
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
          allowOptionalSections: {
            description: "Accept GitLab's optional sections (^[Section]), whose owners are asked but need not approve.",
            type: 'boolean',
          },
        },
      },
    ],
    messages: {
      noCodeOwnerReview:
        '{{codeowners}} assigns owners, but branch "{{branch}}" does not require code owner review, so its owners are asked and never required; set requireCodeOwnerReview: true',
      optionalSection:
        'Section "{{section}}" is optional (^), so GitLab requires no approval from its owners; remove the ^ so that code owner review covers these paths, or set allowOptionalSections',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const kind = context.kind;
    if (!kind) return;
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    const { parsed } = codeowners;
    const owned = (section?: number): boolean =>
      parsed.rules.some(
        (rule) =>
          rule.effective &&
          !rule.exclusion &&
          rule.owners.length > 0 &&
          (section === undefined || rule.section === section),
      );
    if (!owned()) return;
    for (const policy of resolvePolicies(context.descriptor, kind)) {
      if (policy.requireCodeOwnerReview) continue;
      context.report({
        file: descriptorFile(context),
        node: policyNode(context, policy.branch, 'requireCodeOwnerReview'),
        messageId: 'noCodeOwnerReview',
        data: { codeowners: codeowners.path, branch: policy.branch },
      });
    }
    if (options.allowOptionalSections) return;
    parsed.sections.forEach((section, index) => {
      const header = section.headers[0];
      if (!section.optional || !header || !owned(index)) return;
      context.report({
        file: codeowners.path,
        line: header.line,
        messageId: 'optionalSection',
        data: { section: section.name ?? '' },
      });
    });
  },
});
