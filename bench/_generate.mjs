// A deterministic generator of realistic platform repositories for the lint benchmark (files
// whose names start with `_` are helpers: bench/run.mjs does not run them).
//
// The repository is what `gitops-init new` writes for a Flux infrastructure repository
// (clusters/, infrastructure/, tenants/, releases/, CODEOWNERS, branch protection, CI), grown
// the way the Flux monorepo examples grow: apps/<team>/<app>/ with a kustomize base
// (Deployment, Service, ConfigMap, kustomization) and dev and production overlays that patch
// the replicas, one Flux Kustomization per app and cluster under clusters/<env>/apps/, a
// CustomResourceDefinition in infrastructure/crds/ whose kind some apps use, one CODEOWNERS line
// per app, and a git repository with everything committed. A few files carry deliberate
// findings (an unpinned image, a secret-looking ConfigMap value), as real repositories do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Files per app: base (4), two overlays (2 each), two cluster entries. */
export const FILES_PER_APP = 10;
export const APPS_PER_TEAM = 10;
const ENVIRONMENTS = ['dev', 'production'];

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

export function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

const pad = (value, width) => String(value).padStart(width, '0');
const teamName = (team) => `team-${pad(team, 3)}`;
const appName = (app) => `app-${pad(app, 5)}`;

function deployment(app, team, monitored) {
  const name = appName(app);
  // One app in 250 runs an unpinned image: image-tag-pinned has something to find.
  const tag = app % 250 === 7 ? 'latest' : `1.${app % 17}.${app % 5}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: ${teamName(team)}
${monitored ? '  annotations:\n    monitoring.acme.io/scrape: "true"\n' : ''}spec:
  replicas: 2
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      serviceAccountName: ${name}
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: ${name}
          image: registry.acme.example/${teamName(team)}/${name}:${tag}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          envFrom:
            - configMapRef:
                name: ${name}-env
          env:
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
          resources:
            requests:
              cpu: ${50 + (app % 4) * 50}m
              memory: ${64 * (1 + (app % 4))}Mi
            limits:
              memory: ${128 * (1 + (app % 4))}Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 15
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
`;
}

function service(app) {
  const name = appName(app);
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`;
}

function configMap(app, team) {
  const name = appName(app);
  // One app in 500 keeps a token in its ConfigMap: no-plaintext-secrets warns.
  const leak = app % 500 === 11 ? '  API_TOKEN: "f3b1c9d2e8a74b6c"\n' : '';
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-env
data:
  LOG_LEVEL: ${['info', 'debug', 'warn'][app % 3]}
  LOG_FORMAT: json
  HTTP_PORT: "8080"
  UPSTREAM_URL: http://${appName((app + 1) % 100_000)}.${teamName(team)}.svc.cluster.local
  FEATURE_FLAGS: "search,recommendations"
  CACHE_TTL_SECONDS: "${60 * (1 + (app % 5))}"
  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector.monitoring.svc:4317
${leak}`;
}

function monitor(app) {
  const name = appName(app);
  return `apiVersion: monitoring.acme.io/v1
kind: AppMonitor
metadata:
  name: ${name}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  endpoints:
    - port: http
      path: /metrics
      interval: 30s
`;
}

function baseKustomization(app, team, monitored) {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${teamName(team)}
labels:
  - pairs:
      app.kubernetes.io/managed-by: flux
resources:
  - deployment.yaml
  - service.yaml
  - configmap.yaml
${monitored ? '  - monitor.yaml\n' : ''}`;
}

function overlayKustomization(app, environment) {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
commonAnnotations:
  acme.io/environment: ${environment}
patches:
  - path: replicas.yaml
`;
}

function replicasPatch(app, environment) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${appName(app)}
spec:
  replicas: ${environment === 'production' ? 3 + (app % 3) : 1}
`;
}

function clusterEntry(app, team, environment) {
  const name = appName(app);
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  dependsOn:
    - name: infrastructure
  interval: 10m
  retryInterval: 2m
  timeout: 5m
  sourceRef:
    kind: GitRepository
    name: flux-system
  path: ./apps/${teamName(team)}/${name}/overlays/${environment}
  targetNamespace: ${teamName(team)}
  serviceAccountName: ${teamName(team)}
  prune: true
  wait: true
`;
}

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: appmonitors.monitoring.acme.io
spec:
  group: monitoring.acme.io
  scope: Namespaced
  names:
    kind: AppMonitor
    listKind: AppMonitorList
    plural: appmonitors
    singular: appmonitor
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [selector, endpoints]
              properties:
                selector:
                  type: object
                  additionalProperties:
                    type: string
                endpoints:
                  type: array
                  items:
                    type: object
                    required: [port]
                    properties:
                      port:
                        type: string
                      path:
                        type: string
                      interval:
                        type: string
                        pattern: "^[0-9]+[smh]$"
