import path from 'node:path';
import type { Descriptor, GitopsTool, RepositoryKind } from '../config/descriptor.js';

export type Host = 'github' | 'gitlab';
export type CiSystem = 'github' | 'gitlab' | 'none';
export type HookManager = 'husky' | 'pre-commit' | 'none';

/** Every answer the scaffolder needs (the API's `answers` option; the CLI has a flag for each). */
export interface ScaffoldAnswers {
  kind: RepositoryKind;
  tool: GitopsTool;
  name: string;
  org: string;
  platformTeam: string;
  /** Application repository: its owning team (one). Infrastructure: the tenant teams (any number). */
  appTeams: string[];
  envs: string[];
  host: Host;
  ci: CiSystem;
  hooks: HookManager;
  defaultBranch: string;
  /**
   * Infrastructure repositories on GitHub Actions: the organisation a scheduled workflow audits
   * (`gitops-init audit`) every night; '' for none.
   */
  auditOrg: string;
  /** Day the repository was first generated (YYYY-MM-DD), kept so that re-runs are identical. */
  created: string;
  /**
   * Infrastructure: tenants whose details differ from the defaults (name and namespace the team
   * slug, repository <host>/<org>/<name>.git, every environment), one per team of `appTeams` at
   * most. Absent when every tenant has the defaults.
   */
  tenants?: TenantAnswer[];
}

/** One tenant's details, as gitops.yaml's `teams.applications` stores them. */
export interface TenantAnswer {
  /** The team, one of `appTeams`. */
  team: string;
  /** Names the tenant (its AppProject, service account, files). */
  name: string;
  /** At least one; the first is the one its Application or Kustomization deploys to. */
  namespaces: string[];
  /** Its application repository's clone URL. */
  repository: string;
  /** The environments it is onboarded in, in promotion order; absent: every environment. */
  environments?: string[];
}

/** A tenant's details as read (gitops.yaml), before validation: any field may be missing. */
export interface RawTenant {
  team: string;
  name?: string;
  namespaces?: string[];
  repository?: string;
  environments?: string[];
}

export type AnswerKey = Exclude<keyof ScaffoldAnswers, 'created' | 'tenants'>;

/** Answer keys, in the order the wizard asks. */
export const ANSWER_KEYS: readonly AnswerKey[] = [
  'kind',
  'tool',
  'name',
  'org',
  'platformTeam',
  'appTeams',
  'envs',
  'host',
  'ci',
  'hooks',
  'defaultBranch',
  'auditOrg',
];

/**
 * Keys of an answers file (`answersFile`), in kebab case: the file format is documented with
 * these names (they are also the CLI's flag names without dashes, but they do not follow them).
 */
export const ANSWER_FILE_KEYS: Readonly<Record<string, AnswerKey>> = {
  kind: 'kind',
  tool: 'tool',
  name: 'name',
  org: 'org',
  'platform-team': 'platformTeam',
  'app-team': 'appTeams',
  envs: 'envs',
  host: 'host',
  ci: 'ci',
  hooks: 'hooks',
  'default-branch': 'defaultBranch',
  'audit-org': 'auditOrg',
};

/** How a message names an answer: the option `answers.<key>` (the CLI renders its flag). */
export function answerOption(key: AnswerKey): string {
  return `{{option:answers.${key}}}`;
}

/**
 * Raw answers as given: strings from flags or an answers file, before validation; `tenants`, the
 * details of tenants, come from gitops.yaml or a day-2 command.
 */
export type RawAnswers = Partial<Record<AnswerKey, string | string[]>> & { tenants?: readonly RawTenant[] };

export const KINDS = ['infrastructure', 'application'] as const;
export const TOOLS = ['argocd', 'flux', 'helm'] as const;
export const HOSTS = ['github', 'gitlab'] as const;
export const CI_SYSTEMS = ['github', 'gitlab', 'none'] as const;
export const HOOK_MANAGERS = ['husky', 'pre-commit', 'none'] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
/** A GitLab group's full path: segments of letters, digits, '_', '-' and '.', subgroups after '/'. */
const GITLAB_GROUP = /^(?=.{1,255}$)[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)\/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/;

