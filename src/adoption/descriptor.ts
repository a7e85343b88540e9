import { Document, isMap, isScalar } from 'yaml';
import {
  DESCRIPTOR_SCHEMA,
  DESCRIPTOR_SCHEMA_URL,
  type Descriptor,
  type GitopsTool,
  type RepositoryKind,
  type TenantTeam,
} from '../config/descriptor.js';
import { answerOption, HOSTS, KINDS, TOOLS, type Host } from '../scaffold/answers.js';
import type { Adoption, Inferred } from './infer.js';
import { toDnsLabel } from './infer.js';

/** The answers `init` writes: the same keys as `gitops-init new`'s, those that gitops.yaml holds. */
export interface AdoptionAnswers {
  kind: RepositoryKind;
  tool: GitopsTool;
  name: string;
  /** The GitHub organisation or GitLab group, kept under `scaffold` for `gitops-init new`. */
  org?: string;
  host?: Host;
  envs?: string[];
  platformTeam?: string;
  /** Application repository: its owning team (one). Infrastructure: the tenant teams. */
  appTeams?: string[];
}

export type AdoptionAnswerKey = keyof AdoptionAnswers;

/** The answer keys, in the order they are shown and asked. */
export const ADOPTION_ANSWER_KEYS: readonly AdoptionAnswerKey[] = [
  'tool',
  'kind',
  'name',
  'org',
  'host',
  'envs',
  'platformTeam',
  'appTeams',
];

/** Answers that gitops.yaml cannot do without (the schema's required fields). */
export const REQUIRED_ADOPTION_ANSWERS: readonly AdoptionAnswerKey[] = ['kind', 'tool', 'name'];

const definitions = DESCRIPTOR_SCHEMA.definitions;
const DNS_LABEL = new RegExp(definitions.dnsLabel.pattern);
const TEAM = new RegExp(definitions.team.pattern);
const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

/**
 * Whether an answer can go into gitops.yaml, by the schema's patterns: a message template
 * naming the answer's option when it cannot, else undefined.
 */
export function checkAdoptionAnswer(
  key: AdoptionAnswerKey,
  value: string | readonly string[] | undefined,
  kind?: RepositoryKind,
): string | undefined {
  const option = answerOption(key);
  const list = (): string[] =>
    (Array.isArray(value) ? (value as readonly string[]) : String(value ?? '').split(','))
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const one = Array.isArray(value) ? value.join(',') : String(value ?? '');
  const show = JSON.stringify(one);
  switch (key) {
    case 'kind':
      return (KINDS as readonly string[]).includes(one)
        ? undefined
        : `${option} ${show}: must be one of ${KINDS.join(', ')}`;
    case 'tool':
      return (TOOLS as readonly string[]).includes(one)
        ? undefined
        : `${option} ${show}: must be one of ${TOOLS.join(', ')}`;
    case 'host':
      return (HOSTS as readonly string[]).includes(one)
        ? undefined
        : `${option} ${show}: must be one of ${HOSTS.join(', ')}`;
    case 'name':
      return one.length <= 63 && DNS_LABEL.test(one)
        ? undefined
        : `${option} ${show}: the repository name must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)`;
    case 'org':
      return ORG.test(one)
        ? undefined
        : `${option} ${show}: must be an organisation or group name (letters, digits and '-', at most 39 characters)`;
    case 'envs': {
      const envs = list();
      const bad = envs.find((env) => env.length > 63 || !DNS_LABEL.test(env));
      if (bad !== undefined) return `${option} ${JSON.stringify(bad)}: each environment must be a DNS-1123 label`;
      return new Set(envs).size === envs.length ? undefined : `${option} ${show}: an environment is listed twice`;
    }
    case 'platformTeam':
      return TEAM.test(one) ? undefined : `${option} ${show}: must be a team as @org/team-slug`;
    case 'appTeams': {
      const teams = list();
      const bad = teams.find((team) => !TEAM.test(team));
      if (bad !== undefined) return `${option} ${JSON.stringify(bad)}: must be a team as @org/team-slug`;
      if (kind === 'application' && teams.length > 1)
        return `${option} ${show}: an application repository has one owning team, got ${teams.length}`;
      const slugs = teams.map((team) => team.split('/')[1]?.toLowerCase() ?? team);
      return new Set(slugs).size === slugs.length ? undefined : `${option} ${show}: a team is listed twice`;
    }
  }
}

/** The inferred team answers for a kind of repository: the platform team, and the application or tenant teams. */
export function inferredTeams(
  adoption: Adoption,
  kind: RepositoryKind,
): { platformTeam: Inferred<string> | undefined; appTeams: Inferred<string[]> | undefined } {
  const codeowners = adoption.codeowners;
  if (!codeowners) return { platformTeam: undefined, appTeams: undefined };
  const reason = (role: string): string => `${role} in ${codeowners.file}`;
  if (kind === 'infrastructure') {
    const { platform, tenants } = codeowners.infrastructure;
    return {
      platformTeam: platform && {
        value: platform.team,
        sources: [platform.source],
        reason: reason('owns everything or the critical paths'),
      },
      appTeams:
        tenants.length === 0
          ? undefined
          : {
              value: tenants.map((tenant) => tenant.team),
              sources: tenants.map((tenant) => tenant.source),
              reason: reason('own paths besides the platform team: tenants'),
            },
    };
  }
  const { platform, application } = codeowners.application;
  return {
    platformTeam: platform && {
      value: platform.team,
      sources: [platform.source],
      reason: reason('co-owns the critical paths'),
    },
    appTeams: application && {
      value: [application.team],
      sources: [application.source],
      reason: reason('owns everything, or the most files'),
    },
  };
}

