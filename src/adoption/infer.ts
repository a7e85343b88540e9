/**
 * What an existing repository is, read from its files: the answers `gitops-init init` writes
 * into gitops.yaml, each with the files that decided it. Pure: the caller lists and reads the
 * files (as lint does) and gives git's remote.
 */
import path from 'node:path';
import type { GitopsTool, RepositoryKind } from '../config/descriptor.js';
import { isNamespacedBuiltin } from '../manifests/api-resources.js';
import { customResourceScopes } from '../manifests/crd.js';
import { FLUX_NAMESPACE, isArgoKind, isFluxKustomization, isHelmRelease } from '../manifests/gitops.js';
import { isKustomizationFile } from '../manifests/kustomize.js';
import { objectsOf, stringAt, valueAt, type KubernetesObject } from '../manifests/objects.js';
import { parseYamlFile } from '../manifests/yaml-file.js';
import type { Host } from '../scaffold/answers.js';
import { findEnvironments, namespaceStem } from './environments.js';
import { parseRemoteUrl, type RemoteRepository } from './remote.js';
import { findCodeownersFile, teamsFromCodeowners, type CodeownersTeams } from './teams.js';
import { helmTemplateDirectories, isYamlTemplate, templateKinds } from './templates.js';
import { isWorkloadKind } from '../manifests/workloads.js';

/** An inferred answer, the paths that decided it and why. */
export interface Inferred<T> {
  value: T;
  /**
   * Repository-relative paths (a directory with a trailing slash, a CODEOWNERS line as
   * `file:line`) or `git remote origin`; empty when nothing in the repository decided it.
   */
  sources: string[];
  /** Why, in a few words. */
  reason: string;
}

/** What the inference reads. */
export interface AdoptionSource {
  /** The repository's files as lint lists them: repository-relative POSIX paths, sorted. */
  files: readonly string[];
  /** A file's text, or undefined when it cannot be read as text (too large, binary, a link out). */
  text(file: string): string | undefined;
  /** The repository directory's name, for the repository name when no URL gives one. */
  directoryName: string;
  /** `git remote get-url origin`, when there is one. */
  remoteUrl?: string | undefined;
  /** required-paths' defaults for a kind and tool (the rule's own function). */
  defaultRequiredPaths: (kind: RepositoryKind, tool: GitopsTool) => string[];
}

export type LayoutKey = `${RepositoryKind}/${GitopsTool}`;

/** Everything inferred from a repository. */
export interface Adoption {
  tool: Inferred<GitopsTool> | undefined;
  kind: Inferred<RepositoryKind>;
  name: Inferred<string>;
  org: Inferred<string> | undefined;
  host: Inferred<Host> | undefined;
  repositoryUrl: Inferred<string> | undefined;
  environments: Inferred<string[]> | undefined;
  /** The teams its CODEOWNERS names, for either kind. */
  codeowners: CodeownersTeams | undefined;
  /** Namespaces its objects use (gitops.yaml `namespaces` of an application repository). */
  namespaces: Inferred<string[]> | undefined;
  /** Namespaces its workloads run in (`platform.workloads.namespaces` of an infrastructure repository). */
  workloadNamespaces: Inferred<string[]> | undefined;
  /** The required-paths list that describes its layout, for each kind and tool. */
  layouts: Record<LayoutKey, Inferred<string[]>>;
  /** Things worth saying that are no answer: both tools present, an origin that is a local path. */
  notes: string[];
  /** What was read. */
  scanned: { files: number; manifests: number; objects: number; templates: number; charts: number };
}

/** Thrown as data: the directory holds nothing GitOps-like. */
export interface NothingToAdopt {
  nothing: true;
  scanned: Adoption['scanned'];
}

/** A GitHub organisation or GitLab group, as `gitops-init new` takes one. */
const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

const YAML_NAME = /\.ya?ml$|(^|\/)Kustomization$/i;

/** Namespaces of the cluster and the GitOps tools themselves, which no tenant owns. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', FLUX_NAMESPACE, 'argocd']);

/**
 * Custom kinds that are cluster-scoped by their project's definition, for repositories that
 * install the CRDs from a chart rather than commit them.
 */
