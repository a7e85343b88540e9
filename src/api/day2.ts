import { registerApplication } from '../../generators/application.js';
import { registerInfrastructure } from '../../generators/infrastructure.js';
import {
  addEnvironment as addWith,
  removeEnvironment as removeWith,
  type EnvironmentOptions,
  type EnvironmentResult,
} from '../day2/environments.js';
import {
  addTenant as addTenantWith,
  removeTenant as removeTenantWith,
  type TenantOptions,
  type TenantResult,
} from '../day2/tenants.js';
import type { ScaffoldGenerator } from '../scaffold/index.js';

export type { EnvironmentOptions, EnvironmentResult } from '../day2/environments.js';
export type { TenantOptions, TenantResult } from '../day2/tenants.js';
export type { ChangeAction, FileChange } from '../day2/plan.js';

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