`;

/**
 * Writes a repository of about `manifests` YAML files into `<parent>/platform` and commits it.
 * Returns its root, the exact counts and the paths of three manifests to stage for `--staged`.
 */
export async function generateRepository(parent, manifests) {
  const { scaffold } = await import(path.join(root, 'dist/src/index.js'));
  const { parseDocument } = await import('yaml');
  const apps = Math.max(1, Math.round(manifests / FILES_PER_APP));
  const teams = Math.ceil(apps / APPS_PER_TEAM);
  const { root: repository } = await scaffold({
    cwd: parent,
    directory: 'platform',
    answers: {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '@acme/checkout,@acme/payments',
      envs: ENVIRONMENTS.join(','),
      host: 'github',
      hooks: 'none',
    },
    yes: true,
    git: false,
    today: '2026-01-15',
  });

  // gitops.yaml: the app teams are tenants (they own their apps' paths), and apps/ is where
  // the platform runs the workloads it hosts for them.
  const descriptorFile = path.join(repository, 'gitops.yaml');
  const descriptor = parseDocument(readFileSync(descriptorFile, 'utf8'));
  const tenants = descriptor.getIn(['teams', 'applications']);
  for (let team = 0; team < teams; team += 1) {
    tenants.add(descriptor.createNode({ name: teamName(team), team: `@acme/${teamName(team)}` }));
  }
  descriptor.set('platform', descriptor.createNode({ workloads: { paths: ['apps/**'] } }));
  writeFileSync(descriptorFile, descriptor.toString({ lineWidth: 0 }));

  const made = new Set();
  const write = (file, content) => {
    const directory = path.dirname(file);
    if (!made.has(directory)) {
      mkdirSync(path.join(repository, directory), { recursive: true });
      made.add(directory);
    }
    writeFileSync(path.join(repository, file), content);
  };
  write('infrastructure/crds/appmonitors.yaml', CRD);
  write(
    'infrastructure/crds/kustomization.yaml',
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - appmonitors.yaml\n',
  );
  appendFileSync(path.join(repository, 'infrastructure/kustomization.yaml'), '  - "crds"\n');

  const codeowners = ['', '# Each app is owned by its team; the platform team keeps clusters/ and infrastructure/.'];
  let written = 2;
  for (let app = 0; app < apps; app += 1) {
    const team = Math.floor(app / APPS_PER_TEAM);
    const directory = `apps/${teamName(team)}/${appName(app)}`;
    // Every tenth app is monitored through the repository's own CRD (manifest-schema checks it against it).
    const monitored = app % 10 === 3;
    write(`${directory}/base/deployment.yaml`, deployment(app, team, monitored));
    write(`${directory}/base/service.yaml`, service(app));
    write(`${directory}/base/configmap.yaml`, configMap(app, team));
    write(`${directory}/base/kustomization.yaml`, baseKustomization(app, team, monitored));
    written += 4;
    if (monitored) {
      write(`${directory}/base/monitor.yaml`, monitor(app));
      written += 1;
    }
    for (const environment of ENVIRONMENTS) {
      write(`${directory}/overlays/${environment}/kustomization.yaml`, overlayKustomization(app, environment));
      write(`${directory}/overlays/${environment}/replicas.yaml`, replicasPatch(app, environment));
      write(`clusters/${environment}/apps/${appName(app)}.yaml`, clusterEntry(app, team, environment));
      written += 3;
    }
    codeowners.push(`/${directory}/ @acme/${teamName(team)}`);
  }
  appendFileSync(path.join(repository, '.github/CODEOWNERS'), `${codeowners.join('\n')}\n`);

  git(repository, 'init', '-q', '-b', 'main');
  git(repository, 'add', '-A');
  git(repository, 'commit', '-q', '-m', 'platform');
  const tracked = git(repository, 'ls-files', '-z').toString().split('\0').filter(Boolean);
  const yamlFiles = tracked.filter((file) => /\.ya?ml$/.test(file)).length;
  const codeownersLines = readFileSync(path.join(repository, '.github/CODEOWNERS'), 'utf8').split('\n').length - 1;
  // Three apps spread over the tree, for `lint --staged`.
  const staged = [0, Math.floor(apps / 2), apps - 1].map(
    (app) => `apps/${teamName(Math.floor(app / APPS_PER_TEAM))}/${appName(app)}/base/deployment.yaml`,
  );
  return {
    root: repository,
    files: tracked.length,
    manifests: yamlFiles,
    generated: written,
    apps,
    teams,
    codeownersLines,
    staged,
  };
}