const KNOWN_CLUSTER_SCOPED = new Set([
  'cert-manager.io/ClusterIssuer',
  'kyverno.io/ClusterPolicy',
  'kyverno.io/ClusterCleanupPolicy',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
  'gateway.networking.k8s.io/GatewayClass',
  'templates.gatekeeper.sh/ConstraintTemplate',
  'cilium.io/CiliumClusterwideNetworkPolicy',
  'karpenter.sh/NodePool',
  'metallb.io/IPAddressPool',
  'snapshot.storage.k8s.io/VolumeSnapshotClass',
]);

const ROLE_DIRECTORIES: Readonly<Record<RepositoryKind, readonly string[]>> = {
  infrastructure: ['clusters/', 'infrastructure/', 'apps/', 'tenants/', 'releases/'],
  application: ['deploy/', 'chart/', 'charts/'],
};

/** The standard files required-paths keeps required: what an adopted repository has. */
const STANDARD_FILES = new Set(['gitops.yaml', 'README.md', 'CHANGELOG.md', 'VERSION']);

/** A kind found in the repository: a parsed object, or a template's literal kind. */
interface FoundKind {
  file: string;
  group: string;
  kind: string;
  apiVersion: string;
  object?: KubernetesObject;
}

function isFluxKind(found: FoundKind): boolean {
  return found.group.endsWith('.toolkit.fluxcd.io');
}

function isArgoCdKind(found: FoundKind): boolean {
  return found.group === 'argoproj.io' && ['Application', 'ApplicationSet', 'AppProject'].includes(found.kind);
}

