import type { AnyRule } from '../src/engine/rule.js';
import argocdProjectRestricted from './argocd-project-restricted.js';
import codeownersCriticalPaths from './codeowners-critical-paths.js';
import codeownersDuplicatePattern from './codeowners-duplicate-pattern.js';
import codeownersExists from './codeowners-exists.js';
import codeownersInSync from './codeowners-in-sync.js';
import codeownersOwnersDeclared from './codeowners-owners-declared.js';
import codeownersPatternMatchesNothing from './codeowners-pattern-matches-nothing.js';
import codeownersShadowedRule from './codeowners-shadowed-rule.js';
import codeownersSyntax from './codeowners-syntax.js';
import codeownersUnownedFiles from './codeowners-unowned-files.js';
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
  codeownersCriticalPaths,
  codeownersDuplicatePattern,
  codeownersExists,
  codeownersInSync,
  codeownersOwnersDeclared,
  codeownersPatternMatchesNothing,
  codeownersShadowedRule,
  codeownersSyntax,
  codeownersUnownedFiles,
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
