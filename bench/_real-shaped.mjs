// Writes a repository shaped like the public monorepos of GitOps tools and chart collections
// (laid out after argoproj/argo-cd, fluxcd/flux2 and bitnami/charts; no file of theirs is
// copied), deterministically, and commits it:
// - manifests/: install manifests of about 2 MB each (several large CustomResourceDefinitions
//   with openAPIV3Schema trees of realistic depth and long descriptions, then RBAC, Deployments,
//   Services and ConfigMaps, all in one multi-document file), the CRDs one per file, and a
//   kustomize base with overlays;
// - examples/ and test/e2e/testdata/: custom resources of those CRDs, valid against them;
// - charts/: Helm chart trees (Chart.yaml, values.yaml, ci/*-values.yaml, templates/ with
//   `{{ }}` actions, _helpers.tpl, README.md);
// - tens of megabytes of text beside the YAML: Go under cmd/ and pkg/, a vendor/ tree of Go
//   modules, TypeScript under ui/src, Markdown under docs/, some binary files (PNG, zip), and a
//   ui/node_modules/ that .gitignore keeps out of git, as in real repositories.
// Usage: import { generateRealShaped } from './_real-shaped.mjs'; or
// `node bench/_real-shaped.mjs <parent> [scale]` (scale 1: about 2,400 YAML files, 17 MB of
// YAML, 75 MB in all).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** A git environment that ignores the user's configuration, so that runs are repeatable. */
export const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2026-01-15T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-15T12:00:00Z',
};

