import { describe, expect, it } from 'vitest';
import type { Node as YamlNode } from 'yaml';
import { parseYamlFile } from '../../src/manifests/yaml-file.js';
import { descriptorFile, policyNode } from '../../src/protection/descriptor-nodes.js';

/** The part of a rule's context these functions use, over files in memory. */
function context(files: Record<string, string>): Parameters<typeof policyNode>[0] {
  return {
    hasFile: (file) => Object.hasOwn(files, file),
    yaml: (file) => (Object.hasOwn(files, file) ? parseYamlFile(file, files[file] ?? '') : undefined),
  };
}

function textOf(text: string, node: YamlNode | undefined): string | undefined {
  return node?.range ? text.slice(node.range[0], node.range[1]).trimEnd() : undefined;
}

const DESCRIPTOR = `kind: infrastructure
protection:
  branches:
    main:
      requiredApprovals: 2
      blockForcePushes: true
    release/*:
      requiredApprovals: 1
`;

describe('descriptorFile', () => {
  it('is gitops.yaml, else gitops.yml, else gitops.yaml when there is none', () => {
    expect(descriptorFile(context({ 'gitops.yaml': '', 'gitops.yml': '' }))).toBe('gitops.yaml');
    expect(descriptorFile(context({ 'gitops.yml': '' }))).toBe('gitops.yml');
    expect(descriptorFile(context({}))).toBe('gitops.yaml');
  });
});

describe('policyNode', () => {
  it("points at a branch's field", () => {
    const node = policyNode(context({ 'gitops.yaml': DESCRIPTOR }), 'main', 'requiredApprovals');
    expect(textOf(DESCRIPTOR, node)).toBe('2');
    expect(node?.range?.[0]).toBe(DESCRIPTOR.indexOf('2\n'));
  });

  it("falls back to the branch's policy, the branches, then the protection section", () => {
    const files = { 'gitops.yaml': DESCRIPTOR };
    expect(textOf(DESCRIPTOR, policyNode(context(files), 'main', 'requireSignedCommits'))).toBe(
      'requiredApprovals: 2\n      blockForcePushes: true',
    );
    expect(textOf(DESCRIPTOR, policyNode(context(files), 'release/*'))).toBe('requiredApprovals: 1');
    expect(textOf(DESCRIPTOR, policyNode(context(files), 'develop', 'requiredApprovals'))?.startsWith('main:')).toBe(
      true,
    );
    const noBranches = 'kind: application\nprotection:\n  targets: [github-ruleset]\n';
    expect(textOf(noBranches, policyNode(context({ 'gitops.yaml': noBranches }), 'main'))).toBe(
      'targets: [github-ruleset]',
    );
  });

  it('reads gitops.yml when it is the descriptor', () => {
    expect(textOf(DESCRIPTOR, policyNode(context({ 'gitops.yml': DESCRIPTOR }), 'main', 'blockForcePushes'))).toBe(
      'true',
    );
  });

  it('is undefined without a protection section or without a descriptor', () => {
    expect(policyNode(context({ 'gitops.yaml': 'kind: application\n' }), 'main')).toBeUndefined();
    expect(policyNode(context({ 'gitops.yaml': '' }), 'main')).toBeUndefined();
    expect(policyNode(context({}), 'main', 'requiredApprovals')).toBeUndefined();
  });
});
