import { isNode } from '../src/manifests/yaml-nodes.js';
import { dialectOf } from '../src/codeowners/context.js';
import { DEFAULT_CODEOWNERS_LOCATION, locateCodeowners } from '../src/codeowners/dialect.js';
import { BLOCK_BEGIN, BLOCK_END, renderOwnershipBlock, updateOwnershipBlock } from '../src/codeowners/sync.js';
import { DESCRIPTOR_FILES } from '../src/config/descriptor.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'codeowners-in-sync',
  meta: {
    type: 'problem',
    docs: {
      description: 'CODEOWNERS holds the block generated from the ownership map in gitops.yaml',
      category: 'ownership',
      recommended: 'error',
    },
    fixable: 'code',
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      missingBlock:
        'CODEOWNERS lacks the block generated from the ownership map in gitops.yaml; run gitops-init codeowners sync (or lint --fix)',
      drift:
        'The generated block differs from the ownership map in gitops.yaml (edited by hand, or the map changed); run gitops-init codeowners sync (or lint --fix), and make lasting changes in gitops.yaml',
      brokenMarkers: `The generated block's markers are broken ({{reason}}); leave exactly one "${BLOCK_BEGIN}" line and one "${BLOCK_END}" line after it, then run gitops-init codeowners sync`,
      unknownTeam:
        'Owner "{{name}}" of "{{pattern}}" in the ownership map is neither a handle (@org/team, @user, an e-mail address) nor a team declared under teams (platform, application, or the name of an entry of teams.applications)',
    },
  },
  defaultOptions: [],
  check(context) {
    const descriptor = context.descriptor;
    if (!descriptor?.ownership) return;
    const dialect = dialectOf(context);
    const rendered = renderOwnershipBlock(descriptor, dialect);
    if (rendered.unknown.length > 0) {
      const descriptorFile = DESCRIPTOR_FILES.find((file) => context.hasFile(file)) ?? 'gitops.yaml';
      const document = context.yaml(descriptorFile)?.documents[0]?.document;
      for (const { pattern, name } of rendered.unknown) {
        const node: unknown = document?.getIn(['ownership', pattern], true);
        context.report({
          file: descriptorFile,
          messageId: 'unknownTeam',
          data: { name, pattern },
          node: isNode(node) ? node : undefined,
        });
      }
      return;
    }
    const path =
      locateCodeowners(dialect, (file) => context.hasFile(file)).active ?? DEFAULT_CODEOWNERS_LOCATION[dialect];
    const exists = context.hasFile(path);
    const text = exists ? context.text(path) : '';
    // A CODEOWNERS file that cannot be read is never rewritten.
    if (text === undefined) return;
    const update = updateOwnershipBlock(text, rendered.text);
    if (update.status === 'unchanged') return;
    if (update.status === 'broken') {
      const reason = {
        unterminated: `no "${BLOCK_END}" line after line ${update.line}`,
        unopened: `line ${update.line} ends a block that was not begun`,
        repeated: `line ${update.line} begins a second block`,
      }[update.reason];
      context.report({ file: path, messageId: 'brokenMarkers', data: { reason }, line: update.line });
      return;
    }
    const line = text.slice(0, update.range[0]).split('\n').length;
    context.report({
      file: path,
      messageId: update.status === 'inserted' ? 'missingBlock' : 'drift',
      ...(exists ? { line } : {}),
      fix: { edits: [{ range: update.range, text: update.replacement }] },
    });
  },
});