/** A problem with one answer: its key and what is allowed (a message template naming options). */
export interface AnswerProblem {
  key: AnswerKey;
  message: string;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function show(value: string): string {
  return JSON.stringify(value);
}

function checkDnsLabel(key: AnswerKey, value: string, what: string): AnswerProblem | undefined {
  if (value.length <= 63 && DNS_LABEL.test(value)) return undefined;
  return {
    key,
    message: `${answerOption(key)} ${show(value)}: ${what} must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)`,
  };
}

/** Git's rules for a branch name (git check-ref-format), minus the rare ones no one types. */
export function isValidBranchName(name: string): boolean {
  return (
    /^[A-Za-z0-9._/-]+$/.test(name) &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.split('/').some((part) => part.startsWith('.'))
  );
}

/** The clone URL of a repository of the organisation on the host. */
export function repositoryUrl(host: Host, org: string, name: string): string {
  return `https://${host === 'gitlab' ? 'gitlab.com' : 'github.com'}/${org}/${name}.git`;
}

/** A tenant with every detail settled: given ones, defaults for the rest. */
export interface ResolvedTenant extends TenantAnswer {
  /** The environments it is onboarded in, in promotion order (all by default). */
  environments: string[];
  /** It is onboarded in some environments only (gitops.yaml then lists them). */
  hasEnvironmentSubset: boolean;
}

/**
 * Every tenant of infrastructure answers, in `appTeams` order: the details given in `tenants`
 * (matched by team, case-insensitively), defaults for the rest: name and namespace the team
 * slug, repository <host>/<org>/<name>.git, every environment.
 */
export function resolveTenants(
  answers: Pick<ScaffoldAnswers, 'kind' | 'appTeams' | 'envs' | 'host' | 'org'> & {
    tenants?: readonly RawTenant[] | undefined;
  },
): ResolvedTenant[] {
  if (answers.kind !== 'infrastructure') return [];
  return answers.appTeams.map((team) => {
    const detail = answers.tenants?.find((entry) => entry.team.toLowerCase() === team.toLowerCase());
    const name = detail?.name ?? teamSlug(team);
    const namespaces =
      detail?.namespaces !== undefined && detail.namespaces.length > 0 ? [...detail.namespaces] : [name];
    const chosen = detail?.environments;
    const environments = chosen === undefined ? [...answers.envs] : answers.envs.filter((env) => chosen.includes(env));
    return {
      team,
      name,
      namespaces,
      repository: detail?.repository ?? repositoryUrl(answers.host, answers.org, name),
      environments,
      hasEnvironmentSubset: environments.length < answers.envs.length,
    };
  });
}

/** A team's organisation and slug, or undefined when it is not written @org/team-slug. */
export function parseTeam(team: string): { org: string; slug: string } | undefined {
  const match = TEAM.exec(team);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { org: match[1], slug: match[2] };
}

/** The tenant name of a team: its slug, which also names its namespace. */
export function teamSlug(team: string): string {
  return TEAM.exec(team)?.[2]?.toLowerCase() ?? team;
}

/**
 * Validates raw answers (all present). Returns the answers or every problem found, so that the
 * user can fix them all in one go. Values that end up in paths, YAML or shell scripts are held
 * to patterns that cannot traverse paths, break YAML or inject commands.
 */
export function validateAnswers(
  raw: RawAnswers,
  created: string,
): { answers?: ScaffoldAnswers; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const one = (key: AnswerKey): string => {
    const value = raw[key];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
  };
  const choice = <T extends string>(key: AnswerKey, allowed: readonly T[]): T => {
    const value = one(key);
    if (!(allowed as readonly string[]).includes(value)) {
      problems.push({ key, message: `${answerOption(key)} ${show(value)}: must be one of ${allowed.join(', ')}` });
    }
    return value as T;
  };
  const kind = choice('kind', KINDS);
  const tool = choice('tool', TOOLS);
  const name = one('name');
  const nameProblem = checkDnsLabel('name', name, 'the repository name');
  if (nameProblem) problems.push(nameProblem);
  const org = one('org');
  if (!ORG.test(org)) {
    problems.push({
      key: 'org',
      message: `${answerOption('org')} ${show(org)}: must be an organisation or group name (letters, digits and '-', at most 39 characters)`,
    });
  }
  const checkTeam = (key: AnswerKey, team: string): void => {
    const match = TEAM.exec(team);
    if (!match) {
      problems.push({ key, message: `${answerOption(key)} ${show(team)}: must be a team as @org/team-slug` });
    } else if (ORG.test(org) && match[1]?.toLowerCase() !== org.toLowerCase()) {
      problems.push({
        key,
        message: `${answerOption(key)} ${show(team)}: the team must belong to ${answerOption('org')} ${show(org)}`,
      });
    } else if (!DNS_LABEL.test(teamSlug(team)) || teamSlug(team).length > 63) {
      problems.push({
        key,
        message: `${answerOption(key)} ${show(team)}: the team slug names a namespace, so it must be a DNS-1123 label`,
      });
    }
  };
  const platformTeam = one('platformTeam');
  checkTeam('platformTeam', platformTeam);
  const appTeams = list(raw.appTeams);
  for (const team of appTeams) checkTeam('appTeams', team);
  if (kind === 'application' && appTeams.length !== 1) {
    problems.push({
      key: 'appTeams',
      message: `${answerOption('appTeams')}: an application repository has exactly one owning team, got ${appTeams.length}`,
    });
  }
  if (new Set(appTeams.map(teamSlug)).size !== appTeams.length) {
    problems.push({ key: 'appTeams', message: `${answerOption('appTeams')}: a team is listed twice` });
  }
  // Each tenant's repository is <org>/<team slug>: an infrastructure repository of the same name
  // would be that repository.
  if (kind === 'infrastructure' && appTeams.some((team) => teamSlug(team) === name)) {
    problems.push({
      key: 'name',
      message: `${answerOption('name')} ${show(name)}: the application team's repository is ${org}/${name}; give the infrastructure repository another name`,
    });
  }
  if (appTeams.includes(platformTeam)) {
    problems.push({
      key: 'appTeams',
      message: `${answerOption('appTeams')} ${show(platformTeam)}: the platform team cannot also be an application team`,
    });
  }
  const envs = list(raw.envs);
  if (envs.length === 0)
    problems.push({
      key: 'envs',
      message: `${answerOption('envs')}: give at least one environment, e.g. ${answerOption('envs')} dev,staging,production`,
    });
  for (const env of envs) {
    const problem = checkDnsLabel('envs', env, 'each environment');
    if (problem) problems.push(problem);
  }
  if (new Set(envs).size !== envs.length)
    problems.push({
      key: 'envs',
      message: `${answerOption('envs')} ${show(envs.join(','))}: an environment is listed twice`,
    });
  const host = choice('host', HOSTS);
  const ci = choice('ci', CI_SYSTEMS);
  const hooks = choice('hooks', HOOK_MANAGERS);
  const defaultBranch = one('defaultBranch');
  if (!isValidBranchName(defaultBranch)) {
    problems.push({
      key: 'defaultBranch',
      message: `${answerOption('defaultBranch')} ${show(defaultBranch)}: not a valid git branch name`,
    });
  }
  const auditOrg = one('auditOrg');
  if (auditOrg !== '' && (kind !== 'infrastructure' || ci === 'none')) {
    problems.push({
      key: 'auditOrg',
      message: `${answerOption('auditOrg')} ${show(auditOrg)}: the scheduled audit is a CI job of an infrastructure repository (a GitHub Actions workflow or a GitLab scheduled pipeline); give it with ${answerOption('kind')} infrastructure and ${answerOption('ci')} github or gitlab`,
    });
  } else if (auditOrg !== '' && ci === 'github' && !ORG.test(auditOrg)) {
    problems.push({
      key: 'auditOrg',
      message: `${answerOption('auditOrg')} ${show(auditOrg)}: must be a GitHub organisation name (letters, digits and '-', at most 39 characters)`,
    });
  } else if (auditOrg !== '' && ci === 'gitlab' && !GITLAB_GROUP.test(auditOrg)) {
    problems.push({
      key: 'auditOrg',
      message: `${answerOption('auditOrg')} ${show(auditOrg)}: must be a GitLab group path (letters, digits, '_', '-' and '.', subgroups after '/', at most 255 characters)`,
    });
  }
  const tenants = checkTenants(raw.tenants ?? [], { kind, appTeams, envs, host, org }, problems);
  if (problems.length > 0) return { problems };
  return {
    answers: {
      kind,
      tool,
      name,
      org,
      platformTeam,
      appTeams,
      envs,
      host,
      ci,
      hooks,
      defaultBranch,
      auditOrg,
      created,
      ...(tenants.length > 0 ? { tenants } : {}),
    },
    problems,
  };
}

/**
 * Checks the tenants' details (names and namespaces DNS labels, unique across tenants; known
 * environments; a repository) and returns those that differ from the defaults. Details of a team
 * that is not among `appTeams` are left out: the team list decides who is a tenant.
 */
function checkTenants(
  raw: readonly RawTenant[],
  answers: Pick<ScaffoldAnswers, 'kind' | 'appTeams' | 'envs' | 'host' | 'org'>,
  problems: AnswerProblem[],
): TenantAnswer[] {
  if (answers.kind !== 'infrastructure' || raw.length === 0) return [];
  const key: AnswerKey = 'appTeams';
  const names = new Map<string, string>();
  const namespaces = new Map<string, string>();
  const result: TenantAnswer[] = [];
  for (const tenant of resolveTenants({ ...answers, tenants: raw })) {
    const what = `${answerOption(key)} ${show(tenant.team)}:`;
    const given = raw.find((entry) => entry.team.toLowerCase() === tenant.team.toLowerCase());
    const label = (value: string, of: string): void => {
      if (value.length > 63 || !DNS_LABEL.test(value)) {
        problems.push({ key, message: `${what} ${of} ${show(value)} must be a DNS-1123 label` });
      }
    };
    label(tenant.name, 'the tenant name');
    const other = names.get(tenant.name);
    if (other !== undefined) {
      problems.push({ key, message: `${what} the tenant name ${show(tenant.name)} is also ${show(other)}'s` });
    }
    names.set(tenant.name, tenant.team);
    for (const namespace of tenant.namespaces) {
      label(namespace, 'the namespace');
      const owner = namespaces.get(namespace);
      if (owner !== undefined) {
        problems.push({
          key,
          message: `${what} the namespace ${show(namespace)} is ${owner === tenant.team ? 'listed twice' : `also ${show(owner)}'s`}`,
        });
      }
      namespaces.set(namespace, tenant.team);
    }
    if (tenant.repository.trim() === '') problems.push({ key, message: `${what} the repository is empty` });
    const unknown = (given?.environments ?? []).filter((env) => !answers.envs.includes(env));
    if (unknown.length > 0) {
      problems.push({
        key,
        message: `${what} environment ${show(unknown.join(','))} is not one of ${answerOption('envs')} ${show(answers.envs.join(','))}`,
      });
    }
    if (given?.environments !== undefined && tenant.environments.length === 0) {
      problems.push({ key, message: `${what} the tenant has no environment` });
    }
    const slug = teamSlug(tenant.team);
    const isDefault =
      tenant.name === slug &&
      tenant.namespaces.length === 1 &&
      tenant.namespaces[0] === slug &&
      tenant.repository === repositoryUrl(answers.host, answers.org, slug) &&
      !tenant.hasEnvironmentSubset;
    if (!isDefault) {
      result.push({
        team: tenant.team,
        name: tenant.name,
        namespaces: tenant.namespaces,
        repository: tenant.repository,
        ...(tenant.hasEnvironmentSubset ? { environments: tenant.environments } : {}),
      });
    }
  }
  return result;
}

/** Defaults for answers not given, used with `yes`. */
export function defaultAnswers(given: RawAnswers, directory: string): Record<AnswerKey, string> {
  const base = path
    .basename(directory)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  const kind = typeof given.kind === 'string' ? given.kind : 'infrastructure';
  const name =
    typeof given.name === 'string'
      ? given.name
      : DNS_LABEL.test(base)
        ? base
        : kind === 'application'
          ? 'app'
          : 'platform';
  const org = typeof given.org === 'string' ? given.org : 'my-org';
  const host = typeof given.host === 'string' ? given.host : 'github';
  return {
    kind,
    tool: 'flux',
    name,
    org,
    platformTeam: `@${org}/platform`,
    appTeams: kind === 'application' ? `@${org}/${name}` : '',
    envs: 'dev,staging,production',
    host,
    ci: host === 'gitlab' ? 'gitlab' : host === 'github' ? 'github' : 'none',
    hooks: 'husky',
    defaultBranch: 'main',
    auditOrg: '',
  };
}

/** Answers stored in a generated repository's gitops.yaml, so that a re-run needs no flags. */
export function answersFromDescriptor(descriptor: Descriptor): RawAnswers & { created?: string } {
  const stored = descriptor.scaffold ?? {};
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const raw: RawAnswers & { created?: string } = {
    kind: descriptor.kind,
    tool: descriptor.tool,
    name: descriptor.name,
  };
  const org = text(stored.org);
  if (org) raw.org = org;
  if (descriptor.teams?.platform) raw.platformTeam = descriptor.teams.platform;
  const teams =
    descriptor.kind === 'application'
      ? [descriptor.teams?.application].filter((team): team is string => team !== undefined)
      : (descriptor.teams?.applications ?? []).map((tenant) => tenant.team);
  raw.appTeams = teams;
  if (descriptor.kind === 'infrastructure') {
    raw.tenants = (descriptor.teams?.applications ?? []).map((tenant) => ({
      team: tenant.team,
      ...(tenant.name === undefined ? {} : { name: tenant.name }),
      ...(tenant.namespaces === undefined ? {} : { namespaces: tenant.namespaces }),
      ...(tenant.repository === undefined ? {} : { repository: tenant.repository }),
      ...(tenant.environments === undefined ? {} : { environments: tenant.environments }),
    }));
  }
  if (descriptor.environments) raw.envs = descriptor.environments;
  if (descriptor.host) raw.host = descriptor.host;
  for (const key of ['ci', 'hooks', 'defaultBranch', 'auditOrg', 'created'] as const) {
    const value = text(stored[key]);
    if (value !== undefined) raw[key] = value;
  }
  return raw;
}
