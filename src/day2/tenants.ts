import { isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { BLOCK_BEGIN, renderOwnershipBlock, updateOwnershipBlock } from '../codeowners/sync.js';
import { parseDescriptor } from '../config/descriptor.js';
import { ConfigError, UsageError } from '../errors.js';
import {
  parseTeam,
  repositoryUrl,
  resolveTenants,
  teamSlug,
  validateAnswers,
  type Host,
  type RawAnswers,
  type ResolvedTenant,
  type ScaffoldAnswers,
  type TenantAnswer,
} from '../scaffold/answers.js';
import type { ScaffoldGenerator } from '../scaffold/index.js';
import { COMPONENT_CHARTS } from '../scaffold/model.js';
import { createChange, modifyChange, readRepositoryFile, type FileChange } from './plan.js';
import {
  byPath,
  deletions,
  refuseConflicts,
  renderDifference,
  reRender,
  runDay2,
  type Day2Options,
  type Day2Repository,
  type Day2Result,
} from './repository.js';

export interface TenantOptions extends Day2Options {
  /** `add tenant`: the tenant's name (its AppProject, service account, files); default: the team slug. */
  name?: string;
  /** `add tenant`: its namespaces, the first the one it deploys to; default: its name. */
  namespaces?: string[];
  /** `add tenant`: its application repository's clone URL; default: <host>/<org>/<name>.git. */
  repositoryUrl?: string;
  /** `add tenant`: the environments it is onboarded in; default: every environment. */
  environments?: string[];
}

export interface TenantResult extends Day2Result {
  /** The tenant added or removed, with every detail. */
  tenant: ResolvedTenant;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Namespaces of the platform: the GitOps controllers', Kubernetes' own and the components'. */
function platformNamespaces(answers: ScaffoldAnswers): Set<string> {
  const namespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  namespaces.add(answers.tool === 'argocd' ? 'argocd' : 'flux-system');
  for (const chart of Object.values(COMPONENT_CHARTS)) if (chart) namespaces.add(chart.namespace);
  return namespaces;
}

function show(value: string): string {
  return JSON.stringify(value);
}

function requireInfrastructure(repository: Day2Repository, command: string): void {
  if (repository.answers.kind !== 'infrastructure') {
    throw new UsageError(
      `${command}: ${repository.descriptor} is an application repository; tenants are onboarded in the infrastructure repository`,
      { code: 'WRONG_KIND' },
    );
  }
}

/** Answers with `tenants` given in full, normalised as gitops.yaml would give them back. */
function answersWith(answers: ScaffoldAnswers, tenants: readonly TenantAnswer[], descriptor: string): ScaffoldAnswers {
  const raw: RawAnswers = {
    kind: answers.kind,
    tool: answers.tool,
    name: answers.name,
    org: answers.org,
    platformTeam: answers.platformTeam,
    appTeams: tenants.map((tenant) => tenant.team),
    envs: answers.envs,
    host: answers.host,
    ci: answers.ci,
    hooks: answers.hooks,
    defaultBranch: answers.defaultBranch,
    tenants,
  };
  const { answers: checked, problems } = validateAnswers(raw, answers.created);
  if (!checked) throw new ConfigError(`${descriptor}: ${problems.map((problem) => problem.message).join('; ')}`);
  return checked;
}

/** The tenant `add tenant` describes, checked against the repository's other tenants. */
function newTenant(team: string, options: TenantOptions, repository: Day2Repository): ResolvedTenant {
  const { answers } = repository;
  const parsed = parseTeam(team);
  if (parsed === undefined) throw new UsageError(`team ${show(team)}: must be a team as @org/team-slug`);
  if (parsed.org.toLowerCase() !== answers.org.toLowerCase()) {
    throw new UsageError(`team ${show(team)}: not a team of ${show(answers.org)}, the organisation of this repository`);
  }
  if (team.toLowerCase() === answers.platformTeam.toLowerCase()) {
    throw new UsageError(`team ${show(team)} is the platform team; it cannot also be a tenant`);
  }
  const name = options.name ?? teamSlug(team);
  if (!DNS_LABEL.test(name)) {
    throw new UsageError(
      `${options.name === undefined ? `team ${show(team)}: its slug` : '{{option:name}}'} ${show(name)}: not a DNS label (lower-case letters, digits and "-", at most 63, starting and ending with a letter or digit)${options.name === undefined ? '; give the tenant a name with {{option:name}}' : ''}`,
    );
  }
  const namespaces = options.namespaces ?? [name];
  if (namespaces.length === 0) throw new UsageError('{{option:namespaces}}: give at least one namespace');
  for (const namespace of namespaces) {
    if (!DNS_LABEL.test(namespace)) {
      throw new UsageError(
        `{{option:namespaces}} ${show(namespace)}: not a DNS label (lower-case letters, digits and "-", at most 63)`,
      );
    }
  }
  if (new Set(namespaces).size !== namespaces.length) {
    throw new UsageError(`{{option:namespaces}} ${show(namespaces.join(','))}: a namespace is listed twice`);
  }
  const reserved = platformNamespaces(answers);
  const platform = namespaces.find((namespace) => reserved.has(namespace));
  if (platform !== undefined) {
    throw new UsageError(
      `${options.namespaces === undefined ? `tenant ${show(name)}: its namespace` : '{{option:namespaces}}'} ${show(platform)} belongs to the platform; choose another with {{option:namespaces}}`,
    );
  }
  const repositoryUrlGiven = options.repositoryUrl?.trim();
  if (repositoryUrlGiven === '') throw new UsageError('{{option:repositoryUrl}}: give the clone URL of the repository');
  const environments = options.environments ?? answers.envs;
  if (environments.length === 0) throw new UsageError('{{option:environments}}: give at least one environment');
  const unknown = environments.find((env) => !answers.envs.includes(env));
  if (unknown !== undefined) {
    throw new UsageError(
      `{{option:environments}} ${show(unknown)}: not an environment of this repository (${answers.envs.join(', ')})`,
    );
  }
  const ordered = answers.envs.filter((env) => environments.includes(env));
  const url = repositoryUrlGiven ?? repositoryUrl(answers.host, answers.org, name);
  if (url === repositoryUrl(answers.host, answers.org, answers.name)) {
    throw new UsageError(
      `${repositoryUrlGiven === undefined ? `tenant ${show(name)}: its repository` : '{{option:repositoryUrl}}'} ${show(url)} is this infrastructure repository; give the team's own with {{option:repositoryUrl}}`,
    );
  }
  return {
    team,
    name,
    namespaces,
    repository: url,
    environments: ordered,
    hasEnvironmentSubset: ordered.length < answers.envs.length,
  };
}

function sameTenant(a: ResolvedTenant, b: ResolvedTenant): boolean {
  return (
    a.name === b.name &&
    a.repository === b.repository &&
    a.namespaces.join() === b.namespaces.join() &&
    a.environments.join() === b.environments.join()
  );
}

function describeTenant(tenant: ResolvedTenant): string {
  return `name ${show(tenant.name)}, namespaces ${tenant.namespaces.join(',')}, repository ${tenant.repository}, environments ${tenant.environments.join(',')}`;
}

function asAnswer(tenant: ResolvedTenant): TenantAnswer {
  return {
    team: tenant.team,
    name: tenant.name,
    namespaces: tenant.namespaces,
    repository: tenant.repository,
    ...(tenant.hasEnvironmentSubset ? { environments: tenant.environments } : {}),
  };
}

/** The lines gitops.yaml's template renders for a tenant, its item's dash at `indent`. */
function entryLines(tenant: ResolvedTenant, indent: string): string {
  const list = (items: readonly string[]): string[] => items.map((item) => `${indent}    - ${show(item)}`);
  const lines = [
    `${indent}- name: ${show(tenant.name)}`,
    `${indent}  team: ${show(tenant.team)}`,
    `${indent}  namespaces:`,
    ...list(tenant.namespaces),
    `${indent}  repository: ${show(tenant.repository)}`,
    ...(tenant.hasEnvironmentSubset ? [`${indent}  environments:`, ...list(tenant.environments)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where a node that ends at `offset` ends, as a whole line. */
function lineEnd(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

function teamsOf(file: string, text: string): { teams: YAMLMap | undefined; applications: YAMLSeq | undefined } {
  const document = parseDocument(text);
  const teams = document.get('teams', true);
  if (teams !== undefined && !isMap(teams))
    throw new ConfigError(`${file}: "teams" is not a mapping; fix it, then run again`);
  const applications = teams?.get('applications', true);
  if (applications !== undefined && !isSeq(applications)) {
    throw new ConfigError(`${file}: "teams.applications" is not a list; fix it, then run again`);
  }
  return { teams, applications };
}

/**
 * gitops.yaml with the tenant appended to `teams.applications` (the list made when absent), as
 * lines of text in the template's form, so that every other byte of the file stays as it was.
 */
function appendTenant(file: string, text: string, tenant: ResolvedTenant): string {
  const { teams, applications } = teamsOf(file, text);
  const withNewline = (at: number, insert: string): string => {
    const before = text.slice(0, at);
    return `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${insert}${text.slice(at)}`;
  };
  if (applications !== undefined && !applications.flow && applications.items.length > 0 && applications.range) {
    const first = applications.items[0] as { range?: [number, number, number] };
    const dash = first.range ? text.lastIndexOf('-', first.range[0]) : -1;
    const indent = dash < 0 ? '    ' : text.slice(lineStart(text, dash), dash);
    if (/^ *$/.test(indent)) return withNewline(lineEnd(text, applications.range[1]), entryLines(tenant, indent));
  }
  if (
    teams !== undefined &&
    !teams.flow &&
    teams.range &&
    (applications === undefined || applications.items.length === 0)
  ) {
    const firstKey = teams.items[0]?.key;
    const keyIndent =
      isScalar(firstKey) && firstKey.range ? text.slice(lineStart(text, firstKey.range[0]), firstKey.range[0]) : '  ';
    if (/^ *$/.test(keyIndent)) {
      let at = lineEnd(text, teams.range[1]);
      let rest = text;
      if (applications !== undefined) {
        // An empty list ("applications: []"): its line is replaced.
        const pair = teams.items.find((item) => isScalar(item.key) && item.key.value === 'applications');
        const key = pair?.key as { range?: [number, number, number] } | undefined;
        if (key?.range && applications.range) {
          const start = lineStart(text, key.range[0]);
          const end = lineEnd(text, applications.range[1]);
          rest = text.slice(0, start) + text.slice(end);
          at = start;
        }
      }
      const insert = `${keyIndent}applications:\n${entryLines(tenant, `${keyIndent}  `)}`;
      const before = rest.slice(0, at);
      return `${before}${before === '' || before.endsWith('\n') ? '' : '\n'}${insert}${rest.slice(at)}`;
    }
  }
  throw new ConfigError(
    `${file}: "teams.applications" is not in block form (one "- name: …" item per line); add the tenant there by hand, or rewrite the list in block form and run again`,
  );
}

/** gitops.yaml without the tenant's item of `teams.applications` (without the key when it was the last). */
function removeTenantEntry(file: string, text: string, team: string): string {
  const { teams, applications } = teamsOf(file, text);
  if (teams === undefined || applications === undefined) return text;
  const index = applications.items.findIndex(
    (item) => isMap(item) && String(item.get('team')).toLowerCase() === team.toLowerCase(),
  );
  if (index === -1) return text;
  const item = applications.items[index] as { range?: [number, number, number] };
  if (applications.flow || !item.range || !applications.range) {
    throw new ConfigError(
      `${file}: "teams.applications" is not in block form; remove the tenant ${show(team)} there by hand and run again`,
    );
  }
  if (applications.items.length === 1) {
    const pair = teams.items.find((entry) => isScalar(entry.key) && entry.key.value === 'applications');
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    if (key?.range) {
      return text.slice(0, lineStart(text, key.range[0])) + text.slice(lineEnd(text, applications.range[1]));
    }
  }
  const start = lineStart(text, item.range[0]);
  return text.slice(0, start) + text.slice(lineEnd(text, item.range[1]));
}

/**
 * Onboards an application team as a tenant: the files `gitops-init new` generates for it
 * (rendered from the same templates with the answers in gitops.yaml plus this tenant), the
 * changes to files that list tenants, and its entry in gitops.yaml's `teams.applications`. A team
 * that is already a tenant with the same details only gets its missing files back.
 */
export function addTenant(
  team: string,
  options: TenantOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<TenantResult> {
  return runDay2('add tenant', options, async (repository) => {
    requireInfrastructure(repository, 'add tenant');
    const { answers } = repository;
    const current = resolveTenants(answers);
    const tenant = newTenant(team, options, repository);
    const existing = current.find((entry) => entry.team.toLowerCase() === team.toLowerCase());
    if (existing !== undefined && !sameTenant(existing, { ...tenant, team: existing.team })) {
      throw new UsageError(
        `team ${show(team)} is already a tenant (${describeTenant(existing)}); remove tenant ${existing.name} first to change it`,
      );
    }
    const others = current.filter((entry) => entry !== existing);
    const named = others.find((entry) => entry.name === tenant.name);
    if (named !== undefined) {
      throw new UsageError(
        `${options.name === undefined ? `tenant ${show(tenant.name)}` : `{{option:name}} ${show(tenant.name)}`}: already the name of ${named.team}'s tenant; choose another with {{option:name}}`,
      );
    }
    for (const namespace of tenant.namespaces) {
      const owner = others.find((entry) => entry.namespaces.includes(namespace));
      if (owner !== undefined) {
        throw new UsageError(
          `${options.namespaces === undefined ? `tenant ${show(tenant.name)}: its namespace` : '{{option:namespaces}}'} ${show(namespace)} is ${owner.team}'s (tenant ${show(owner.name)}); choose another with {{option:namespaces}}`,
        );
      }
    }
    const added = existing ?? tenant;
    // A new tenant comes last in teams.applications, and so in every list new renders from it.
    const withAnswers =
      existing === undefined
        ? answersWith(answers, [...current, tenant].map(asAnswer), repository.descriptor)
        : answers;
    const withoutAnswers = answersWith(answers, others.map(asAnswer), repository.descriptor);
    const { own, changed } = await renderDifference(repository.root, withAnswers, withoutAnswers, generators);
    const changes: FileChange[] = [];
    const conflicts: string[] = [];
    for (const file of own) {
      const content = readRepositoryFile(repository.root, file.path);
      if (content === null) changes.push(createChange(file.path, file.content, file.mode));
      else if (content !== file.content && existing === undefined) conflicts.push(file.path);
    }
    const edits = reRender(repository.root, changed, 'without');
    // Already a tenant: its files as the user keeps them are not conflicts.
    if (existing === undefined) for (const file of edits.conflicts) conflicts.push(file);
    for (const change of edits.changes) changes.push(change);
    refuseConflicts(conflicts);
    if (existing === undefined) {
      const descriptor = appendTenant(repository.descriptor, repository.text, tenant);
      changes.push(modifyChange(repository.descriptor, repository.text, descriptor));
    }
    return { tenant: added, changes: byPath(changes), kept: [] };
  });
}

/**
 * Offboards a tenant (by name or team): deletes the files gitops-init generated for it (those
 * changed since are kept and listed, unless `force`), takes it out of the files that list
 * tenants, and removes its entry from gitops.yaml.
 */
export function removeTenant(
  nameOrTeam: string,
  options: Day2Options,
  generators: readonly ScaffoldGenerator[],
): Promise<TenantResult> {
  return runDay2('remove tenant', options, async (repository) => {
    requireInfrastructure(repository, 'remove tenant');
    const current = resolveTenants(repository.answers);
    const wanted = nameOrTeam.toLowerCase();
    const tenant = current.find((entry) => entry.name === nameOrTeam || entry.team.toLowerCase() === wanted);
    if (tenant === undefined) {
      throw new UsageError(
        `tenant ${show(nameOrTeam)}: not a tenant of this repository (${current.length === 0 ? 'it has none' : current.map((entry) => `${entry.name} (${entry.team})`).join(', ')})`,
      );
    }
    const others = current.filter((entry) => entry !== tenant);
    const withoutAnswers = answersWith(repository.answers, others.map(asAnswer), repository.descriptor);
    const { own, changed } = await renderDifference(repository.root, repository.answers, withoutAnswers, generators);
    const { changes, kept } = deletions(repository.root, own, options.force);
    const edits = reRender(repository.root, changed, 'with');
    refuseConflicts(edits.conflicts);
    for (const change of edits.changes) changes.push(change);
    const descriptor = removeOwnership(removeTenantEntry(repository.descriptor, repository.text, tenant.team), tenant);
    const codeowners = syncedCodeowners(
      repository.root,
      repository.answers.host === 'gitlab' ? '.gitlab/CODEOWNERS' : '.github/CODEOWNERS',
      repository.descriptor,
      descriptor,
      repository.answers.host,
    );
    if (codeowners !== undefined) changes.push(codeowners);
    if (descriptor !== repository.text) changes.push(modifyChange(repository.descriptor, repository.text, descriptor));
    return { tenant, changes: byPath(changes), kept };
  });
}

/** An owner of gitops.yaml's `ownership` map that names the tenant: its name or its team. */
function namesTenant(owner: unknown, tenant: ResolvedTenant): boolean {
  return typeof owner === 'string' && (owner === tenant.name || owner.toLowerCase() === tenant.team.toLowerCase());
}

/**
 * gitops.yaml without the tenant as an owner in `ownership` (a pattern it owned alone goes: the
 * general rules own it again). Edited through the Document API, which keeps comments; only a
 * file where the tenant owns something is rewritten.
 */
function removeOwnership(text: string, tenant: ResolvedTenant): string {
  const document = parseDocument(text);
  const ownership = document.get('ownership', true);
  if (!isMap(ownership)) return text;
  let changed = false;
  for (const pair of [...ownership.items]) {
    const value = pair.value;
    if (isScalar(value) && namesTenant(value.value, tenant)) {
      ownership.delete(pair.key);
      changed = true;
    } else if (isSeq(value)) {
      const remaining = value.items.filter((item) => !(isScalar(item) && namesTenant(item.value, tenant)));
      if (remaining.length === value.items.length) continue;
      changed = true;
      if (remaining.length === 0) ownership.delete(pair.key);
      else value.items = remaining;
    }
  }
  return changed ? document.toString({ lineWidth: 0 }) : text;
}

/**
 * CODEOWNERS with the block `gitops-init codeowners sync` generates brought in line with the
 * descriptor's new `ownership` (only when the file has the block).
 */
function syncedCodeowners(
  root: string,
  codeowners: string,
  descriptorFile: string,
  descriptorText: string,
  host: Host,
): FileChange | undefined {
  const text = readRepositoryFile(root, codeowners);
  if (text === null || !text.includes(BLOCK_BEGIN)) return undefined;
  const { descriptor } = parseDescriptor(descriptorFile, descriptorText);
  const update = updateOwnershipBlock(text, renderOwnershipBlock(descriptor, host).text);
  if (update.status === 'broken' || update.status === 'unchanged' || update.text === text) return undefined;
  return modifyChange(codeowners, text, update.text);
}

/**
 * gitops.yaml with `environment` taken out of each tenant's `environments` (`remove env`): the
 * key goes when the tenant is then in every environment left, as new renders it. A tenant that
 * is only in that environment is refused: remove the tenant first.
 */
export function removeTenantsEnvironment(
  file: string,
  text: string,
  environment: string,
  left: readonly string[],
): string {
  const { applications } = teamsOf(file, text);
  const edits: [number, number][] = [];
  for (const item of applications?.items ?? []) {
    if (!isMap(item)) continue;
    const environments = item.get('environments', true);
    if (!isSeq(environments)) continue;
    const names = environments.items.map((entry) => (isScalar(entry) ? String(entry.value) : ''));
    const remaining = names.filter((name) => name !== environment && left.includes(name));
    if (remaining.length === 0) {
      throw new UsageError(
        `environment ${show(environment)} is the only one of tenant ${show(String(item.get('name')))}; remove the tenant first (gitops-init remove tenant ${String(item.get('name'))})`,
      );
    }
    const pair = item.items.find((entry) => isScalar(entry.key) && entry.key.value === 'environments');
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    if (environments.flow || !environments.range || !key?.range) {
      throw new ConfigError(
        `${file}: a tenant's "environments" is not in block form; take ${show(environment)} out of it by hand and run again`,
      );
    }
    if (!names.includes(environment) && !left.every((name) => remaining.includes(name))) continue;
    if (left.every((name) => remaining.includes(name))) {
      edits.push([lineStart(text, key.range[0]), lineEnd(text, environments.range[1])]);
    } else {
      const entry = environments.items[names.indexOf(environment)] as { range?: [number, number, number] };
      if (entry.range) edits.push([lineStart(text, entry.range[0]), lineEnd(text, entry.range[1])]);
    }
  }
  let result = text;
  for (const [start, end] of edits.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + result.slice(end);
  return result;
}