/**
 * The inferred value of every answer for a repository of the given kind and tool (the kind and
 * tool default to the inferred ones), with what decided it. Answers nothing decided are absent.
 */
export function inferredAnswers(
  adoption: Adoption,
  given: Partial<Pick<AdoptionAnswers, 'kind' | 'tool'>> = {},
): Partial<{ [K in AdoptionAnswerKey]: Inferred<NonNullable<AdoptionAnswers[K]>> }> {
  const kind = given.kind ?? adoption.kind.value;
  const teams = inferredTeams(adoption, kind);
  const answers: Partial<{ [K in AdoptionAnswerKey]: Inferred<NonNullable<AdoptionAnswers[K]>> }> = {
    kind: adoption.kind,
    name: adoption.name,
  };
  if (adoption.tool) answers.tool = adoption.tool;
  if (adoption.org) answers.org = adoption.org;
  if (adoption.host) answers.host = adoption.host;
  if (adoption.environments) answers.envs = adoption.environments;
  if (teams.platformTeam) answers.platformTeam = teams.platformTeam;
  if (teams.appTeams) answers.appTeams = teams.appTeams;
  return answers;
}

/** Tenant entries for the tenant teams of an infrastructure repository, each named after its team's slug. */
function tenantsOf(teams: readonly string[], platform: string | undefined): TenantTeam[] {
  const tenants: TenantTeam[] = [];
  for (const team of teams) {
    if (team.toLowerCase() === platform?.toLowerCase()) continue;
    const name = toDnsLabel(team.split('/')[1] ?? '');
    if (name === undefined || tenants.some((tenant) => tenant.name === name)) continue;
    tenants.push({ name, team });
  }
  return tenants;
}

/**
 * The descriptor for the answers, with what was found in the repository that depends on them:
 * its namespaces (application) or the namespaces its platform workloads run in
 * (infrastructure), people named in CODEOWNERS, and the layout required-paths keeps.
 */
export function adoptionDescriptor(answers: AdoptionAnswers, adoption: Adoption): Descriptor {
  const descriptor: Descriptor = { kind: answers.kind, tool: answers.tool, name: answers.name };
  if (answers.host) descriptor.host = answers.host;
  if (adoption.repositoryUrl) descriptor.repositoryUrl = adoption.repositoryUrl.value;
  const teams: NonNullable<Descriptor['teams']> = {};
  if (answers.platformTeam) teams.platform = answers.platformTeam;
  const appTeams = answers.appTeams ?? [];
  if (answers.kind === 'application') {
    if (appTeams[0] !== undefined) teams.application = appTeams[0];
  } else {
    const tenants = tenantsOf(appTeams, answers.platformTeam);
    if (tenants.length > 0) teams.applications = tenants;
  }
  const declared = new Set([teams.platform, teams.application].filter((team) => team !== undefined));
  const members = (adoption.codeowners?.members ?? []).filter((member) => !declared.has(member));
  if (members.length > 0) teams.members = members;
  if (Object.keys(teams).length > 0) descriptor.teams = teams;
  if (answers.kind === 'application' && adoption.namespaces) {
    const namespaces = adoption.namespaces.value.filter((namespace) => DNS_LABEL.test(namespace));
    if (namespaces.length > 0) descriptor.namespaces = namespaces;
  }
  if (answers.envs && answers.envs.length > 0) descriptor.environments = answers.envs;
  if (answers.kind === 'infrastructure' && adoption.workloadNamespaces) {
    const namespaces = adoption.workloadNamespaces.value.filter((namespace) => DNS_LABEL.test(namespace));
    if (namespaces.length > 0) descriptor.platform = { workloads: { namespaces } };
  }
  const layout = adoption.layouts[`${answers.kind}/${answers.tool}`];
  descriptor.rules = { 'required-paths': ['error', { paths: layout.value }] };
  if (answers.org) descriptor.scaffold = { org: answers.org };
  return descriptor;
}

/** Comments above some keys, as `gitops-init new` writes them. */
const COMMENTS: Readonly<Record<string, string>> = {
  kind: [
    ` yaml-language-server: $schema=${DESCRIPTOR_SCHEMA_URL}`,
    ' gitops-init descriptor: what this repository is, who owns it, and how it is linted.',
    ' Written by `gitops-init init` from what the repository holds: review it, then commit it.',
  ].join('\n'),
  repositoryUrl: " This repository's clone URL: GitOps sources that point at it have their paths checked here.",
  platform: ' Where the platform components this repository deploys run their workloads.',
  rules: [
    " The repository's own layout: required-paths keeps it, and asks for the standard files it",
    ' does not have yet (CHANGELOG.md, VERSION, …).',
  ].join('\n'),
  scaffold: ' Answers for `gitops-init new`, which shows what a full scaffold would add (--dry-run).',
};

/** gitops.yaml's text: the yaml-language-server line first, strings double-quoted as `new` writes them. */
export function renderAdoptionDescriptor(descriptor: Descriptor): string {
  const document = new Document(descriptor);
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') {
        const comment = COMMENTS[pair.key.value];
        if (comment !== undefined) pair.key.commentBefore = comment;
      }
    }
  }
  return document.toString({ lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}