/** mulberry32: a small seeded generator, so that every run writes the same bytes. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const WORDS = (
  'the controller reconciles resource status spec field value cluster namespace object reference ' +
  'secret config map deployment service account role binding policy target source revision sync ' +
  'health check interval timeout retry backoff limit label selector annotation finalizer owner ' +
  'condition message reason observed generation image tag registry repository chart release ' +
  'values path branch commit webhook notification provider alert event metric endpoint port ' +
  'protocol scheme host address token credential certificate authority key must should may when ' +
  'if is are be set to of in for with from by on this that which defaults optional required'
).split(' ');
const IDENTS = (
  'app cluster project source destination sync health status revision manifest resource hook ' +
  'repo chart helm kustomize plugin server client cache store queue worker event metric ' +
  'notifier provider alert receiver bucket artifact image policy automation tenant'
).split(' ');

function sentence(rng, words) {
  const list = Array.from({ length: words }, () => rng.pick(WORDS));
  list[0] = list[0][0].toUpperCase() + list[0].slice(1);
  return `${list.join(' ')}.`;
}
const camel = (parts) => parts.map((part, index) => (index ? part[0].toUpperCase() + part.slice(1) : part)).join('');
const pascal = (parts) => parts.map((part) => part[0].toUpperCase() + part.slice(1)).join('');

/** An openAPIV3Schema subtree of the given depth, as controller-gen writes them: long descriptions at every level. */
function schemaTree(rng, depth, width) {
  const properties = {};
  const required = [];
  const count = Math.max(2, width - rng.int(3));
  for (let index = 0; index < count; index += 1) {
    const name = camel([rng.pick(IDENTS), rng.pick(IDENTS)]) + (index > 0 ? String(index) : '');
    const description = Array.from({ length: 1 + rng.int(3) }, () => sentence(rng, 8 + rng.int(14))).join(' ');
    const roll = rng.next();
    let property;
    if (depth > 0 && roll < 0.35) {
      property = { description, ...schemaTree(rng, depth - 1, width - 1) };
    } else if (depth > 0 && roll < 0.5) {
      property = { description, type: 'array', items: schemaTree(rng, depth - 1, width - 2) };
    } else if (roll < 0.6) {
      property = { description, type: 'object', additionalProperties: { type: 'string' } };
    } else if (roll < 0.7) {
      property = { description, type: 'string', enum: ['Automatic', 'Manual', 'Disabled'] };
    } else if (roll < 0.78) {
      property = { description, type: 'integer', format: 'int64', minimum: 0 };
    } else if (roll < 0.84) {
      property = { description, 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    } else if (roll < 0.9) {
      property = { description, type: 'boolean' };
    } else {
      property = { description, type: 'string', nullable: rng.next() < 0.3 ? true : undefined };
      if (property.nullable === undefined) delete property.nullable;
    }
    properties[name] = property;
    if (rng.next() < 0.2) required.push(name);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** A value valid against a schemaTree subtree (required fields always, others half the time). */
function instanceOf(rng, schema, depth = 0) {
  if (schema.anyOf) return rng.next() < 0.5 ? rng.int(100) : `${rng.int(100)}%`;
  switch (schema.type) {
    case 'object': {
      if (schema.additionalProperties) return { [rng.pick(IDENTS)]: rng.pick(IDENTS) };
      const value = {};
      const required = new Set(schema.required ?? []);
      for (const [name, child] of Object.entries(schema.properties ?? {}))
        if (required.has(name) || (depth < 4 && rng.next() < 0.5)) value[name] = instanceOf(rng, child, depth + 1);
      return value;
    }
    case 'array':
      return Array.from({ length: 1 + rng.int(2) }, () => instanceOf(rng, schema.items, depth + 1));
    case 'integer':
      return rng.int(1000);
    case 'boolean':
      return rng.next() < 0.5;
    default:
      return schema.enum ? rng.pick(schema.enum) : `${rng.pick(IDENTS)}-${rng.int(1000)}`;
  }
}

const GROUP = 'platform.example.io';

/** One CRD of about `targetBytes` of YAML, with its schema (for custom resources). */
function crd(rng, kind, targetBytes) {
  const plural = `${kind.toLowerCase()}s`;
  // A deep spec, grown by whole subtrees until the CRD is about the size asked for.
  const spec = schemaTree(rng, 5, 6);
  let bytes = stringify(spec).length;
  for (let extra = 0; bytes < targetBytes * 0.9; extra += 1) {
    const subtree = { description: sentence(rng, 14), ...schemaTree(rng, 4, 6) };
    spec.properties[`${rng.pick(IDENTS)}Options${extra}`] = subtree;
    bytes += stringify(subtree).length;
  }
  const status = schemaTree(rng, 3, 5);
  const object = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.${GROUP}`,
      labels: { 'app.kubernetes.io/name': plural, 'app.kubernetes.io/part-of': 'platform' },
    },
    spec: {
      group: GROUP,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              description: sentence(rng, 20),
              type: 'object',
              required: ['spec'],
              properties: {
                apiVersion: { description: sentence(rng, 30), type: 'string' },
                kind: { description: sentence(rng, 30), type: 'string' },
                metadata: { type: 'object' },
                spec: { ...spec, description: sentence(rng, 12) },
                status: { ...status, description: sentence(rng, 12) },
              },
            },
          },
        },
      ],
    },
  };
  const text = stringify(object, { lineWidth: 0 });
  return { kind, text, spec };
}

function customResource(rng, definition, name, namespace) {
  return stringify(
    {
      apiVersion: `${GROUP}/v1alpha1`,
      kind: definition.kind,
      metadata: { name, namespace },
      spec: instanceOf(rng, definition.spec),
    },
    { lineWidth: 0 },
  );
}

function deployment(name, namespace, image) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: platform
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: ${name}
          image: ${image}
          imagePullPolicy: IfNotPresent
          args:
            - /usr/local/bin/${name}
            - --loglevel=info
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 512Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 5
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
`;
}

function service(name, namespace) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;
}

function rbac(name, namespace) {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${namespace}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
rules:
  - apiGroups:
      - ${GROUP}
    resources:
      - '*'
    verbs:
      - get
      - list
      - watch
      - update
      - patch
  - apiGroups:
      - ""
    resources:
      - events
    verbs:
      - create
      - patch
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${name}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${name}
subjects:
  - kind: ServiceAccount
    name: ${name}
    namespace: ${namespace}
`;
}

function configMap(rng, name, namespace) {
  const lines = Array.from({ length: 12 }, (_, index) => `  ${rng.pick(IDENTS)}.${index}: "${rng.pick(WORDS)}"`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n${lines.join('\n')}\n`;
}

const COMPONENTS = [
  'controller',
  'server',
  'repo-server',
  'notifications',
  'applicationset',
  'dex',
  'redis',
  'webhook',
];

function goFile(rng, pkg, lines) {
  const out = [`// Copyright 2026 The Platform Authors.`, `// Licensed under the Apache License, Version 2.0.`, ``];
  out.push(
    `package ${pkg}`,
    ``,
    `import (`,
    `\t"context"`,
    `\t"fmt"`,
    `\t"time"`,
    ``,
    `\tmetav1 "k8s.io/apimachinery/pkg/apis/meta/v1"`,
    `)`,
    ``,
  );
  while (out.length < lines) {
    const name = pascal([rng.pick(IDENTS), rng.pick(IDENTS)]);
    out.push(`// ${name} ${sentence(rng, 10 + rng.int(10))}`);
    out.push(
      `func (c *${pascal([pkg])}Controller) ${name}(ctx context.Context, obj *metav1.ObjectMeta) (bool, error) {`,
    );
    for (let index = 0; index < 4 + rng.int(12); index += 1) {
      const variable = camel([rng.pick(IDENTS), rng.pick(IDENTS)]);
      const roll = rng.next();
      if (roll < 0.3) out.push(`\t${variable} := fmt.Sprintf("%s/%s-${rng.pick(IDENTS)}", obj.Namespace, obj.Name)`);
      else if (roll < 0.5)
        out.push(
          `\tif err := c.${pascal([rng.pick(IDENTS)])}(ctx, ${variable}); err != nil {`,
          `\t\treturn false, fmt.Errorf("${sentence(rng, 5)}: %w", err)`,
          `\t}`,
        );
      else if (roll < 0.7) out.push(`\t// ${sentence(rng, 8 + rng.int(8))}`);
      else out.push(`\t${variable} := time.Duration(${rng.int(600)}) * time.Second`, `\t_ = ${variable}`);
    }
    out.push(`\treturn true, nil`, `}`, ``);
  }
  return `${out.join('\n')}\n`;
}

function tsFile(rng, lines) {
  const out = [`import * as React from 'react';`, `import { services } from '../shared/services';`, ``];
  while (out.length < lines) {
    const name = pascal([rng.pick(IDENTS), rng.pick(IDENTS)]);
    out.push(
      `/** ${sentence(rng, 12)} */`,
      `export const ${name} = (props: { ${camel([rng.pick(IDENTS), 'name'])}: string }) => {`,
    );
    for (let index = 0; index < 3 + rng.int(8); index += 1) {
      out.push(
        `    const ${camel([rng.pick(IDENTS), rng.pick(IDENTS)])}${index} = services.${rng.pick(IDENTS)}.get('${rng.pick(IDENTS)}');`,
      );
    }
    out.push(
      `    return <div className='${rng.pick(IDENTS)}-${rng.pick(IDENTS)}'>{props && '${sentence(rng, 4)}'}</div>;`,
      `};`,
      ``,
    );
  }
  return `${out.join('\n')}\n`;
}

function markdown(rng, title, paragraphs) {
  const out = [`# ${title}`, ``];
  for (let index = 0; index < paragraphs; index += 1) {
    if (index % 6 === 0) out.push(`## ${pascal([rng.pick(IDENTS), rng.pick(IDENTS)])}`, ``);
    out.push(Array.from({ length: 3 + rng.int(5) }, () => sentence(rng, 10 + rng.int(15))).join(' '), ``);
    if (index % 5 === 2)
      out.push(
        '```yaml',
        `apiVersion: ${GROUP}/v1alpha1`,
        `kind: Widget`,
        `metadata:`,
        `  name: ${rng.pick(IDENTS)}`,
        '```',
        ``,
      );
  }
  return `${out.join('\n')}\n`;
}

/** Bytes that look like a compressed or image payload: NULs included, as git's binary check expects. */
function binary(rng, header, size) {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) bytes[index] = rng.int(256);
  header.copy(bytes, 0);
  bytes[header.length] = 0;
  return bytes;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function chartFiles(rng, name) {
  const files = {};
  files['Chart.yaml'] = `apiVersion: v2
name: ${name}
description: A Helm chart for ${name}
type: application
version: 1.${rng.int(20)}.${rng.int(10)}
appVersion: "2.${rng.int(10)}.0"
maintainers:
  - name: platform
    email: platform@example.com
dependencies:
  - name: common
    repository: oci://registry.example.com/charts
    version: 2.x.x
`;
  const values = [
    `## @section Global parameters`,
    `global:`,
    `  imageRegistry: ""`,
    `  imagePullSecrets: []`,
    `image:`,
    `  registry: registry.example.com`,
    `  repository: platform/${name}`,
    `  tag: ""`,
    `  pullPolicy: IfNotPresent`,
    `replicaCount: 1`,
  ];
  for (let index = 0; index < 60 + rng.int(80); index += 1) {
    values.push(`## @param ${rng.pick(IDENTS)}.${rng.pick(IDENTS)} ${sentence(rng, 8)}`);
    values.push(`${camel([rng.pick(IDENTS), rng.pick(IDENTS)])}${index}:`);
    values.push(
      `  enabled: ${rng.next() < 0.5}`,
      `  ${rng.pick(IDENTS)}Mode: ${rng.pick(IDENTS)}`,
      `  annotations: {}`,
    );
  }
  files['values.yaml'] = `${values.join('\n')}\n`;
  files['ci/default-values.yaml'] = `replicaCount: 2\nimage:\n  tag: latest\n`;
  files['templates/_helpers.tpl'] =
    `{{- define "${name}.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n`;
  files['templates/deployment.yaml'] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "${name}.fullname" . }}
  labels: {{- include "common.labels.standard" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      {{- with .Values.global.imagePullSecrets }}
      imagePullSecrets: {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: ${name}
          image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
`;
  files['templates/service.yaml'] = `apiVersion: v1
kind: Service
metadata:
  name: {{ include "${name}.fullname" . }}
spec:
  ports:
    - port: {{ .Values.service.port | default 80 }}
`;
  files['templates/NOTES.txt'] = `{{ include "${name}.fullname" . }} is installed. ${sentence(rng, 12)}\n`;
  files['README.md'] = markdown(rng, name, 30);
  return files;
}

/**
 * Writes the repository into `<parent>/real-shaped` and commits it. `scale` multiplies the
 * number of files of each kind (1: about 2,400 YAML files, 17 MB of YAML, 75 MB in all).
 */
export function generateRealShaped(parent, scale = 1) {
  const root = path.join(parent, 'real-shaped');
  const rng = random(21);
  const made = new Set();
  const stats = { files: 0, bytes: 0, yamlFiles: 0, yamlBytes: 0 };
  const write = (file, content) => {
    const directory = path.dirname(file);
    if (!made.has(directory)) {
      mkdirSync(path.join(root, directory), { recursive: true });
      made.add(directory);
    }
    writeFileSync(path.join(root, file), content);
    if (!file.startsWith('ui/node_modules/')) {
      stats.files += 1;
      stats.bytes += Buffer.byteLength(content);
      if (/\.ya?ml$/.test(file)) {
        stats.yamlFiles += 1;
        stats.yamlBytes += Buffer.byteLength(content);
      }
    }
  };
  const count = (n) => Math.max(1, Math.round(n * scale));

  write('.gitignore', 'ui/node_modules/\ndist/\n');
  write('README.md', markdown(rng, 'Platform', 40));
  write('go.mod', 'module github.com/example/platform\n\ngo 1.23\n');

  // CRDs: a few very large ones (as the Application/ApplicationSet CRDs) and smaller ones.
  const kinds = ['Widget', 'WidgetSet', 'Gadget', 'Pipeline', 'Notifier', 'Bucket', 'Receiver', 'Policy'];
  const sizes = [600_000, 500_000, 250_000, 150_000, 100_000, 60_000, 40_000, 30_000];
  const definitions = kinds.map((kind, index) => crd(rng, kind, sizes[index]));
  for (const definition of definitions)
    write(`manifests/crds/${definition.kind.toLowerCase()}-crd.yaml`, definition.text);
  write(
    'manifests/crds/kustomization.yaml',
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${definitions.map((definition) => `  - ${definition.kind.toLowerCase()}-crd.yaml`).join('\n')}\n`,
  );
  // Install manifests: every CRD, then the components, in one multi-document file.
  const namespace = 'platform';
  const components = (variant) =>
    COMPONENTS.map((component) =>
      [
        rbac(`platform-${component}`, namespace),
        configMap(rng, `platform-${component}-cm`, namespace),
        deployment(`platform-${component}`, namespace, `quay.io/example/platform-${component}:v2.${variant}.0`),
        service(`platform-${component}`, namespace),
      ].join('---\n'),
    ).join('---\n');
  const crdsText = definitions.map((definition) => definition.text).join('---\n');
  for (const [file, variant] of [
    ['manifests/install.yaml', 1],
    ['manifests/ha/install.yaml', 2],
    ['manifests/namespace-install.yaml', 3],
    ['manifests/core-install.yaml', 4],
  ])
    write(file, `${crdsText}---\n${components(variant)}`);
  // A kustomize base and overlays.
  write(
    'manifests/base/kustomization.yaml',
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${COMPONENTS.map((c) => `  - ${c}.yaml`).join('\n')}\n`,
  );
  for (const component of COMPONENTS)
    write(
      `manifests/base/${component}.yaml`,
      `${deployment(`platform-${component}`, namespace, `quay.io/example/platform-${component}:v2.0.0`)}---\n${service(`platform-${component}`, namespace)}`,
    );
  for (const overlay of ['dev', 'staging', 'production']) {
    write(
      `manifests/overlays/${overlay}/kustomization.yaml`,
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n`,
    );
    write(
      `manifests/overlays/${overlay}/replicas.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: platform-server\n  namespace: ${namespace}\nspec:\n  replicas: ${overlay === 'production' ? 3 : 1}\n`,
    );
  }
  // Custom resources of the CRDs: examples and end-to-end test data.
  for (let index = 0; index < count(500); index += 1) {
    const definition = definitions[index % definitions.length];
    const dir =
      index % 3 === 0
        ? `examples/${definition.kind.toLowerCase()}`
        : `test/e2e/testdata/${definition.kind.toLowerCase()}-${Math.floor(index / 24)}`;
    write(
      `${dir}/${definition.kind.toLowerCase()}-${index}.yaml`,
      customResource(rng, definition, `sample-${index}`, 'default'),
    );
  }
  // Test data manifests: plain Kubernetes objects, many small files.
  for (let index = 0; index < count(1500); index += 1) {
    const name = `guestbook-${index}`;
    write(
      `test/e2e/testdata/apps/${name}/${index % 2 ? 'deployment' : 'all'}.yaml`,
      index % 2
        ? deployment(name, 'e2e', `registry.example.com/guestbook:1.${index % 10}`)
        : `${deployment(name, 'e2e', 'registry.example.com/guestbook:1.0')}---\n${service(name, 'e2e')}`,
    );
  }
  // Helm charts: bitnami/charts-like trees.
  for (let index = 0; index < count(120); index += 1) {
    const name = `${rng.pick(IDENTS)}-${rng.pick(IDENTS)}-${index}`;
    for (const [file, content] of Object.entries(chartFiles(rng, name))) write(`charts/${name}/${file}`, content);
  }
  // Source code, docs and vendored modules.
  for (let index = 0; index < count(900); index += 1) {
    const pkg = rng.pick(IDENTS);
    write(`pkg/${pkg}/${rng.pick(IDENTS)}_${index}.go`, goFile(rng, pkg, 300 + rng.int(600)));
  }
  for (let index = 0; index < count(60); index += 1)
    write(`cmd/${rng.pick(IDENTS)}-${index}/main.go`, goFile(rng, 'main', 200));
  for (let index = 0; index < count(500); index += 1) {
    const pkg = rng.pick(IDENTS);
    write(`vendor/github.com/example-${index % 40}/${pkg}/${pkg}_${index}.go`, goFile(rng, pkg, 200 + rng.int(400)));
  }
  write(
    'vendor/modules.txt',
    Array.from({ length: 40 }, (_, index) => `# github.com/example-${index} v1.${index}.0`).join('\n'),
  );
  for (let index = 0; index < count(400); index += 1)
    write(`ui/src/app/${rng.pick(IDENTS)}/${rng.pick(IDENTS)}-${index}.tsx`, tsFile(rng, 200 + rng.int(300)));
  for (let index = 0; index < count(600); index += 1)
    write(
      `docs/${rng.pick(IDENTS)}/${rng.pick(IDENTS)}-${index}.md`,
      markdown(rng, sentence(rng, 4), 20 + rng.int(40)),
    );
  for (let index = 0; index < count(120); index += 1)
    write(`docs/assets/${rng.pick(IDENTS)}-${index}.png`, binary(rng, PNG, 10_000 + rng.int(40_000)));
  for (let index = 0; index < count(30); index += 1)
    write(`test/testdata/archive-${index}.zip`, binary(rng, ZIP, 20_000 + rng.int(80_000)));
  // Not in git (.gitignore): what `npm install` leaves in a UI's directory.
  for (let index = 0; index < count(200); index += 1) write(`ui/node_modules/pkg-${index}/index.js`, tsFile(rng, 300));

  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env: gitEnv });
  execFileSync('git', ['add', '-A'], { cwd: root, env: gitEnv });
  execFileSync('git', ['commit', '-q', '-m', 'real-shaped repository'], { cwd: root, env: gitEnv });
  return { root, ...stats };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const parent = path.resolve(process.argv[2] ?? '.');
  mkdirSync(parent, { recursive: true });
  console.log(JSON.stringify(generateRealShaped(parent, Number(process.argv[3] ?? 1))));
}
