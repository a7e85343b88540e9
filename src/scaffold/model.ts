import { accessPolicy } from '../protection/access.js';
import { branchFileName, defaultTargets, rulesetName, settingsSections } from '../protection/files.js';
import {
  defaultPolicy,
  LINT_CHECK_NAME,
  policySettings,
  type DescriptorProtection,
  type ProtectionPolicy,
} from '../protection/policy.js';
import { renderGithubRuleset, renderGitlab, renderGitlabAccess } from '../protection/render.js';
import { DESCRIPTOR_SCHEMA_URL } from '../config/descriptor.js';
import { repositoryUrl, resolveTenants, teamSlug, type ResolvedTenant, type ScaffoldAnswers } from './answers.js';

export { repositoryUrl } from './answers.js';

export interface Tenant extends ResolvedTenant {
  /** The first of `namespaces`: the one its Application or Kustomization deploys to. */
  namespace: string;
}

/** Everything templates can use. Values are validated answers, quoted for YAML by the `q` helper. */
export interface TemplateModel extends ScaffoldAnswers {
  toolVersion: string;
  schemaUrl: string;
  isInfrastructure: boolean;
  isApplication: boolean;
  isArgocd: boolean;
  isFlux: boolean;
  isHelm: boolean;
  isKustomize: boolean;
  usesHusky: boolean;
  usesPreCommit: boolean;
  repoUrl: string;
  /** Host's web address of the organisation. */
  hostUrl: string;
  codeownersPath: string;
  appTeam: string | undefined;
  /** The application's namespace: its team's tenant namespace (application repositories). */
  namespace: string;
  /** Where the application's image is published. */
  image: string;
  /** The package.json of a repository that uses husky. */
  packageJson: Record<string, unknown>;
  tenants: Tenant[];
  lintCheck: string;
  policy: ProtectionPolicy;
  /** The `protection` section of gitops.yaml: the policy, written out in full. */
  protection: DescriptorProtection;
  rulesetName: string;
  ruleset: Record<string, unknown>;
  /** The `branches`, `rulesets`, `teams` and `collaborators` sections of .github/settings.yml. */
  settingsProtection: ReturnType<typeof settingsSections>;
  gitlab: ReturnType<typeof renderGitlab>;
  /** .gitlab/access.json: the kind's default access as GitLab group shares. */
  gitlabAccess: ReturnType<typeof renderGitlabAccess>;
  /** File-name-safe form of the default branch. */
  branchFileName: string;
  components: readonly string[];
  /** Upstream Helm chart each infrastructure component installs (Helm scaffolds). */
  componentCharts: Readonly<Record<string, ComponentChart | undefined>>;
  /** Values of its own that an infrastructure component's chart starts with (Helm scaffolds). */
  componentValues: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
}

export interface ComponentChart {
  chart: string;
  repository: string;
  version: string;
  namespace: string;
}

/** Pinned upstream charts of the infrastructure components; storage has none (a StorageClass). */
export const COMPONENT_CHARTS: Readonly<Record<string, ComponentChart | undefined>> = {
  network: {
    chart: 'ingress-nginx',
    repository: 'https://kubernetes.github.io/ingress-nginx',
    version: '4.11.3',
    namespace: 'ingress-nginx',
  },
  security: {
    chart: 'cert-manager',
    repository: 'https://charts.jetstack.io',
    version: 'v1.16.2',
    namespace: 'security',
  },
  storage: undefined,
  monitoring: {
    chart: 'kube-prometheus-stack',
    repository: 'https://prometheus-community.github.io/helm-charts',
    version: '66.3.1',
    namespace: 'monitoring',
  },
  logging: {
    chart: 'fluent-bit',
    repository: 'https://fluent.github.io/helm-charts',
    version: '0.47.10',
    namespace: 'logging',
  },
};

/**
 * Values of the components whose chart renders templates of its own: storage's StorageClass
 * (templates/storage-class.yaml reads them). They go into the component's values.yaml, which one
 * template renders for every component.
 */
