import rule from '../../rules/kustomization-resources-exist.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();

tester.run('kustomization-resources-exist', rule, {
  valid: [
    {
      name: 'files, directories with kustomizations, components, patches and generators',
      files: {
        'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'base/deployment.yaml': 'kind: Deployment\n',
        'components/monitoring/kustomization.yaml': 'kind: Component\n',
        'overlays/prod/kustomization.yaml': [
          'resources:',
          '  - ../../base',
          '  - https://github.com/org/repo/config?ref=v1.0.0',
          '  - github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v1.0.6',
          'components:',
          '  - ../../components/monitoring',
          'patches:',
          '  - path: patch.yaml',
          '  - patch: |-',
          '      - op: replace',
          '        path: /spec/replicas',
          '        value: 3',
          '    target:',
          '      kind: Deployment',
          'configMapGenerator:',
          '  - name: env',
          '    files:',
          '      - config.properties',
          '      - custom-key=settings.ini',
          '    envs:',
          '      - app.env',
          '',
        ].join('\n'),
        'overlays/prod/patch.yaml': 'kind: Deployment\n',
        'overlays/prod/config.properties': 'a=b\n',
        'overlays/prod/settings.ini': '[x]\n',
        'overlays/prod/app.env': 'A=B\n',
      },
    },
    {
      name: 'Kustomization file name without extension',
      files: { 'k/Kustomization': 'resources:\n  - a.yaml\n', 'k/a.yaml': 'a: 1\n' },
    },
    {
      name: 'inline strategic merge patch',
      files: {
        'kustomization.yaml': 'patchesStrategicMerge:\n  - |-\n    kind: Deployment\n    metadata:\n      name: a\n',
      },
    },
    {
      // An Argo CD config management plugin (or a CI step) runs `helm template . > all.yaml &&
      // kustomize build`: all.yaml is rendered from the chart beside the kustomization.
      name: 'a resource rendered from the chart beside the kustomization',
      files: {
        'plugins/kustomized-helm/Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 0.1.0\n',
        'plugins/kustomized-helm/kustomization.yaml':
          'namePrefix: kustomize-\nresources:\n  - ./all.yaml\npatches:\n  - overlays/guestbook-deployment.yaml\n',
        'plugins/kustomized-helm/overlays/guestbook-deployment.yaml': 'kind: Deployment\n',
      },
    },
  ],
  invalid: [
    {
      name: 'beside a chart, a missing patch and a missing resource in another directory are still reported',
      files: {
        'plugins/kustomized-helm/Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 0.1.0\n',
        'plugins/kustomized-helm/kustomization.yaml':
          'resources:\n  - ./all.yaml\n  - ../common/service.yaml\npatches:\n  - overlays/guestbook-deployment.yaml\n',
      },
      errors: [
        {
          messageId: 'missing',
          line: 3,
          data: { field: 'resources', value: '../common/service.yaml', resolved: 'plugins/common/service.yaml' },
        },
        {
          messageId: 'missing',
          line: 5,
          data: {
            field: 'patches',
            value: 'overlays/guestbook-deployment.yaml',
            resolved: 'plugins/kustomized-helm/overlays/guestbook-deployment.yaml',
          },
        },
      ],
    },
    {
      name: 'missing resource file',
      files: {
        'apps/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
        'apps/deployment.yaml': 'a: 1\n',
      },
      errors: [
        {
          messageId: 'missing',
          file: 'apps/kustomization.yaml',
          line: 3,
          column: 5,
          data: { field: 'resources', value: 'service.yaml', resolved: 'apps/service.yaml' },
        },
      ],
    },
    {
      name: 'directory without a kustomization',
      files: { 'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n', 'base/deployment.yaml': 'a: 1\n' },
      errors: [{ messageId: 'notAKustomization', line: 2 }],
    },
    {
      name: 'missing patch, component and generator files',
      files: {
        'kustomization.yaml':
          'components:\n  - comp\npatches:\n  - path: p.yaml\nsecretGenerator:\n  - name: s\n    files:\n      - key=missing.txt\n',
      },
      errors: [
        { messageId: 'missing', line: 2, data: { field: 'components', value: 'comp', resolved: 'comp' } },
        { messageId: 'missing', line: 4, data: { field: 'patches', value: 'p.yaml', resolved: 'p.yaml' } },
        {
          messageId: 'missing',
          line: 8,
          data: { field: 'secretGenerator.files', value: 'missing.txt', resolved: 'missing.txt' },
        },
      ],
    },
    {
      name: 'path outside the repository',
      files: { 'kustomization.yaml': 'resources:\n  - ../elsewhere\n' },
      errors: [{ messageId: 'outside', line: 2 }],
    },
  ],
});
