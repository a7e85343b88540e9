import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import rule from '../../rules/required-paths.js';
import { lint } from '../../src/api/lint.js';
import { RuleTester, writeFileTree } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\n';
const app = 'kind: application\ntool: argocd\nname: shop\n';
const common = { 'README.md': '# r\n', 'CHANGELOG.md': '# Changelog\n', VERSION: '0.1.0\n' };

tester.run('required-paths', rule, {
  valid: [
    {
      name: 'complete infrastructure layout',
      files: {
        'gitops.yaml': infra,
        ...common,
        'clusters/dev/x.yaml': 'a: 1\n',
        'infrastructure/network/kustomization.yaml': 'resources: []\n',
        'releases/.gitkeep': '',
      },
    },
    {
      name: 'complete application layout',
      files: { 'gitops.yaml': app, ...common, 'deploy/base/kustomization.yaml': 'resources: []\n' },
    },
    {
      name: 'Helm application',
      files: {
        'gitops.yaml': 'kind: application\ntool: helm\nname: shop\n',
        ...common,
        'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
      },
    },
    { name: 'no descriptor: the rule does not run', files: { 'x.yaml': 'a: 1\n' } },
    {
      name: 'the descriptor written as gitops.yml counts as gitops.yaml',
      files: { 'gitops.yml': app, ...common, 'deploy/base/kustomization.yaml': 'resources: []\n' },
    },
    {
      name: 'paths option replaces the defaults',
      files: { 'gitops.yaml': app, 'docs/index.md': '# docs\n' },
      options: [{ paths: ['gitops.yaml', 'docs/'] }],
    },
  ],
  invalid: [
    {
      name: 'missing directory named with the path that should exist',
      files: { 'gitops.yaml': infra, ...common, 'clusters/dev/x.yaml': 'a: 1\n', 'releases/.gitkeep': '' },
      errors: [
        {
          messageId: 'missingDirectory',
          file: 'infrastructure',
          data: { path: 'infrastructure/', kind: 'infrastructure' },
        },
      ],
    },
    {
      name: 'missing files in an application repository',
      files: { 'gitops.yaml': app, 'README.md': '# r\n' },
      errors: [
        { messageId: 'missingFile', file: 'CHANGELOG.md' },
        { messageId: 'missingFile', file: 'VERSION' },
        { messageId: 'missingFile', file: 'deploy/base/kustomization.yaml' },
      ],
    },
    {
      name: 'additionalPaths adds to the defaults',
      files: { 'gitops.yaml': app, ...common, 'deploy/base/kustomization.yaml': 'resources: []\n' },
      options: [{ additionalPaths: ['SECURITY.md'] }],
      errors: [{ messageId: 'missingFile', file: 'SECURITY.md' }],
    },
    {
      name: 'an ignored directory does not count',
      files: {
        'gitops.yaml': infra,
        ...common,
        '.gitignore': 'clusters/\n',
        'clusters/dev/x.yaml': 'a: 1\n',
        'infrastructure/a.yaml': 'a: 1\n',
        'releases/.gitkeep': '',
      },
      errors: [{ messageId: 'missingDirectory', file: 'clusters' }],
    },
  ],
});

describe('required-paths with --kind and no gitops.yaml', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  // The options live in gitops.yaml: a repository without one is told to write one, and the
  // other paths are named as defaults of the kind, without pointing at options it cannot have.
  it('asks for gitops.yaml and names the other paths as defaults of the kind', async () => {
    const root = writeFileTree({ 'README.md': '# r\n', 'clusters/production/flux-system/gotk-sync.yaml': 'a: 1\n' });
    roots.push(root);
    const report = await lint({
      cwd: root,
      kind: 'infrastructure',
      rules: { 'required-paths': 'error' },
      ruleSet: [rule],
    });
    const findings = report.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'required-paths');
    expect(findings.map((finding) => [finding.file, finding.messageId])).toEqual([
      ['CHANGELOG.md', 'missingFileWithoutDescriptor'],
      ['VERSION', 'missingFileWithoutDescriptor'],
      ['gitops.yaml', 'missingDescriptor'],
      ['infrastructure', 'missingDirectoryWithoutDescriptor'],
      ['releases', 'missingDirectoryWithoutDescriptor'],
    ]);
    for (const finding of findings) expect(finding.message).not.toMatch(/options in gitops\.yaml/);
    expect(findings.find((finding) => finding.file === 'VERSION')?.message).toBe(
      'Required file "VERSION" is missing in this infrastructure repository (a default of the kind); create it',
    );
  });

  it('with gitops.yaml, the message points at its options', async () => {
    const root = writeFileTree({
      'gitops.yaml': infra,
      ...common,
      'clusters/a.yaml': 'a: 1\n',
      'releases/.gitkeep': '',
    });
    roots.push(root);
    const report = await lint({ cwd: root, rules: { 'required-paths': 'error' }, ruleSet: [rule] });
    expect(report.diagnostics.map((finding) => finding.message)).toEqual([
      'Required directory "infrastructure/" is missing or empty in this infrastructure repository; create it, or change the required-paths options in gitops.yaml',
    ]);
  });
});
