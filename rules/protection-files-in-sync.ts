import { dialectOf } from '../src/codeowners/context.js';
import { defineRule } from '../src/engine/rule.js';
import { declaredAccessPolicy } from '../src/protection/access.js';
import { describeDifference } from '../src/protection/compare.js';
import {
  protectionFileState,
  protectionTargets,
  renderProtectionFiles,
  type ProtectionFile,
} from '../src/protection/files.js';
import { PROTECTION_TARGETS, resolvePolicies } from '../src/protection/policy.js';

/** Differences named in one message; the rest are counted. */
const SHOWN_DIFFERENCES = 3;

export default defineRule({
  id: 'protection-files-in-sync',
  meta: {
    type: 'problem',
    docs: {
      description: 'The rendered branch protection files say what the protection policy in gitops.yaml says',
      category: 'protection',
      recommended: 'error',
    },
    fixable: 'code',
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      missing:
        'Missing {{target}} file of the protection policy in gitops.yaml; run gitops-init protect render (or lint --fix)',
      differs:
        'Differs from the protection policy in gitops.yaml: {{differences}}; run gitops-init protect render --force (or lint --fix), and make lasting changes in gitops.yaml',
      unreadable:
        'Cannot be compared with the protection policy in gitops.yaml: {{error}}; repair it, or rewrite it with gitops-init protect render --force',
    },
  },
  defaultOptions: [],
  check(context) {
    const kind = context.kind;
    const descriptor = context.descriptor;
    if (!kind || !descriptor) return;
    const configured = new Set(protectionTargets(descriptor, dialectOf(context)));
    const policies = resolvePolicies(descriptor, kind);
    const { files } = renderProtectionFiles(
      policies,
      PROTECTION_TARGETS,
      (file) => context.hasFile(file),
      declaredAccessPolicy(descriptor),
    );
    // A file of a target that is not configured is checked when it exists and claims to be a
    // rendering: settings.yml only when it has branches or rulesets, since it holds other settings.
    const claims = (file: ProtectionFile): boolean => {
      if (!context.hasFile(file.path)) return false;
      if (file.target !== 'settings') return true;
      const value: unknown = context.yaml(file.path)?.documents[0]?.value;
      return typeof value === 'object' && value !== null && ('branches' in value || 'rulesets' in value);
    };
    for (const file of files) {
      const required = descriptor.protection !== undefined && configured.has(file.target);
      if (!required && !claims(file)) continue;
      const text = context.hasFile(file.path) ? context.text(file.path) : undefined;
      if (context.hasFile(file.path) && text === undefined) continue;
      const state = protectionFileState(file, text);
      if (state.status === 'unchanged') continue;
      if (state.status === 'missing') {
        context.report({
          file: file.path,
          messageId: 'missing',
          data: { target: file.target },
          fix: { edits: [{ range: [0, 0], text: file.render(undefined) }] },
        });
      } else if (state.status === 'unreadable') {
        context.report({ file: file.path, messageId: 'unreadable', data: { error: state.error }, line: 1 });
      } else {
        const shown = state.differences
          .slice(0, SHOWN_DIFFERENCES)
          .map((difference) => describeDifference(difference, 'file'));
        const more = state.differences.length - shown.length;
        context.report({
          file: file.path,
          messageId: 'differs',
          data: { differences: `${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}` },
          line: 1,
          fix: { edits: [{ range: [0, text?.length ?? 0], text: file.render(text) }] },
        });
      }
    }
  },
});
