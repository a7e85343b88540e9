import { describe, expect, it } from 'vitest';
import rule from '../../rules/manifest-schema.js';
import { lint } from '../../src/api/lint.js';
import { RuleTester, writeFileTree } from '../../src/testing/index.js';

const tester = new RuleTester();

const deployment = (replicas: string): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    `  replicas: ${replicas}`,
    '  selector:',
    '    matchLabels: { app: web }',
    '  template:',
    '    metadata:',
    '      labels: { app: web }',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '          ports:',
    '            - containerPort: 8080',
    '',
  ].join('\n');

const crd = (version: string, kindEnum: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.org
spec:
  group: example.org
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  scope: Namespaced
  versions:
    - name: ${version}
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size:
                  x-kubernetes-int-or-string: true
                color:
                  type: string
                  enum: [${kindEnum}]
                note:
                  type: string
                  nullable: true
`;

/** A Deployment written as a kustomize or kpt function template: Go template actions where YAML expects values. */
const DEPLOYMENT_TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Name }}',
  '  annotations:',
  '    {{ .AnnotationKey }}: {{ .AnnotationValue }}',
  'spec:',
  '  replicas: {{ .Replicas }}',
  '  selector:',
  '    matchLabels: { app: web }',
  '  template:',
  '    metadata:',
  '      labels: { app: web }',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: {{ .Image }}',
  '',
].join('\n');

/** A CRD whose schema says `additionalProperties` with a boolean, as the API server allows. */
const crdWithAdditionalProperties = (specSchema: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.org
spec:
  group: example.org
  names: { kind: Gadget, plural: gadgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
${specSchema}`;

tester.run('manifest-schema', rule, {
  valid: [
    {
      name: 'the items of a v1 List, valid',
      files: {
        'list.yaml':
          'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n    data: { x: "1" }\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: web }\n    spec:\n      ports: [{ port: 80 }]\n',
      },
    },
    {
      name: 'a function template named *.template.yaml is not an object yet',
      files: { 'templates/web.template.yaml': DEPLOYMENT_TEMPLATE },
    },
    {
      name: 'Go template actions where YAML expects a value or a key make a document a template, whatever its name',
      files: {
        'apps/web.yaml': DEPLOYMENT_TEMPLATE,
        'apps/app.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: guestbook\nspec:\n  project: {{.Project}}\n  source:\n    repoURL: {{.RepoURL}}\n    path: deploy\n  destination:\n    server: https://kubernetes.default.svc\n',
      },
    },
    {
      name: 'quoted template values in typed fields are filled in before the object is applied',
      files: {
        'web.yaml': deployment("'{{ .Values.replicas }}'").replace('containerPort: 8080', 'containerPort: "${PORT}"'),
      },
    },
    {
      name: 'a CRD’s additionalProperties may be true, or false without properties (JSONSchemaPropsOrBool)',
      files: {
        'crds/gadget.yaml': crdWithAdditionalProperties(
          '              type: object\n              additionalProperties: true\n' +
            '            status:\n              type: object\n              additionalProperties: false\n',
        ),
      },
    },
    {
      name: 'a valid Deployment, Service and ConfigMap',
      files: {
        'web.yaml': `${deployment('2')}---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: env }\ndata: { A: b }\n`,
      },
    },
    {
      name: 'enums of packaged Flux schemas are left to a CRD in the repository (sourceRef.kind outside the package enum)',
      files: {
        'flux.yaml': [
          'apiVersion: kustomize.toolkit.fluxcd.io/v1',
          'kind: Kustomization',
          'metadata: { name: apps, namespace: flux-system }',
          'spec:',
          '  interval: 10m',
          '  prune: true',
          '  sourceRef: { kind: ArtifactGenerator, name: apps }',
          '---',
          'apiVersion: helm.toolkit.fluxcd.io/v2',
          'kind: HelmRelease',
          'metadata: { name: podinfo, namespace: podinfo }',
          'spec:',
          '  interval: 10m',
          '  chartRef: { kind: OCIRepository, name: podinfo }',
          '',
        ].join('\n'),
      },
    },
    {
      name: "Flux's ${var} substitution and SOPS values",
      files: {
        'd.yaml': deployment('${REPLICAS}'),
        's.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  a: ENC[AES256_GCM,data:x,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:y,type:str]\n',
      },
    },
    {
      name: 'a strategic-merge patch file is not checked for required fields',
      files: {
        'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
        'base/deployment.yaml': deployment('1'),
        'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: replicas.yaml\n',
        'prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 3\n',
      },
    },
    {
      name: 'a custom resource valid against the CRD in the repository',
      files: {
        'crd.yaml': crd('v1', 'red, blue'),
        'w.yaml':
          'apiVersion: example.org/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  size: 3\n  color: red\n  note: null\n---\napiVersion: example.org/v1\nkind: Widget\nmetadata: { name: v }\nspec:\n  size: 10%\n',
      },
    },
    {
      name: 'a CRD cannot replace a kind Kubernetes serves itself: the built-in schema decides',
      files: {
        'crd.yaml': crd('v1', 'red')
          .replace(/example\.org/g, 'networking.k8s.io')
          .replace(/Widget/g, 'NetworkPolicy')
          .replace(/widget/g, 'networkpolicy'),
        'np.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny }\nspec:\n  podSelector: {}\n',
      },
    },
    {
      name: 'kustomization files and Chart.yaml are not Kubernetes objects',
      files: {
        'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
        'chart/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 1.0.0\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a wrong type, pointed at its line',
      files: { 'web.yaml': deployment('"3"') },
      errors: [
        {
          messageId: 'type',
          line: 6,
          column: 3,
          data: { object: 'Deployment "web"', field: 'spec.replicas', expected: 'integer', from: 'kubernetes-models' },
        },
      ],
    },
    {
      name: 'the items of a v1 List are checked, each at its line',
      files: {
        'list.yaml':
          'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: web }\n    spec:\n      ports:\n        - port: "80"\n',
      },
      errors: [
        {
          messageId: 'type',
          line: 12,
          column: 11,
          data: {
            object: 'Service "web"',
            field: 'spec.ports[0].port',
            expected: 'integer',
            from: 'kubernetes-models',
          },
        },
      ],
    },
    {
      name: 'the same Deployment rendered, with a value of the wrong type',
      files: { 'apps/web.yaml': deployment('three') },
      errors: [
        {
          messageId: 'type',
          line: 6,
          data: { object: 'Deployment "web"', field: 'spec.replicas', expected: 'integer', from: 'kubernetes-models' },
        },
      ],
    },
    {
      name: 'a CRD’s additionalProperties false beside properties, which the API server rejects',
      files: {
        'crds/gadget.yaml': crdWithAdditionalProperties(
          '              type: object\n              additionalProperties: false\n              properties:\n                size: { type: integer }\n',
        ),
      },
      errors: [
        {
          messageId: 'additionalPropertiesBesideProperties',
          file: 'crds/gadget.yaml',
          line: 19,
          data: {
            object: 'CustomResourceDefinition "gadgets.example.org"',
            field: 'spec.versions[0].schema.openAPIV3Schema.properties.spec.additionalProperties',
          },
        },
      ],
    },
    {
      name: 'a missing required field, pointed at its parent',
      files: {
        'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: http\n',
      },
      errors: [
        {
          messageId: 'required',
          line: 7,
          data: { object: 'Service "web"', parent: 'spec.ports[0]', field: 'port', from: 'kubernetes-models' },
        },
      ],
    },
    {
      name: 'an Argo CD Application without a destination',
      files: {
        'app.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: guestbook\nspec:\n  project: team\n  source:\n    repoURL: https://github.com/example-org/guestbook\n    path: deploy\n',
      },
      errors: [
        {
          messageId: 'required',
          line: 5,
          data: {
            object: 'Application "guestbook"',
            parent: 'spec',
            field: 'destination',
            from: '@kubernetes-models/argo-cd',
          },
        },
      ],
    },
    {
      name: 'the CRD in the repository is preferred, with its enums',
      files: {
        'crd.yaml': crd('v1', 'red, blue'),
        'w.yaml': 'apiVersion: example.org/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  color: green\n',
      },
      errors: [
        {
          messageId: 'required',
          line: 4,
          data: { object: 'Widget "w"', parent: 'spec', field: 'size', from: 'crd.yaml' },
        },
        {
          messageId: 'enum',
          line: 5,
          data: { object: 'Widget "w"', field: 'spec.color', allowed: '"red", "blue"', from: 'crd.yaml' },
        },
      ],
    },
    {
      name: 'a version the CRD in the repository does not define',
      files: {
        'crd.yaml': crd('v1', 'red'),
        'w.yaml': 'apiVersion: example.org/v2\nkind: Widget\nmetadata: { name: w }\nspec:\n  size: 1\n',
      },
      errors: [
        {
          messageId: 'unservedVersion',
          line: 1,
          data: { object: 'Widget "w"', apiVersion: 'example.org/v2', crdFile: 'crd.yaml', versions: 'v1' },
        },
      ],
    },
    {
      name: 'a Flux Kustomization CRD in the repository overrides the packaged schema',
      files: {
        'crd.yaml': crd('v1', 'red')
          .replace(/example\.org/g, 'kustomize.toolkit.fluxcd.io')
          .replace(/Widget/g, 'Kustomization')
          .replace(/widget/g, 'kustomization'),
        'ks.yaml':
          'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: k }\nspec:\n  interval: 10m\n',
      },
      errors: [
        {
          messageId: 'required',
          line: 4,
          data: { object: 'Kustomization "k"', parent: 'spec', field: 'size', from: 'crd.yaml' },
        },
      ],
    },
  ],
});

describe('manifest-schema notes', () => {
  it('counts objects without a schema in one line on stderr, not as findings', async () => {
    const root = writeFileTree({
      'issuers.yaml':
        'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: a }\n---\napiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: b }\n---\napiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: { name: c }\n',
      // Other tools' files with apiVersion and kind, which no CRD could define: not counted.
      'ksonnet/app.yaml': 'apiVersion: 0.1.0\nkind: ksonnet.io/app\nname: guestbook\n',
      'talos/cluster.yaml': 'apiVersion: v1alpha1\nkind: TalosCluster\nnodes: []\n',
    });
    const report = await lint({ cwd: root, ruleSet: [rule], rules: { 'manifest-schema': 'error' } });
    expect(report.diagnostics).toEqual([]);
    expect(report.notices).toContain(
      'manifest-schema: 3 object(s) of 2 kind(s) have no known schema and were not validated: cert-manager.io/v1 ClusterIssuer, kyverno.io/v1 ClusterPolicy; add their CustomResourceDefinitions to the repository to check them',
    );
  });

  it('does not count a v1 List as a kind without a schema: its items are checked', async () => {
    const root = writeFileTree({
      'list.yaml':
        'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n',
    });
    const report = await lint({ cwd: root, ruleSet: [rule], rules: { 'manifest-schema': 'error' } });
    expect(report.diagnostics).toEqual([]);
    expect(report.notices.filter((notice) => notice.startsWith('manifest-schema:'))).toEqual([]);
  });

  it('says which CRD in the repository failed to load, rather than asking for one', async () => {
    const brokenCrd = crd('v1', 'red')
      .replace(/example\.org/g, 'example.com')
      .replace('  scope: Namespaced', '\tscope: Namespaced');
    const root = writeFileTree({
      'crds/widget.yaml': brokenCrd,
      'widgets.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  size: 1\n',
      'issuer.yaml': 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: a }\n',
    });
    const report = await lint({ cwd: root, ruleSet: [rule], rules: { 'manifest-schema': 'error' } });
    expect(report.diagnostics).toEqual([]);
    expect(report.notices.filter((notice) => notice.startsWith('manifest-schema:')).sort()).toEqual([
      'manifest-schema: 1 object(s) of 1 kind(s) have no known schema and were not validated: cert-manager.io/v1 ClusterIssuer; add their CustomResourceDefinitions to the repository to check them',
      'manifest-schema: 1 object(s) of 1 kind(s) were not validated: the CustomResourceDefinitions that define them failed to load (yaml-syntax reports why): example.com/v1 Widget (crds/widget.yaml)',
    ]);
  });

  it('says when a CRD in the repository has a schema that cannot be compiled, or none', async () => {
    const root = writeFileTree({
      'crds/widget.yaml': crd('v1', 'red').replace(
        'type: string\n                  enum',
        "type: string\n                  pattern: '(?i)^red'\n                  enum",
      ),
      'crds/gadget.yaml': crdWithAdditionalProperties('              type: object\n').replace(
        / {6}schema:[\s\S]*$/,
        '',
      ),
      'objects.yaml':
        'apiVersion: example.org/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  size: 1\n---\napiVersion: example.org/v1\nkind: Gadget\nmetadata: { name: g }\n',
    });
    const report = await lint({ cwd: root, ruleSet: [rule], rules: { 'manifest-schema': 'error' } });
    expect(report.diagnostics).toEqual([]);
    expect(report.notices.filter((notice) => notice.startsWith('manifest-schema:')).sort()).toEqual([
      'manifest-schema: 1 object(s) of 1 kind(s) were not validated: the CustomResourceDefinitions that define them give no schema for their version: example.org/v1 Gadget (crds/gadget.yaml)',
      'manifest-schema: 1 object(s) of 1 kind(s) were not validated: the schemas of the CustomResourceDefinitions that define them could not be compiled (a pattern that JavaScript does not read, for instance): example.org/v1 Widget (crds/widget.yaml)',
    ]);
  });
});
