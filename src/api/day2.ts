import { registerApplication } from '../../generators/application.js';
import {
  askDay2,
  componentQuestions,
  confirmDay2,
  environmentQuestions,
  tenantQuestions,
} from '../../generators/day2.js';
import { repositoryUrl, resolveTenants } from '../scaffold/answers.js';
import { registerInfrastructure } from '../../generators/infrastructure.js';
import {
  addEnvironment as addWith,
  environmentNameProblem,
  removeEnvironment as removeWith,
  type EnvironmentOptions,
  type EnvironmentResult,
} from '../day2/environments.js';
import { readDay2Repository } from '../day2/repository.js';
import {
  addComponent as addComponentWith,
  COMPONENT_CATEGORIES,
  componentInputProblem,
  removeComponent as removeComponentWith,
  type ComponentOptions,
  type ComponentResult,
} from '../day2/components.js';
import type { ScaffoldGenerator } from '../scaffold/index.js';

export type { EnvironmentOptions, EnvironmentResult } from '../day2/environments.js';
export type { ComponentOptions, ComponentResult } from '../day2/components.js';
import {
  addTenant as addTenantWith,
  removeTenant as removeTenantWith,
  type TenantOptions,
  type TenantResult,
} from '../day2/tenants.js';
export type { TenantOptions, TenantResult } from '../day2/tenants.js';
export type { ChangeAction, FileChange } from '../day2/plan.js';
export type { Day2Options, Day2Result } from '../day2/repository.js';

/** The generators whose templates `new` renders: day-2 commands render the same ones. */
const GENERATORS: readonly ScaffoldGenerator[] = [registerInfrastructure, registerApplication];

/**
 * Adds an environment to a repository made with `gitops-init new` (`gitops-init add env`): the
 * files `new` would have generated for it (cluster entry points, overlays or values files, Argo
 * CD Applications or Flux Kustomizations, tenants' files), rendered from the same templates with
 * the answers gitops.yaml holds, and the environment in gitops.yaml's `environments`, after
 * `options.after` (default: before the last one). gitops.yaml is edited in place, its comments
 * and layout kept. Running it again changes nothing.
 *
 * @returns the planned changes (create, modify with a unified diff) and what was written.
 *   Throws UsageError for a bad name, an unknown `after`, a missing gitops.yaml; RefusedError
 *   (nothing written) when a file to update was changed by hand.
 */
export function addEnvironment(name: string, options: EnvironmentOptions = {}): Promise<EnvironmentResult> {
  return addWith(name, options, GENERATORS);
}

/**
 * Removes an environment (`gitops-init remove env`): deletes exactly the files `new` generates
 * for it, except those changed since (listed in `kept`; deleted with `force`), and takes it out
 * of gitops.yaml. Throws UsageError for an environment the repository does not have.
 */
export function removeEnvironment(name: string, options: EnvironmentOptions = {}): Promise<EnvironmentResult> {
  return removeWith(name, options, GENERATORS);
}

/**
 * The wizard of `add env` / `remove env` (the CLI runs it on a terminal): asks, through plop's
 * prompts, the name (and for `add`, the environment it is promoted from) when not given, with
 * the repository's environments as choices. Returns the answers, given ones included.
 */
export async function askEnvironment(
  verb: 'add' | 'remove',
  given: { name?: string; after?: string },
  cwd: string = process.cwd(),
): Promise<{ name: string; after?: string }> {
  const { answers } = readDay2Repository(cwd, `${verb} env`);
  const missingName = given.name === undefined;
  const questions = environmentQuestions(
    verb,
    answers.envs,
    // The environment it follows is asked along with the name; with a name given, the default holds.
    { name: missingName, after: missingName && given.after === undefined },
    environmentNameProblem,
  );
  const asked = await askDay2(`${verb}-env`, `${verb} an environment`, questions);
  const name = given.name ?? asked.name ?? '';
  const after = given.after ?? asked.after;
  return after === undefined ? { name } : { name, after };
}

/** Asks on the terminal whether to write a plan it shows; true for yes. */
export function confirmChanges(message: string): Promise<boolean> {
  return confirmDay2('confirm', message);
}

/**
 * Adds a platform component to an infrastructure repository made with `gitops-init new`
 * (`gitops-init add component`): an Argo CD Application, or a Flux HelmRepository and
 * HelmRelease, in infrastructure/<category>/<name>.yaml, listed in the category's kustomization
 * (with a Namespace of its own when `options.namespace` is not the category's); or, for Helm, a
 * subchart of infrastructure/<category>/Chart.yaml with its values. The chart version is pinned
 * (`options.chartVersion`, exact). Existing files are edited in place, comments and layout kept.
 * Running it again changes nothing; with another `chartVersion` it changes the pinned version.
 *
 * @returns the planned changes and what was written. Throws UsageError for bad input (name,
 *   category, chart, repository URL, version, namespace), a name that clashes, an application
 *   repository, or a component already there with another chart, repository or namespace;
 *   RefusedError (nothing written) where a file to change was changed by hand on the same lines.
 */
export function addComponent(name: string, options: ComponentOptions = {}): Promise<ComponentResult> {
  return addComponentWith(name, options, GENERATORS);
}

