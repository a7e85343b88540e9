import type { AnyRule } from '../src/engine/rule.js';
import argocdProjectRestricted from './argocd-project-restricted.js';
import fluxTenantIsolation from './flux-tenant-isolation.js';
import gitopsPathExists from './gitops-path-exists.js';
import kustomizationResourcesExist from './kustomization-resources-exist.js';
import manifestSchema from './manifest-schema.js';
import namespaceAllowed from './namespace-allowed.js';
import noClusterScopedInApplication from './no-cluster-scoped-in-application.js';
import noPlaintextSecrets from './no-plaintext-secrets.js';
import noWorkloadsInInfrastructure from './no-workloads-in-infrastructure.js';
import protectionChecksExist from './protection-checks-exist.js';
import requiredPaths from './required-paths.js';
import yamlSyntax from './yaml-syntax.js';

/** Every rule, sorted by id. One line per rule; a test checks it against rules/ and docs/rules/. */
export const rules: readonly AnyRule[] = [
  argocdProjectRestricted,
  fluxTenantIsolation,
  gitopsPathExists,
  kustomizationResourcesExist,
  manifestSchema,
  namespaceAllowed,
  noClusterScopedInApplication,
  noPlaintextSecrets,
  noWorkloadsInInfrastructure,
  protectionChecksExist,
  requiredPaths,
  yamlSyntax,
];
