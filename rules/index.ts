import type { AnyRule } from '../src/engine/rule.js';
import accessPolicyMinimum from './access-policy-minimum.js';
import argocdProjectRestricted from './argocd-project-restricted.js';
import changelogEntry from './changelog-entry.js';
import chartVersionBumped from './chart-version-bumped.js';
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
import imageTagPinned from './image-tag-pinned.js';
import kustomizationResourcesExist from './kustomization-resources-exist.js';
import manifestSchema from './manifest-schema.js';
import namespaceAllowed from './namespace-allowed.js';
import noClusterScopedInApplication from './no-cluster-scoped-in-application.js';
import noPlaintextSecrets from './no-plaintext-secrets.js';
import noSymlinksOutsideRepository from './no-symlinks-outside-repository.js';
import noWorkloadsInInfrastructure from './no-workloads-in-infrastructure.js';
import protectionChecksExist from './protection-checks-exist.js';
import protectionCoversCodeowners from './protection-covers-codeowners.js';
import protectionFilesInSync from './protection-files-in-sync.js';
import protectionPolicyMinimum from './protection-policy-minimum.js';
import releaseApproved from './release-approved.js';
import releaseManifestValid from './release-manifest-valid.js';
import releaseMonotonic from './release-monotonic.js';
import releaseNameMatches from './release-name-matches.js';
import releaseRollbackTargetExists from './release-rollback-target-exists.js';
import requiredPaths from './required-paths.js';
import semverValid from './semver-valid.js';
import versionConsistent from './version-consistent.js';
import yamlSyntax from './yaml-syntax.js';

/** Every rule, sorted by id. One line per rule; a test checks it against rules/ and docs/rules/. */
export const rules: readonly AnyRule[] = [
  accessPolicyMinimum,
  argocdProjectRestricted,
  changelogEntry,
  chartVersionBumped,
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
  imageTagPinned,
  kustomizationResourcesExist,
  manifestSchema,
  namespaceAllowed,
  noClusterScopedInApplication,
  noPlaintextSecrets,
  noSymlinksOutsideRepository,
  noWorkloadsInInfrastructure,
  protectionChecksExist,
  protectionCoversCodeowners,
  protectionFilesInSync,
  protectionPolicyMinimum,
  releaseApproved,
  releaseManifestValid,
  releaseMonotonic,
  releaseNameMatches,
  releaseRollbackTargetExists,
  requiredPaths,
  semverValid,
  versionConsistent,
  yamlSyntax,
];