export const COMPONENT_VALUES: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>> = {
  storage: {
    storageClass: { name: 'standard-retain', provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' } },
  },
};

/** Infrastructure components every infrastructure repository starts with. */
export const INFRASTRUCTURE_COMPONENTS = ['network', 'security', 'storage', 'monitoring', 'logging'] as const;

export function buildModel(answers: ScaffoldAnswers, toolVersion: string): TemplateModel {
  // The same policy and renderers as `gitops-init protect render`, so a new repository is in sync.
  const policy = defaultPolicy(answers.kind, answers.defaultBranch);
  const ruleset = rulesetName(policy.branch);
  const tenants: Tenant[] = resolveTenants(answers).map((tenant) => ({
    ...tenant,
    namespace: tenant.namespaces[0] ?? tenant.name,
  }));
  return {
    ...answers,
    toolVersion,
    schemaUrl: DESCRIPTOR_SCHEMA_URL,
    isInfrastructure: answers.kind === 'infrastructure',
    isApplication: answers.kind === 'application',
    isArgocd: answers.tool === 'argocd',
    isFlux: answers.tool === 'flux',
    isHelm: answers.tool === 'helm',
    isKustomize: answers.tool !== 'helm',
    usesHusky: answers.hooks === 'husky',
    usesPreCommit: answers.hooks === 'pre-commit',
    repoUrl: repositoryUrl(answers.host, answers.org, answers.name),
    hostUrl: `https://${answers.host === 'gitlab' ? 'gitlab.com' : 'github.com'}/${answers.org}`,
    codeownersPath: answers.host === 'gitlab' ? '.gitlab/CODEOWNERS' : '.github/CODEOWNERS',
    appTeam: answers.kind === 'application' ? answers.appTeams[0] : undefined,
    namespace: answers.kind === 'application' && answers.appTeams[0] ? teamSlug(answers.appTeams[0]) : answers.name,
    image: `${answers.host === 'gitlab' ? 'registry.gitlab.com' : 'ghcr.io'}/${answers.org.toLowerCase()}/${answers.name}`,
    packageJson: {
      name: answers.name,
      private: true,
      description: `${answers.kind === 'infrastructure' ? 'Infrastructure' : 'Application'} GitOps repository; this file only installs the commit hooks`,
      scripts: { prepare: 'husky', lint: 'gitops-init lint' },
      devDependencies: { 'gitops-init': `^${toolVersion}`, husky: '^9.1.7' },
    },
    tenants,
    lintCheck: LINT_CHECK_NAME,
    policy,
    protection: { targets: defaultTargets(answers.host), branches: { [policy.branch]: policySettings(policy) } },
    rulesetName: ruleset,
    ruleset: renderGithubRuleset(policy, ruleset),
    settingsProtection: settingsSections(
      [policy],
      // The kind's default access for the teams the answers name, as gitops.yaml will say.
      accessPolicy({
        kind: answers.kind,
        teams: {
          platform: answers.platformTeam,
          ...(answers.kind === 'application' && answers.appTeams[0] ? { application: answers.appTeams[0] } : {}),
          applications: tenants.map((tenant) => ({ name: tenant.name, team: tenant.team })),
        },
      }),
    ),
    gitlab: renderGitlab([policy]),
    gitlabAccess: renderGitlabAccess(
      accessPolicy({
        kind: answers.kind,
        teams: {
          platform: answers.platformTeam,
          ...(answers.kind === 'application' && answers.appTeams[0] ? { application: answers.appTeams[0] } : {}),
          ...(answers.kind === 'infrastructure' ? { applications: tenants } : {}),
        },
      }),
    ),
    branchFileName: branchFileName(policy.branch),
    components: INFRASTRUCTURE_COMPONENTS,
    componentCharts: COMPONENT_CHARTS,
    componentValues: COMPONENT_VALUES,
  };
}