function describeKind(found: FoundKind): string {
  return `${found.kind} (${found.group === '' ? 'core' : found.group})`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A value that is a template or a substitution, not a name: `${VAR}`, `{{ .x }}`. */
function isTemplated(value: string): boolean {
  return /\$\{|\{\{|#\{/.test(value);
}

/** A name made into a DNS-1123 label (the descriptor's `name`), or undefined when nothing is left. */
export function toDnsLabel(text: string): string | undefined {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label === '' ? undefined : label;
}

interface Scan {
  objects: KubernetesObject[];
  kinds: FoundKind[];
  charts: string[];
  kustomizations: string[];
  /** Helm charts' template directories (`<chart>/templates/`). */
  helmTemplates: string[];
  manifests: number;
  templates: number;
}

function scan(source: AdoptionSource): Scan {
  const helmTemplates = helmTemplateDirectories(source.files);
  const result: Scan = {
    objects: [],
    kinds: [],
    charts: [],
    kustomizations: [],
    helmTemplates,
    manifests: 0,
    templates: 0,
  };
  for (const file of source.files) {
    if (path.posix.basename(file) === 'Chart.yaml') result.charts.push(file);
    if (isKustomizationFile(file)) result.kustomizations.push(file);
    if (isYamlTemplate(file, helmTemplates)) {
      const text = source.text(file);
      if (text === undefined) continue;
      const kinds = templateKinds(file, text);
      if (kinds.length > 0) result.templates += 1;
      for (const kind of kinds) result.kinds.push(kind);
      continue;
    }
    if (!YAML_NAME.test(file)) continue;
    const text = source.text(file);
    // Only documents with both fields are objects: most other YAML is never parsed.
    if (text === undefined || !/^\s*apiVersion\s*:/m.test(text) || !/^\s*kind\s*:/m.test(text)) continue;
    const objects = objectsOf(parseYamlFile(file, text));
    if (objects.length > 0) result.manifests += 1;
    for (const object of objects) {
      result.objects.push(object);
      result.kinds.push({ file, group: object.group, kind: object.kind, apiVersion: object.apiVersion, object });
    }
  }
  return result;
}

function inferTool(found: Scan): Inferred<GitopsTool> | undefined {
  const flux = found.kinds.filter(isFluxKind);
  const argo = found.kinds.filter(isArgoCdKind);
  const first = (list: readonly FoundKind[]): FoundKind | undefined => list[0];
  if (flux.length > 0 && argo.length > 0) {
    // The majority; on a tie, the tool whose objects come first in the tree.
    const fluxFirst = found.kinds.indexOf(flux[0] as FoundKind) < found.kinds.indexOf(argo[0] as FoundKind);
    const chosen = flux.length > argo.length || (flux.length === argo.length && fluxFirst) ? 'flux' : 'argocd';
    const winner = chosen === 'flux' ? flux : argo;
    const reason = `both Flux (${plural(flux.length, 'object')}) and Argo CD (${plural(argo.length, 'object')}) are here: chose ${chosen === 'flux' ? 'Flux' : 'Argo CD'}, ${flux.length === argo.length ? 'whose objects come first (a tie)' : 'the majority'}`;
    return { value: chosen, sources: [first(winner)?.file ?? ''], reason };
  }
  const winner = flux.length > 0 ? flux : argo;
  const decider = first(winner);
  if (decider) {
    return {
      value: flux.length > 0 ? 'flux' : 'argocd',
      sources: [decider.file],
      reason: `${describeKind(decider)}${winner.length > 1 ? `, and ${plural(winner.length - 1, 'more object')} of ${flux.length > 0 ? 'Flux' : 'Argo CD'}` : ''}`,
    };
  }
  const chart = found.charts[0];
  if (chart !== undefined) {
    return {
      value: 'helm',
      sources: [chart],
      reason: `a Helm chart${found.charts.length > 1 ? ` (and ${found.charts.length - 1} more)` : ''}, and no Flux or Argo CD objects`,
    };
  }
  return undefined;
}

/** The namespace an object is applied in, as no-workloads-in-infrastructure resolves it: its own, else its kustomization's. */
function namespaceOf(object: KubernetesObject, source: AdoptionSource, files: ReadonlySet<string>): string | undefined {
  if (object.namespace !== undefined) return object.namespace;
  const directory = path.posix.dirname(object.file);
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const candidate = directory === '.' ? name : `${directory}/${name}`;
    if (!files.has(candidate)) continue;
    const text = source.text(candidate);
    if (text === undefined) continue;
    const yaml = parseYamlFile(candidate, text);
    const namespace = yaml.errors.length === 0 ? valueAt(yaml.documents[0]?.value, ['namespace']) : undefined;
    if (typeof namespace === 'string') return namespace;
  }
  return undefined;
}

interface NamespaceUse {
  namespace: string;
  file: string;
}

/** Every namespace the repository's objects are applied in or deploy to, with the first file that uses it. */
function namespaceUses(found: Scan, source: AdoptionSource): NamespaceUse[] {
  const uses: NamespaceUse[] = [];
  const add = (namespace: string | undefined, file: string): void => {
    if (namespace === undefined || namespace === '' || isTemplated(namespace)) return;
    uses.push({ namespace, file });
  };
  const customScopes = customResourceScopes(found.objects);
  for (const file of found.kustomizations) {
    const text = source.text(file);
    if (text === undefined) continue;
    const yaml = parseYamlFile(file, text);
    const namespace = yaml.errors.length === 0 ? valueAt(yaml.documents[0]?.value, ['namespace']) : undefined;
    if (typeof namespace === 'string') add(namespace, file);
  }
  for (const object of found.objects) {
    if (object.group === '' && object.kind === 'Namespace') add(object.name, object.file);
    const namespaced =
      isNamespacedBuiltin(object.apiVersion, object.kind) ?? customScopes.get(`${object.group}/${object.kind}`);
    const isArgo =
      isArgoKind(object, 'Application') || isArgoKind(object, 'ApplicationSet') || isArgoKind(object, 'AppProject');
    if (namespaced !== false && !isArgo) add(object.namespace, object.file);
    if (isFluxKustomization(object) || isHelmRelease(object))
      add(stringAt(object.value, 'spec', 'targetNamespace'), object.file);
    if (isArgoKind(object, 'Application')) add(stringAt(object.value, 'spec', 'destination', 'namespace'), object.file);
  }
  return uses;
}

function distinct(uses: readonly NamespaceUse[]): NamespaceUse[] {
  const seen = new Map<string, NamespaceUse>();
  for (const use of uses) if (!seen.has(use.namespace)) seen.set(use.namespace, use);
  return [...seen.values()];
}

function isClusterScoped(found: FoundKind, customScopes: ReadonlyMap<string, boolean>): boolean {
  if (found.group === '' && found.kind === 'Namespace') return false;
  return (
    isNamespacedBuiltin(found.apiVersion, found.kind) === false ||
    customScopes.get(`${found.group}/${found.kind}`) === false ||
    KNOWN_CLUSTER_SCOPED.has(`${found.group}/${found.kind}`)
  );
}

function inferKind(
  found: Scan,
  uses: readonly NamespaceUse[],
  workloads: readonly NamespaceUse[],
): Inferred<RepositoryKind> {
  const infrastructure = (file: string, reason: string): Inferred<RepositoryKind> => ({
    value: 'infrastructure',
    sources: [file],
    reason,
  });
  const bootstrap = found.kinds.find(
    (entry) =>
      isFluxKind(entry) &&
      (entry.file.split('/').includes(FLUX_NAMESPACE) ||
        (entry.object?.name === FLUX_NAMESPACE && entry.object.namespace === FLUX_NAMESPACE)),
  );
  if (bootstrap) return infrastructure(bootstrap.file, "Flux's bootstrap (flux-system): a cluster's entry point");
  const cluster = found.kinds.find((entry) => /^(.*\/)?clusters\/[^/]+\/./.test(entry.file));
  if (cluster) {
    const directory = /^((?:.*\/)?clusters\/[^/]+\/)/.exec(cluster.file)?.[1] ?? cluster.file;
    return infrastructure(cluster.file, `a cluster's entry point (${directory})`);
  }
  const fleet = found.kinds.find(
    (entry) => entry.group === 'argoproj.io' && (entry.kind === 'ApplicationSet' || entry.kind === 'AppProject'),
  );
  if (fleet) {
    return infrastructure(
      fleet.file,
      fleet.kind === 'ApplicationSet'
        ? 'an Argo CD ApplicationSet: applications generated for clusters or teams'
        : 'an Argo CD AppProject: a boundary between teams',
    );
  }
  // An Application in a Helm chart's templates is rendered once per entry of its values: an app of apps.
  const appOfApps = found.kinds.find(
    (entry) => entry.object === undefined && entry.group === 'argoproj.io' && entry.kind === 'Application',
  );
  if (appOfApps && found.helmTemplates.some((directory) => appOfApps.file.startsWith(directory))) {
    return infrastructure(
      appOfApps.file,
      "an Argo CD Application templated in a Helm chart: an app of apps, a cluster's entry point",
    );
  }
  const customScopes = customResourceScopes(found.objects);
  const clusterScoped = found.kinds.find((entry) => isClusterScoped(entry, customScopes));
  if (clusterScoped) return infrastructure(clusterScoped.file, `a cluster-scoped ${describeKind(clusterScoped)}`);
  // Several applications' namespaces (the environments taken out of their names): tenants.
  const tenants = new Map<string, NamespaceUse>();
  for (const use of uses) {
    if (SYSTEM_NAMESPACES.has(use.namespace) || use.namespace === 'default') continue;
    const stem = namespaceStem(use.namespace);
    if (!tenants.has(stem)) tenants.set(stem, use);
  }
  if (tenants.size > 1) {
    const listed = [...tenants.values()];
    return infrastructure(
      listed[1]?.file ?? '',
      `namespaces of several applications (${listed
        .slice(0, 4)
        .map((use) => use.namespace)
        .join(', ')}${listed.length > 4 ? ', …' : ''})`,
    );
  }
  const workload = workloads[0];
  const workloadObject = found.objects.find((object) => isWorkloadKind(object.group, object.kind));
  if (workload && workloadObject) {
    return {
      value: 'application',
      sources: [workloadObject.file],
      reason: `one application's workloads (${workloadObject.kind}${workloadObject.name === undefined ? '' : ` "${workloadObject.name}"`}${workload.namespace === 'default' ? '' : ` in namespace ${workload.namespace}`}), nothing cluster-wide`,
    };
  }
  const chart = found.charts[0];
  if (chart !== undefined && found.charts.length === 1)
    return { value: 'application', sources: [chart], reason: 'a single Helm chart, nothing cluster-wide' };
  const first = found.kinds[0]?.file ?? found.charts[0] ?? found.kustomizations[0] ?? '';
  return { value: 'application', sources: [first], reason: 'no cluster entry point and nothing cluster-wide' };
}

/** The repository's URL: origin's, else the one Flux was bootstrapped from (flux-system's GitRepository). */
function inferRemote(
  found: Scan,
  source: AdoptionSource,
  notes: string[],
): { remote: RemoteRepository; source: string; reason: string } | undefined {
  if (source.remoteUrl !== undefined && source.remoteUrl.trim() !== '') {
    const remote = parseRemoteUrl(source.remoteUrl);
    if (remote) return { remote, source: 'git remote origin', reason: `origin is ${remote.url}` };
    notes.push(`git's origin (${source.remoteUrl.trim()}) is not a hosted repository's URL; it was not used`);
  }
  const bootstrap = found.objects.find(
    (object) =>
      object.group === 'source.toolkit.fluxcd.io' &&
      object.kind === 'GitRepository' &&
      object.name === FLUX_NAMESPACE &&
      (object.namespace === FLUX_NAMESPACE || object.file.split('/').includes(FLUX_NAMESPACE)),
  );
  const url = bootstrap ? stringAt(bootstrap.value, 'spec', 'url') : undefined;
  const remote = url === undefined ? undefined : parseRemoteUrl(url);
  if (bootstrap && remote) {
    return { remote, source: bootstrap.file, reason: `Flux was bootstrapped from ${remote.url}` };
  }
  return undefined;
}

function layoutOf(
  kind: RepositoryKind,
  tool: GitopsTool,
  source: AdoptionSource,
  found: Scan,
  hasDirectory: (directory: string) => boolean,
): Inferred<string[]> {
  const files = new Set(source.files);
  const defaults = source.defaultRequiredPaths(kind, tool);
  const standard = defaults.filter((entry) => STANDARD_FILES.has(entry));
  const exists = (entry: string): boolean =>
    entry.endsWith('/') ? hasDirectory(entry.slice(0, -1)) : files.has(entry);
  const present = defaults.filter((entry) => !STANDARD_FILES.has(entry) && exists(entry));
  for (const directory of ROLE_DIRECTORIES[kind]) {
    if (!present.some((entry) => entry.startsWith(directory)) && exists(directory)) present.push(directory);
  }
  // An application's deployment that is not where the default layout has it: its chart or base.
  if (kind === 'application' && present.length === 0) {
    const base =
      tool === 'helm'
        ? found.charts.length === 1
          ? found.charts[0]
          : undefined
        : found.kustomizations.find((file) => /(^|\/)base\/kustomization\.ya?ml$/.test(file));
    if (base !== undefined && !present.some((entry) => base.startsWith(entry))) present.push(base);
  }
  return {
    value: [...standard, ...present],
    sources: present,
    reason:
      present.length === 0
        ? 'none of the directories of the standard layout are here'
        : `the standard files, and what the repository has of the ${kind} layout`,
  };
}

/**
 * Infers gitops.yaml's answers from a repository's files, or says that there is nothing
 * GitOps-like in it (no Flux or Argo CD object, Helm chart, kustomization or Kubernetes object).
 */
export function inferAdoption(source: AdoptionSource): Adoption | NothingToAdopt {
  const found = scan(source);
  const scanned = {
    files: source.files.length,
    manifests: found.manifests,
    objects: found.objects.length,
    templates: found.templates,
    charts: found.charts.length,
  };
  if (found.kinds.length === 0 && found.charts.length === 0 && found.kustomizations.length === 0) {
    return { nothing: true, scanned };
  }
  const notes: string[] = [];
  const fileSet = new Set(source.files);
  const directories = new Set<string>();
  for (const file of source.files) {
    for (let directory = path.posix.dirname(file); directory !== '.'; directory = path.posix.dirname(directory))
      directories.add(directory);
  }
  const hasDirectory = (directory: string): boolean => directories.has(directory);

  const tool = inferTool(found);
  const uses = namespaceUses(found, source);
  const workloads: NamespaceUse[] = [];
  for (const object of found.objects) {
    if (!isWorkloadKind(object.group, object.kind)) continue;
    workloads.push({ namespace: namespaceOf(object, source, fileSet) ?? 'default', file: object.file });
  }
  const kind = inferKind(found, uses, workloads);

  const remote = inferRemote(found, source, notes);
  const fromDirectory = toDnsLabel(source.directoryName);
  const remoteName = remote ? toDnsLabel(remote.remote.name) : undefined;
  const name: Inferred<string> =
    remote && remoteName !== undefined
      ? { value: remoteName, sources: [remote.source], reason: remote.reason }
      : {
          value: fromDirectory ?? 'repository',
          sources: [],
          reason: `the directory's name${fromDirectory === source.directoryName ? '' : ` (${source.directoryName}), made a DNS-1123 label`}`,
        };

  const codeownersHost: Host | undefined = fileSet.has('.github/CODEOWNERS')
    ? 'github'
    : fileSet.has('.gitlab/CODEOWNERS')
      ? 'gitlab'
      : undefined;
  let host: Inferred<Host> | undefined;
  if (remote?.remote.host) host = { value: remote.remote.host, sources: [remote.source], reason: remote.reason };
  else if (codeownersHost) {
    const file = codeownersHost === 'github' ? '.github/CODEOWNERS' : '.gitlab/CODEOWNERS';
    host = {
      value: codeownersHost,
      sources: [file],
      reason: `CODEOWNERS is where ${codeownersHost === 'github' ? 'GitHub' : 'GitLab'} reads it`,
    };
  } else if (fileSet.has('.gitlab-ci.yml')) {
    host = { value: 'gitlab', sources: ['.gitlab-ci.yml'], reason: "GitLab's CI file" };
  } else if (hasDirectory('.github')) {
    const first = source.files.find((file) => file.startsWith('.github/')) ?? '.github/';
    host = { value: 'github', sources: [first], reason: "GitHub's .github/ directory" };
  }

  const codeownersFile = findCodeownersFile((file) => fileSet.has(file), host?.value);
  const codeownersText = codeownersFile === undefined ? undefined : source.text(codeownersFile);
  const codeowners =
    codeownersFile !== undefined && codeownersText !== undefined
      ? teamsFromCodeowners(
          codeownersFile,
          codeownersText,
          host?.value ?? (codeownersFile.startsWith('.gitlab/') ? 'gitlab' : 'github'),
          source.files,
        )
      : undefined;

  let org: Inferred<string> | undefined;
  if (remote?.remote.owner !== undefined && ORG.test(remote.remote.owner)) {
    org = { value: remote.remote.owner, sources: [remote.source], reason: remote.reason };
  } else {
    const team = codeowners?.infrastructure.platform ?? codeowners?.application.application;
    const owner = team ? /^@([^/]+)\//.exec(team.team)?.[1] : undefined;
    if (team && owner !== undefined && ORG.test(owner))
      org = { value: owner, sources: [team.source], reason: `the organisation of ${team.team}` };
  }

  const repositoryUrl: Inferred<string> | undefined = remote
    ? { value: remote.remote.url, sources: [remote.source], reason: remote.reason }
    : undefined;

  const foundEnvironments = findEnvironments(source.files);
  const environments: Inferred<string[]> | undefined =
    foundEnvironments.length === 0
      ? undefined
      : {
          value: foundEnvironments.map((environment) => environment.name),
          sources: foundEnvironments.map((environment) => environment.source),
          reason: 'the environments its layout names, in promotion order',
        };

  const applicationUses = distinct(uses.filter((use) => use.namespace !== 'default'));
  const namespaces: Inferred<string[]> | undefined =
    applicationUses.length === 0
      ? undefined
      : {
          value: applicationUses.map((use) => use.namespace).sort(),
          sources: [...new Set(applicationUses.map((use) => use.file))],
          reason: 'the namespaces its objects use',
        };
  const platformWorkloads = distinct(workloads.filter((use) => !SYSTEM_NAMESPACES.has(use.namespace)));
  const workloadNamespaces: Inferred<string[]> | undefined =
    platformWorkloads.length === 0
      ? undefined
      : {
          value: platformWorkloads.map((use) => use.namespace).sort(),
          sources: [...new Set(platformWorkloads.map((use) => use.file))],
          reason: 'where its workloads run: the platform components it deploys today',
        };

  const layouts = {} as Record<LayoutKey, Inferred<string[]>>;
  for (const layoutKind of ['infrastructure', 'application'] as const)
    for (const layoutTool of ['argocd', 'flux', 'helm'] as const)
      layouts[`${layoutKind}/${layoutTool}`] = layoutOf(layoutKind, layoutTool, source, found, hasDirectory);

  return {
    tool,
    kind,
    name,
    org,
    host,
    repositoryUrl,
    environments,
    codeowners,
    namespaces,
    workloadNamespaces,
    layouts,
    notes,
    scanned,
  };
}

/** Whether the inference found nothing GitOps-like. */
export function isNothingToAdopt(result: Adoption | NothingToAdopt): result is NothingToAdopt {
  return 'nothing' in result;
}
