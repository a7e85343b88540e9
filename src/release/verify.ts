import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Descriptor } from '../config/descriptor.js';
import { loadDescriptor, openRepository } from '../config/repository.js';
import { ConfigError, GitopsError, UsageError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { isNamespacedBuiltin } from '../manifests/api-resources.js';
import { customResourceVersions } from '../manifests/crd.js';
import { isArgoKind, isFluxKustomization, isGitRepository, isSameRepository } from '../manifests/gitops.js';
import { isKustomizationFile } from '../manifests/kustomize.js';
import {
  fieldNode,
  formatPath,
  isRecord,
  objectsOf,
  pointerSegments,
  stringAt,
  valueAt,
  type KubernetesObject,
} from '../manifests/objects.js';
import { SchemaRegistry } from '../manifests/schemas.js';
import { hasTemplateAction, isTemplatedPath } from '../manifests/templates.js';
import { parseYamlFile, type YamlFile } from '../manifests/yaml-file.js';
import { checkoutTag, isRepositoryUrl, type TagCheckout } from './checkout.js';
import { findRelease, readReleases, renderManifest, type StoredRelease } from './index.js';
import { releaseLayout, type ReleaseLayout } from './lines.js';
import { locatePair } from './pair.js';

export { UnreachableRepositoryError } from './checkout.js';

export type PairRole = 'application' | 'infrastructure';

/** One repository of the pair, checked out at its tag and read. */
export interface PairSide {
  role: PairRole;
  /** The repository as located (a path or URL). */
  repository: string;
  version: string;
  tag: string;
  commit: string;
  /** `name@tag`: how reports name the repository at its version (gitops.yaml's name, else the directory's). */
  label: string;
  /** Absolute path of the checkout. */
  directory: string;
  descriptor: Descriptor | undefined;
  /** Why gitops.yaml did not load at the tag, if it did not. */
  descriptorProblem: string | undefined;
  /** Tracked files, repository-relative POSIX paths. */
  files: readonly string[];
  /** The YAML files that parse, by path. */
  yaml: ReadonlyMap<string, YamlFile>;
  objects: readonly KubernetesObject[];
  /** Kinds declared in files rendered before they are applied (Helm templates), which do not parse as objects. */
  templateKinds: readonly { file: string; apiVersion: string; kind: string; line: number }[];
}

/** A problem of the pair, in one file of one side. */
export interface PairFinding {
  role: PairRole;
  /** Repository-relative path in that side's checkout. */
  file: string;
  line?: number;
  column?: number;
  /** Which check found it (`release-verify/<check>`). */
  check: PairCheck;
  message: string;
}

export const PAIR_CHECKS = [
  'tenant-onboarded',
  'kind-provided',
  'custom-resource-valid',
  'source-exists',
  'kustomize-build',
] as const;
export type PairCheck = (typeof PAIR_CHECKS)[number];

/** What each check makes sure of, for reports that describe their rules (SARIF). */
export const PAIR_CHECK_DESCRIPTIONS: Readonly<Record<PairCheck, string>> = {
  'tenant-onboarded':
    "The application's namespaces are onboarded as a tenant of its team in the infrastructure, for the release's environment",
  'kind-provided':
    'Every custom resource kind the application uses is provided by the infrastructure: a CustomResourceDefinition, a chart it installs, or its GitOps tool',
  'custom-resource-valid':
    "The application's custom resources validate against the schemas of the infrastructure's CustomResourceDefinitions",
  'source-exists':
    "The Flux and Argo CD sources of both repositories point at a repository of the pair and a path that exists at the release's tag",
  'kustomize-build': 'Every kustomization of both repositories builds with kubectl kustomize',
};

export interface OpenVerificationOptions {
  cwd?: string;
  /** The release, e.g. release-1.5.3-2.1.0. */
  name: string;
  /** The application repository (a path, file:// or remote URL), instead of what gitops.yaml says. */
  appRepo?: string;
  /** The infrastructure repository, instead of what gitops.yaml says. */
  infraRepo?: string;
  /** The cache for fetched repositories; default $XDG_CACHE_HOME/gitops-init. */
  cacheDirectory?: string;
}

/** A release and its two repositories checked out at their tags; `dispose` removes temporary checkouts. */
export interface OpenedVerification {
  root: string;
  release: StoredRelease;
  application: PairSide;
  infrastructure: PairSide;
  dispose(): void;
}

function context(cwd: string | undefined): {
  root: string;
  descriptor: Descriptor;
  directory: string;
  layout: ReleaseLayout;
} {
  const { root, loaded } = openRepository(cwd);
  if (!loaded)
    throw new UsageError(
      `no gitops.yaml in ${root}: 'release verify' works in a repository made by 'gitops-init new' (or pass {{option:cwd}})`,
    );
  const { layout, problem } = releaseLayout(loaded.descriptor);
  if (problem !== undefined) throw new ConfigError(`gitops.yaml: ${problem}`);
  return {
    root,
    descriptor: loaded.descriptor,
    directory: loaded.descriptor.releases?.directory ?? 'releases',
    layout,
  };
}

/** A located repository as git is given it: a URL as it is, a path resolved from `base`. */
function resolveLocation(given: string, base: string): string {
  return isRepositoryUrl(given) ? given : path.resolve(base, given);
}

function listFiles(directory: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['ls-files', '-z'],
      { cwd: directory, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout) => {
        if (error) reject(new Error(`git ls-files failed in ${directory}: ${error.message}`, { cause: error }));
        else resolve(stdout.split('\0').filter((file) => file !== ''));
      },
    );
  });
}

