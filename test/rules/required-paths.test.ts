import rule from '../../rules/required-paths.js';
import { RuleTester } from '../../src/testing/index.js';

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