/**
 * Removes a component added with `addComponent` (`gitops-init remove component`): its files,
 * except those changed since (listed in `kept`; deleted with `force`), and its wiring in the
 * category's kustomization or chart. Throws UsageError for a name that is not such a component.
 */
export function removeComponent(name: string, options: ComponentOptions = {}): Promise<ComponentResult> {
  return removeComponentWith(name, options, GENERATORS);
}

/** What `add component` / `remove component` were given, or the wizard asked. */
export interface ComponentAnswers {
  name: string;
  category?: string;
  chart?: string;
  chartRepo?: string;
  chartVersion?: string;
}

/**
 * The wizard of `add component` / `remove component` (the CLI runs it on a terminal): asks what
 * was not given (name, category, chart repository and version; the chart, default the name, when
 * the name is asked too), each checked as its flag is.
 */
export async function askComponent(
  verb: 'add' | 'remove',
  given: Partial<ComponentAnswers>,
  cwd: string = process.cwd(),
): Promise<ComponentAnswers> {
  // The repository is read first: outside one, nothing is asked.
  readDay2Repository(cwd, `${verb} component`);
  const questions = componentQuestions(
    verb,
    COMPONENT_CATEGORIES,
    {
      name: given.name === undefined,
      category: given.category === undefined,
      chart: given.name === undefined && given.chart === undefined,
      chartRepo: given.chartRepo === undefined,
      chartVersion: given.chartVersion === undefined,
    },
    componentInputProblem,
  );
  const asked = await askDay2(`${verb}-component`, `${verb} a platform component`, questions);
  const answers: ComponentAnswers = { name: given.name ?? asked.name ?? '' };
  for (const key of ['category', 'chart', 'chartRepo', 'chartVersion'] as const) {
    const value = given[key] ?? asked[key];
    if (value !== undefined) answers[key] = value;
  }
  return answers;
}

/**
 * Onboards an application team as a tenant of an infrastructure repository made with
 * `gitops-init new` (`gitops-init add tenant`): exactly the files `new` would have generated for
 * it (namespaces with quota, limit range and network isolation; the Argo CD AppProject and
 * Application, or the Flux service account, GitRepository and Kustomization, or the Helm tenants
 * chart's values), only in `options.environments` (default: all), and its entry in gitops.yaml's
 * `teams.applications`, the rest of the file kept as it was. Running it again changes nothing.
 *
 * @returns the planned changes and what was written. Throws UsageError for a bad team, a team of
 *   another organisation, a name or namespace another tenant or the platform has, an unknown
 *   environment, an application repository; RefusedError (nothing written) when a file to create
 *   or update was changed by hand.
 */
export function addTenant(team: string, options: TenantOptions = {}): Promise<TenantResult> {
  return addTenantWith(team, options, GENERATORS);
}

/**
 * Offboards a tenant, given by name or team (`gitops-init remove tenant`): deletes exactly the
 * files `add tenant` (or `new`) generated for it, except those changed since (listed in `kept`;
 * deleted with `force`), and removes its entry from gitops.yaml. Throws UsageError for a name
 * that is not a tenant.
 */
export function removeTenant(nameOrTeam: string, options: TenantOptions = {}): Promise<TenantResult> {
  return removeTenantWith(nameOrTeam, options, GENERATORS);
}

/** What `add tenant` / `remove tenant` were given, or the wizard asked. */
export interface TenantAnswers {
  /** `add`: the team; `remove`: the tenant's name or team. */
  team: string;
  name?: string;
  namespaces?: string[];
  repositoryUrl?: string;
  environments?: string[];
}

/**
 * The wizard of `add tenant` / `remove tenant` (the CLI runs it on a terminal): for `add` without
 * a team, asks the team and then its name, namespaces, repository and environments, with the
 * defaults the flags have; for `remove` without a name, offers the repository's tenants.
 */
export async function askTenant(
  verb: 'add' | 'remove',
  given: Partial<TenantAnswers>,
  cwd: string = process.cwd(),
): Promise<TenantAnswers> {
  const { answers } = readDay2Repository(cwd, `${verb} tenant`);
  const tenants = resolveTenants(answers);
  const missingTeam = given.team === undefined;
  const questions = tenantQuestions(
    verb,
    {
      org: answers.org,
      envs: answers.envs,
      tenants,
      repository: (name) => repositoryUrl(answers.host, answers.org, name),
    },
    // The details are asked along with the team; with a team given, the flags' defaults hold.
    {
      team: missingTeam,
      details:
        missingTeam &&
        given.name === undefined &&
        given.namespaces === undefined &&
        given.repositoryUrl === undefined &&
        given.environments === undefined,
    },
  );
  const asked = await askDay2(`${verb}-tenant`, `${verb} a tenant`, questions);
  const list = (value: string | undefined): string[] | undefined =>
    value === undefined
      ? undefined
      : value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
  const result: TenantAnswers = { ...given, team: given.team ?? asked.team ?? '' };
  if (asked.name !== undefined) result.name = asked.name;
  const namespaces = list(asked.namespaces);
  if (namespaces !== undefined) result.namespaces = namespaces;
  if (asked.repository !== undefined) result.repositoryUrl = asked.repository;
  const environments = list(asked.environments);
  // Every environment is the default, which gitops.yaml then does not spell out.
  if (environments !== undefined && environments.length < answers.envs.length) result.environments = environments;
  return result;
}