/** Documents' `apiVersion` and `kind` in a file that does not parse as YAML (a Helm template). */
function kindsInText(text: string): { apiVersion: string; kind: string; line: number }[] {
  const found: { apiVersion: string; kind: string; line: number }[] = [];
  let apiVersion: string | undefined;
  let kind: { value: string; line: number } | undefined;
  const flush = (): void => {
    if (apiVersion !== undefined && kind !== undefined) found.push({ apiVersion, kind: kind.value, line: kind.line });
    apiVersion = undefined;
    kind = undefined;
  };
  text.split('\n').forEach((line, index) => {
    if (/^---/.test(line)) flush();
    const version = /^apiVersion:\s*["']?([a-z0-9.-]+\/v[0-9a-z]+|v1)["']?\s*$/.exec(line);
    if (version?.[1] !== undefined) apiVersion = version[1];
    const named = /^kind:\s*["']?([A-Za-z][A-Za-z0-9]*)["']?\s*$/.exec(line);
    if (named?.[1] !== undefined) kind = { value: named[1], line: index + 1 };
  });
  flush();
  return found;
}

async function readSide(role: PairRole, checkout: TagCheckout, version: string): Promise<PairSide> {
  let descriptor: Descriptor | undefined;
  let descriptorProblem: string | undefined;
  try {
    descriptor = loadDescriptor(checkout.directory, checkout.directory, undefined)?.descriptor;
    if (descriptor === undefined) descriptorProblem = 'there is no gitops.yaml';
  } catch (error) {
    if (!(error instanceof GitopsError)) throw error;
    descriptorProblem = error.message;
  }
  const files = await listFiles(checkout.directory);
  const yaml = new Map<string, YamlFile>();
  const objects: KubernetesObject[] = [];
  const templateKinds: { file: string; apiVersion: string; kind: string; line: number }[] = [];
  for (const file of files) {
    if (!/\.ya?ml$/.test(file)) continue;
    let text: string;
    try {
      text = readFileSync(path.join(checkout.directory, ...file.split('/')), 'utf8');
    } catch {
      continue;
    }
    if (/(^|\/)templates\//.test(file) || /\{\{/.test(text)) {
      // Rendered before anything applies it: only what it declares is known.
      for (const found of kindsInText(text)) templateKinds.push({ file, ...found });
      continue;
    }
    const parsed = parseYamlFile(file, text);
    if (parsed.errors.length > 0) continue;
    yaml.set(file, parsed);
    for (const object of objectsOf(parsed)) objects.push(object);
  }
  const name = descriptor?.name ?? path.basename(checkout.repository.replace(/\.git\/?$/, '').replace(/\/+$/, ''));
  return {
    role,
    repository: checkout.repository,
    version,
    tag: checkout.tag,
    commit: checkout.commit,
    label: `${name}@${checkout.tag}`,
    directory: checkout.directory,
    descriptor,
    descriptorProblem,
    files,
    yaml,
    objects,
    templateKinds,
  };
}

/**
 * Finds the release, locates its repositories (see {@link locatePair}) and checks each out at
 * its version's tag (`v<version>`, as `gitops-init version tag` writes it). An unreachable
 * repository or a missing tag throws {@link UnreachableRepositoryError} (exit 2).
 */
export async function openVerification(options: OpenVerificationOptions): Promise<OpenedVerification> {
  const ctx = context(options.cwd);
  const release = findRelease(readReleases(ctx.root, ctx.directory, ctx.layout), options.name, ctx.directory);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const pair = locatePair(ctx.descriptor, release, { appRepo: options.appRepo, infraRepo: options.infraRepo });
  const missing = (['application', 'infrastructure'] as const).filter((role) => pair[role] === undefined);
  if (missing.length > 0) {
    const role = missing[0] ?? 'application';
    throw new UsageError(
      role === 'application'
        ? `gitops.yaml does not say where the application repository of ${release.name} is (the repository of the tenant of ${release.application_team ?? 'its team'}, or releases.repositories.application); pass {{option:appRepo}} <path|url>`
        : `gitops.yaml does not say where the infrastructure repository of ${release.name} is (releases.repositories.infrastructure); pass {{option:infraRepo}} <path|url>`,
    );
  }
  const checkouts: TagCheckout[] = [];
  const dispose = (): void => {
    for (const checkout of checkouts.splice(0)) checkout.dispose();
  };
  try {
    const sides: PairSide[] = [];
    for (const role of ['application', 'infrastructure'] as const) {
      const given = pair[role] ?? '.';
      // A flag's path is relative to where the command runs; gitops.yaml's to the repository root.
      const fromFlag = (role === 'application' ? options.appRepo : options.infraRepo) !== undefined;
      const location = resolveLocation(given, fromFlag ? cwd : ctx.root);
      const version = role === 'application' ? release.application_version : release.infrastructure_version;
      const checkout = await checkoutTag(location, `v${version}`, {
        cwd: ctx.root,
        role,
        ...(options.cacheDirectory === undefined ? {} : { cache: options.cacheDirectory }),
      });
      checkouts.push(checkout);
      sides.push(await readSide(role, checkout, version));
    }
    const [application, infrastructure] = sides as [PairSide, PairSide];
    return { root: ctx.root, release, application, infrastructure, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

function lineOf(side: PairSide, object: KubernetesObject, keys: readonly (string | number)[]): number | undefined {
  const yaml = side.yaml.get(object.file);
  const node = fieldNode(object.root, keys) ?? object.root;
  const offset = node.range?.[0];
  return yaml === undefined || offset === undefined ? undefined : yaml.position(offset).line;
}

/** The 1-based line of the first line of `file` matching `pattern`, if any. */
function lineMatching(side: PairSide, file: string, pattern: RegExp): number | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(side.directory, ...file.split('/')), 'utf8');
  } catch {
    return undefined;
  }
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  return index === -1 ? undefined : index + 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function descriptorFile(side: PairSide): string {
  return side.files.find((file) => file === 'gitops.yaml' || file === 'gitops.yml') ?? 'gitops.yaml';
}

// ---------------------------------------------------------------------------------------------
// The application's namespaces are onboarded as a tenant of its team.

/** The namespaces the application deploys to: gitops.yaml's, its objects' and its sources' destinations. */
function applicationNamespaces(side: PairSide): Map<string, { file: string; line?: number }> {
  const namespaces = new Map<string, { file: string; line?: number }>();
  const add = (namespace: string | undefined, where: { file: string; line?: number }): void => {
    if (namespace === undefined || namespace === '' || /\$\{|\{\{/.test(namespace) || namespaces.has(namespace)) return;
    namespaces.set(namespace, where);
  };
  const file = descriptorFile(side);
  for (const namespace of side.descriptor?.namespaces ?? [])
    add(namespace, {
      file,
      ...lineField(lineMatching(side, file, new RegExp(`^\\s*-\\s*["']?${escapeRegExp(namespace)}["']?\\s*$`))),
    });
  for (const object of side.objects) {
    if (isArgoKind(object, 'Application')) {
      add(stringAt(object.value, 'spec', 'destination', 'namespace'), {
        file: object.file,
        ...lineField(lineOf(side, object, ['spec', 'destination', 'namespace'])),
      });
      continue;
    }
    // Argo CD's own objects live in its namespace, which is the platform's.
    if (object.group === 'argoproj.io') continue;
    if (isFluxKustomization(object))
      add(stringAt(object.value, 'spec', 'targetNamespace'), {
        file: object.file,
        ...lineField(lineOf(side, object, ['spec', 'targetNamespace'])),
      });
    add(object.namespace, { file: object.file, ...lineField(lineOf(side, object, ['metadata', 'namespace'])) });
  }
  return namespaces;
}

function lineField(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function checkTenant(release: StoredRelease, app: PairSide, infra: PairSide): PairFinding[] {
  const findings: PairFinding[] = [];
  const infraFile = descriptorFile(infra);
  if (infra.descriptor === undefined) {
    findings.push({
      role: 'infrastructure',
      file: infraFile,
      check: 'tenant-onboarded',
      message: `${infra.label}: gitops.yaml cannot be read (${infra.descriptorProblem ?? 'missing'}), so its tenants are unknown; fix it and tag a new infrastructure version`,
    });
    return findings;
  }
  const team = release.application_team ?? app.descriptor?.teams?.application;
  if (team === undefined) {
    findings.push({
      role: 'application',
      file: descriptorFile(app),
      check: 'tenant-onboarded',
      message: `${app.label}: neither the release nor gitops.yaml names the application team (teams.application); add it, so that its tenant in ${infra.label} can be found`,
    });
    return findings;
  }
  const tenants = (infra.descriptor.teams?.applications ?? []).filter((tenant) => tenant.team === team);
  const teamLine = lineMatching(infra, infraFile, new RegExp(`team:\\s*["']?${escapeRegExp(team)}["']?\\s*$`));
  if (tenants.length === 0) {
    findings.push({
      role: 'infrastructure',
      file: infraFile,
      ...lineField(lineMatching(infra, infraFile, /^\s*applications:/)),
      check: 'tenant-onboarded',
      message: `${infra.label}: ${team} is not onboarded as a tenant (teams.applications); onboard it (gitops-init add tenant) and release a new infrastructure version`,
    });
    return findings;
  }
  const environment = release.environment;
  if (environment !== undefined) {
    const environments = infra.descriptor.environments;
    if (environments !== undefined && !environments.includes(environment)) {
      findings.push({
        role: 'infrastructure',
        file: infraFile,
        ...lineField(lineMatching(infra, infraFile, /^environments:/)),
        check: 'tenant-onboarded',
        message: `${infra.label}: the release's environment "${environment}" is not one of its environments (${environments.join(', ')}); add it (gitops-init add env) or release to one of them`,
      });
    }
    const inEnvironment = tenants.filter(
      (tenant) => tenant.environments === undefined || tenant.environments.includes(environment),
    );
    if (inEnvironment.length === 0) {
      findings.push({
        role: 'infrastructure',
        file: infraFile,
        ...lineField(teamLine),
        check: 'tenant-onboarded',
        message: `${infra.label}: the tenant of ${team} is onboarded only in ${tenants.flatMap((tenant) => tenant.environments ?? []).join(', ')}, not in "${environment}", the release's environment; add "${environment}" to its environments`,
      });
      return findings;
    }
  }
  const onboarded = new Set(tenants.flatMap((tenant) => tenant.namespaces ?? [tenant.name]));
  for (const [namespace, where] of applicationNamespaces(app)) {
    if (onboarded.has(namespace)) continue;
    findings.push({
      role: 'application',
      file: where.file,
      ...lineField(where.line),
      check: 'tenant-onboarded',
      message: `${app.label}: namespace "${namespace}" is not onboarded for ${team} in ${infra.label} (its namespaces: ${[...onboarded].join(', ')}); deploy to one of those, or add "${namespace}" to the tenant's namespaces in the infrastructure and release it`,
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Every custom resource kind of the application is provided by the infrastructure.

const FLUX_GROUPS = [
  'source.toolkit.fluxcd.io',
  'kustomize.toolkit.fluxcd.io',
  'helm.toolkit.fluxcd.io',
  'notification.toolkit.fluxcd.io',
  'image.toolkit.fluxcd.io',
];

/** The API groups a GitOps tool serves once the infrastructure runs it. */
const TOOL_GROUPS: Readonly<Record<string, readonly string[]>> = {
  argocd: ['argoproj.io'],
  flux: FLUX_GROUPS,
  helm: [],
};

/**
 * Well-known charts (the components `gitops-init add component` is used with) and the API
 * groups of the CustomResourceDefinitions they install.
 */
export const KNOWN_CHART_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'cert-manager': ['cert-manager.io', 'acme.cert-manager.io'],
  'external-secrets': ['external-secrets.io', 'generators.external-secrets.io'],
  'kube-prometheus-stack': ['monitoring.coreos.com'],
  'prometheus-operator-crds': ['monitoring.coreos.com'],
  'sealed-secrets': ['bitnami.com'],
  kyverno: ['kyverno.io', 'wgpolicyk8s.io', 'reports.kyverno.io'],
  gatekeeper: ['templates.gatekeeper.sh', 'config.gatekeeper.sh', 'mutations.gatekeeper.sh', 'status.gatekeeper.sh'],
  'argo-cd': ['argoproj.io'],
  'argo-rollouts': ['argoproj.io'],
  'argo-workflows': ['argoproj.io'],
  flux2: FLUX_GROUPS,
  keda: ['keda.sh', 'eventing.keda.sh'],
  traefik: ['traefik.io', 'traefik.containo.us', 'hub.traefik.io'],
  velero: ['velero.io'],
  'external-dns': ['externaldns.k8s.io'],
  'cloudnative-pg': ['postgresql.cnpg.io'],
  'strimzi-kafka-operator': ['kafka.strimzi.io', 'core.strimzi.io'],
  'opentelemetry-operator': ['opentelemetry.io'],
  'loki-stack': [],
  'ingress-nginx': [],
  'fluent-bit': [],
};

/** The charts the infrastructure installs: Argo CD sources, Flux HelmReleases, Helm dependencies. */
function installedCharts(side: PairSide): Map<string, string> {
  const charts = new Map<string, string>();
  for (const object of side.objects) {
    if (isArgoKind(object, 'Application')) {
      const sources = [
        valueAt(object.value, ['spec', 'source']),
        ...listOf(valueAt(object.value, ['spec', 'sources'])),
      ];
      for (const source of sources) {
        const chart = isRecord(source) && typeof source.chart === 'string' ? source.chart : undefined;
        if (chart !== undefined && !charts.has(chart)) charts.set(chart, object.file);
      }
    } else if (object.group === 'helm.toolkit.fluxcd.io' && object.kind === 'HelmRelease') {
      const chart = stringAt(object.value, 'spec', 'chart', 'spec', 'chart');
      const named = chart ?? object.name;
      if (named !== undefined && !charts.has(named)) charts.set(named, object.file);
    }
  }
  for (const file of side.files) {
    if (path.posix.basename(file) !== 'Chart.yaml') continue;
    const yaml = side.yaml.get(file);
    const value = yaml?.documents[0]?.value;
    for (const dependency of listOf(isRecord(value) ? value.dependencies : undefined)) {
      if (isRecord(dependency) && typeof dependency.name === 'string' && !charts.has(dependency.name))
        charts.set(dependency.name, file);
    }
  }
  return charts;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

interface UsedKind {
  file: string;
  line?: number;
  apiVersion: string;
  kind: string;
  group: string;
}

function customKindsOf(side: PairSide): UsedKind[] {
  const used: UsedKind[] = [];
  for (const object of side.objects) {
    if (object.group === '' || object.group === 'apiextensions.k8s.io') continue;
    if (isNamespacedBuiltin(object.apiVersion, object.kind) !== undefined) continue;
    used.push({
      file: object.file,
      ...lineField(lineOf(side, object, ['kind'])),
      apiVersion: object.apiVersion,
      kind: object.kind,
      group: object.group,
    });
  }
  for (const found of side.templateKinds) {
    const slash = found.apiVersion.lastIndexOf('/');
    const group = slash === -1 ? '' : found.apiVersion.slice(0, slash);
    if (group === '' || group === 'apiextensions.k8s.io') continue;
    if (isNamespacedBuiltin(found.apiVersion, found.kind) !== undefined) continue;
    used.push({ file: found.file, line: found.line, apiVersion: found.apiVersion, kind: found.kind, group });
  }
  return used;
}

function checkKinds(app: PairSide, infra: PairSide): PairFinding[] {
  const findings: PairFinding[] = [];
  // Only the infrastructure's: a tenant's AppProject or service account may not install cluster-scoped kinds.
  const definitions = customResourceVersions(infra.objects);
  const charts = installedCharts(infra);
  const chartGroups = new Set<string>();
  for (const chart of charts.keys()) for (const group of KNOWN_CHART_GROUPS[chart] ?? []) chartGroups.add(group);
  const tool = infra.descriptor?.tool;
  const toolGroups = new Set(tool === undefined ? [] : (TOOL_GROUPS[tool] ?? []));
  const reported = new Set<string>();
  for (const used of customKindsOf(app)) {
    const defined = definitions.filter((version) => version.group === used.group && version.kind === used.kind);
    if (defined.length > 0) {
      if (defined.some((version) => version.apiVersion === used.apiVersion)) continue;
      findings.push({
        role: 'application',
        file: used.file,
        ...lineField(used.line),
        check: 'kind-provided',
        message: `${app.label}: ${used.kind} uses ${used.apiVersion}, which the CustomResourceDefinition in ${infra.label} (${defined[0]?.file ?? ''}) does not serve (it serves ${defined.map((version) => version.apiVersion).join(', ')}); use one of those versions`,
      });
      continue;
    }
    if (chartGroups.has(used.group) || toolGroups.has(used.group)) continue;
    const key = `${used.file} ${used.group}/${used.kind}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const installed = [...charts.keys()];
    findings.push({
      role: 'application',
      file: used.file,
      ...lineField(used.line),
      check: 'kind-provided',
      message: `${app.label}: ${used.kind} (${used.apiVersion}) is not provided by ${infra.label}: no CustomResourceDefinition there defines it, and neither its GitOps tool (${tool ?? 'unknown'}) nor the charts it installs (${installed.length > 0 ? installed.join(', ') : 'none'}) serve ${used.group}; install the operator of ${used.group} in the infrastructure, or remove the object`,
    });
  }
  return findings;
}

/**
 * The application's custom resources against the infrastructure's CustomResourceDefinitions:
 * the application's own lint checks them against its own CRDs only, and the cluster serves the
 * infrastructure's. Values a template or Flux substitution fills in are left out, as
 * manifest-schema leaves them.
 */
function checkCustomResources(app: PairSide, infra: PairSide): PairFinding[] {
  const findings: PairFinding[] = [];
  const definitions = customResourceVersions(infra.objects);
  if (definitions.length === 0) return findings;
  const defined = new Set(definitions.map((version) => `${version.apiVersion} ${version.kind}`));
  const registry = new SchemaRegistry();
  const customResources = (): typeof definitions => definitions;
  for (const object of app.objects) {
    if (!defined.has(`${object.apiVersion} ${object.kind}`) || hasTemplateAction(object.value)) continue;
    const schema = registry.lookup(object.apiVersion, object.kind, customResources);
    if (schema === undefined || schema.origin !== 'repository') continue;
    const seen = new Set<string>();
    for (const problem of schema.validate(object.value)) {
      const keys = pointerSegments(problem.instancePath);
      if (problem.keyword !== 'required' && isTemplatedPath(object.value, keys)) continue;
      const value = valueAt(object.value, keys);
      if (typeof value === 'string' && (value.startsWith('ENC[') || value.includes('${'))) continue;
      const field =
        problem.keyword === 'required'
          ? formatPath([...keys, String(problem.params.missingProperty)])
          : keys.length === 0
            ? 'the object'
            : formatPath(keys);
      if (seen.has(field)) continue;
      seen.add(field);
      findings.push({
        role: 'application',
        file: object.file,
        ...lineField(lineOf(app, object, keys)),
        check: 'custom-resource-valid',
        message: `${app.label}: ${object.kind} "${object.name ?? ''}": ${field} ${problem.keyword === 'required' ? 'is missing, which' : problem.message + ', as'} the CustomResourceDefinition in ${infra.label} (${schema.from}) ${problem.keyword === 'required' ? 'requires' : 'says'}; change the object to match the infrastructure's definition`,
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Sources point at a repository of the pair and a path that exists at its tag.

function pathExists(side: PairSide, given: string): boolean {
  const normalized = path.posix.normalize(given.replace(/^\.\//, '')).replace(/\/+$/, '');
  if (normalized === '.' || normalized === '') return true;
  return side.files.some((file) => file === normalized || file.startsWith(`${normalized}/`));
}

function urlsOf(side: PairSide, located: string, tenantUrls: readonly string[]): string[] {
  return [side.descriptor?.repositoryUrl, isRepositoryUrl(located) ? located : undefined, ...tenantUrls].filter(
    (url): url is string => url !== undefined,
  );
}

function checkSources(release: StoredRelease, app: PairSide, infra: PairSide): PairFinding[] {
  const findings: PairFinding[] = [];
  const team = release.application_team ?? app.descriptor?.teams?.application;
  const tenantUrls = (infra.descriptor?.teams?.applications ?? [])
    .filter((tenant) => tenant.team === team && tenant.repository !== undefined)
    .map((tenant) => tenant.repository ?? '');
  const appUrls = urlsOf(app, app.repository, tenantUrls);
  const infraUrls = urlsOf(infra, infra.repository, []);
  const sideOf = (url: string): PairSide | undefined =>
    appUrls.some((known) => isSameRepository(known, url))
      ? app
      : infraUrls.some((known) => isSameRepository(known, url))
        ? infra
        : undefined;
  // Flux GitRepositories of both repositories, by namespace/name: the tenant's is usually in the infrastructure.
  const gitRepositories = new Map<string, string>();
  for (const side of [app, infra]) {
    for (const object of side.objects) {
      const url = stringAt(object.value, 'spec', 'url');
      if (isGitRepository(object) && object.name !== undefined && url !== undefined)
        gitRepositories.set(`${object.namespace ?? ''}/${object.name}`, url);
    }
  }
  for (const side of [app, infra]) {
    for (const object of side.objects) {
      const targets: { url: string | undefined; path: string; keys: (string | number)[]; what: string }[] = [];
      if (isArgoKind(object, 'Application')) {
        const sources: [unknown, (string | number)[]][] = [
          [valueAt(object.value, ['spec', 'source']), ['spec', 'source']],
        ];
        listOf(valueAt(object.value, ['spec', 'sources'])).forEach((source, index) =>
          sources.push([source, ['spec', 'sources', index]]),
        );
        for (const [source, keys] of sources) {
          if (!isRecord(source) || typeof source.path !== 'string' || typeof source.repoURL !== 'string') continue;
          targets.push({ url: source.repoURL, path: source.path, keys: [...keys, 'path'], what: source.repoURL });
        }
      } else if (isFluxKustomization(object)) {
        const kind = stringAt(object.value, 'spec', 'sourceRef', 'kind');
        const name = stringAt(object.value, 'spec', 'sourceRef', 'name');
        const sourcePath = stringAt(object.value, 'spec', 'path') ?? './';
        if (kind !== 'GitRepository' || name === undefined) continue;
        const namespace = stringAt(object.value, 'spec', 'sourceRef', 'namespace') ?? object.namespace ?? '';
        const url = gitRepositories.get(`${namespace}/${name}`);
        if (url === undefined) {
          // flux-system's own GitRepository comes from bootstrap, not from the repository.
          if (side === infra || name === 'flux-system') continue;
          findings.push({
            role: side.role,
            file: object.file,
            ...lineField(lineOf(side, object, ['spec', 'sourceRef', 'name'])),
            check: 'source-exists',
            message: `${side.label}: Flux Kustomization "${object.name ?? ''}" reconciles GitRepository ${namespace}/${name}, which neither ${app.label} nor ${infra.label} defines; onboard the tenant's GitRepository in the infrastructure, or point sourceRef at the one it defines`,
          });
          continue;
        }
        targets.push({
          url,
          path: sourcePath,
          keys: ['spec', 'path'],
          what: `GitRepository ${namespace}/${name} (${url})`,
        });
      }
      for (const target of targets) {
        if (target.url === undefined || /\$\{|\{\{/.test(target.path)) continue;
        const pointed = sideOf(target.url);
        if (pointed === undefined) {
          if (side === app && isArgoKind(object, 'Application')) {
            findings.push({
              role: side.role,
              file: object.file,
              ...lineField(lineOf(side, object, target.keys.slice(0, -1).concat('repoURL'))),
              check: 'source-exists',
              message: `${side.label}: ${object.kind} "${object.name ?? ''}" deploys from ${target.url}, which is neither ${app.label} (${appUrls[0] ?? app.repository}) nor ${infra.label}; point repoURL at the application repository`,
            });
          }
          continue;
        }
        if (pathExists(pointed, target.path)) continue;
        findings.push({
          role: side.role,
          file: object.file,
          ...lineField(lineOf(side, object, target.keys)),
          check: 'source-exists',
          message: `${side.label}: ${object.kind} "${object.name ?? ''}" deploys path "${target.path}" of ${pointed.label}, which does not exist at that tag; fix the path, or add it to ${pointed.role === 'application' ? 'the application' : 'the infrastructure'}`,
        });
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Every kustomization of both repositories builds.

interface KustomizeOutcome {
  findings: PairFinding[];
  /** False when kubectl is not installed: the builds were skipped. */
  built: boolean;
  count: number;
}

function runKubectl(kubectl: string, directory: string): Promise<{ missing: boolean; status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      kubectl,
      ['kustomize', directory],
      { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error && error.code === 'ENOENT') resolve({ missing: true, status: 127, stderr: '' });
        else
          resolve({
            missing: false,
            status: error ? Number(typeof error.code === 'number' ? error.code : 1) : 0,
            stderr,
          });
      },
    );
  });
}

async function checkKustomizations(sides: readonly PairSide[], kubectl: string): Promise<KustomizeOutcome> {
  const jobs = sides.flatMap((side) =>
    side.files.filter((file) => isKustomizationFile(path.posix.basename(file))).map((file) => ({ side, file })),
  );
  const findings: PairFinding[] = [];
  let missing = false;
  // Two at a time: each kubectl is a process of its own.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length && !missing) {
      const job = jobs[next++];
      if (job === undefined) break;
      const result = await runKubectl(
        kubectl,
        path.join(job.side.directory, ...path.posix.dirname(job.file).split('/')),
      );
      if (result.missing) {
        missing = true;
        break;
      }
      if (result.status !== 0) {
        const reason =
          result.stderr
            .split('\n')
            .map((line) => line.replace(/^error:\s*/i, '').trim())
            .find((line) => line !== '') ?? `kubectl exited with ${result.status}`;
        findings.push({
          role: job.side.role,
          file: job.file,
          check: 'kustomize-build',
          message: `${job.side.label}: kubectl kustomize ${path.posix.dirname(job.file)} fails: ${reason.replaceAll(job.side.directory + path.sep, '')}; fix the kustomization`,
        });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return missing ? { findings: [], built: false, count: jobs.length } : { findings, built: true, count: jobs.length };
}

export interface PairCheckResult {
  findings: PairFinding[];
  /** One-line notes (not problems), e.g. that the kustomize builds were skipped. */
  notices: string[];
  /** Whether the kustomizations were built (kubectl was found). */
  kustomizeBuilt: boolean;
}

/**
 * Checks the two repositories together: tenant onboarding, custom resource kinds, sources and
 * kustomize builds. `kubectl` is the command that builds kustomizations (default `kubectl`);
 * where it is missing, the builds are skipped with a notice.
 */
export async function checkPair(
  opened: OpenedVerification,
  options: { kubectl?: string } = {},
): Promise<PairCheckResult> {
  const { release, application, infrastructure } = opened;
  const findings = [
    ...checkTenant(release, application, infrastructure),
    ...checkKinds(application, infrastructure),
    ...checkCustomResources(application, infrastructure),
    ...checkSources(release, application, infrastructure),
  ];
  const kustomize = await checkKustomizations([application, infrastructure], options.kubectl ?? 'kubectl');
  for (const finding of kustomize.findings) findings.push(finding);
  const notices = kustomize.built
    ? []
    : [
        `kubectl is not installed: the build check of ${kustomize.count} kustomization(s) was skipped; install kubectl to run it`,
      ];
  return { findings, notices, kustomizeBuilt: kustomize.built };
}

/** The record of a successful verification, as the manifest keeps it. */
export interface Verification {
  time: string;
  application_commit: string;
  infrastructure_commit: string;
}

/**
 * Writes `verified` into the release's manifest. A promoted or rolled-back release is history
 * and is left as it is (false is returned).
 */
export async function recordVerification(options: {
  cwd?: string;
  name: string;
  verified: Verification;
}): Promise<boolean> {
  const ctx = context(options.cwd);
  return withRepositoryLock(ctx.root, async () => {
    const release = findRelease(readReleases(ctx.root, ctx.directory, ctx.layout), options.name, ctx.directory);
    if (release.status === 'promoted' || release.status === 'rolled-back') return false;
    const { file, ...fields } = release;
    await writeFileAtomically(
      path.join(ctx.root, ...file.split('/')),
      renderManifest({ ...fields, verified: options.verified }),
      { root: ctx.root },
    );
    return true;
  });
}
