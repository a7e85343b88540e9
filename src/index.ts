/**
 * gitops-init's programmatic API. Every function takes a `cwd` and options, returns data,
 * and never prints or exits; the CLI is a thin shell over it.
 */
export { lint, type LintOptions, type LintReport } from './api/lint.js';
export { listRules, type RuleListing } from './api/rules.js';
export { owners, type OwnersOptions, type OwnersReport, type PathOwners, type SectionMatch } from './api/owners.js';
export { syncCodeowners, type SyncCodeownersOptions, type SyncCodeownersResult } from './api/codeowners.js';
export {
  scaffold,
  pendingAnswers,
  type ScaffoldOptions,
  type ScaffoldResult,
  type ScaffoldAnswers,
  type RawAnswers,
  type AnswerKey,
  type PendingAnswers,
  type PlannedFile,
  type FileStatus,
} from './api/scaffold.js';
export {
  addEnvironment,
  removeEnvironment,
  addTenant,
  removeTenant,
  addComponent,
  removeComponent,
  type EnvironmentOptions,
  type EnvironmentResult,
  type TenantOptions,
  type TenantResult,
  type ComponentOptions,
  type ComponentResult,
  type Day2Options,
  type Day2Result,
  type FileChange,
  type ChangeAction,
} from './api/day2.js';
export { update, type UpdateOptions, type UpdateResult, type UpdateConflict } from './api/update.js';
export {
  init,
  planInit,
  type InitOptions,
  type InitPlan,
  type InitResult,
  type Adoption,
  type AdoptionAnswers,
  type Inferred,
} from './api/init.js';
export {
  versionStatus,
  bumpVersion,
  tagVersion,
  BUMP_LEVELS,
  type BumpLevel,
  type BumpOptions,
  type BumpResult,
  type TagResult,
  type VersionStatus,
  type VersionSourceStatus,
} from './api/version.js';
export {
  createRelease,
  approveRelease,
  approveReleaseFromReview,
  type ApproveFromReviewOptions,
  type ApproveFromReviewResult,
  promoteRelease,
  tagRelease,
  listReleases,
  writeReleaseLog,
  rollbackRelease,
  verifyRelease,
  UnreachableRepositoryError,
  UnverifiedRollbackError,
  type VerifyReleaseOptions,
  type VerifyReleaseReport,
  type VerifiedSide,
  type Verification,
  type CreateReleaseOptions,
  type ApproveReleaseOptions,
  type PromoteReleaseOptions,
  type RollbackReleaseOptions,
  type ReleaseLogResult,
  type ReleaseTagResult,
  type StoredRelease,
  type Release,
  type ReleaseStatus,
} from './api/release.js';
export {
  parseCodeowners,
  type CodeownersFile,
  type CodeownersRule,
  type CodeownersOwner,
  type CodeownersSection,
} from './codeowners/parse.js';
export { CodeownersMatcher, type Ownership, type OwnershipMatch } from './codeowners/matcher.js';
export { CODEOWNERS_LOCATIONS, type Dialect } from './codeowners/dialect.js';
export {
  renderProtection,
  diffProtection,
  applyProtection,
  type RenderProtectionOptions,
  type RenderProtectionResult,
  type LiveProtectionOptions,
  type ProtectionDiffReport,
  type ProtectionApplyResult,
  diffGitlabProtection,
  applyGitlabProtection,
  protectionHost,
  type GitlabProtectionOptions,
  type GitlabDiffReport,
  type GitlabApplyResult,
} from './api/protection.js';
export {
  audit,
  AUDIT_RULES,
  DEFAULT_AUDIT_CONCURRENCY,
  type AuditOptions,
  type AuditReport,
  type AuditFinding,
  type AuditSummary,
  type RepositoryAudit,
  type RepositoryStatus,
} from './api/audit.js';
export {
  resolvePolicies,
  defaultPolicy,
  floorViolations,
  type ProtectionPolicy,
  type BypassActor,
  type ProtectionTarget,
} from './protection/policy.js';
export { loadFormatter, writeReport, BUILTIN_FORMATTERS } from './formatters/index.js';
export type { LintResult, LintMessage, Formatter, FormatterContext } from './engine/results.js';
export type { Diagnostic } from './engine/linter.js';
export {
  defineRule,
  type RuleDefinition,
  type RuleContext,
  type RuleMeta,
  type ReportDescriptor,
} from './engine/rule.js';
export type { Descriptor, RepositoryKind, GitopsTool } from './config/descriptor.js';
export { GitopsError, UsageError, ConfigError, RefusedError, InternalError } from './errors.js';
export { LinkEscapeError, ChangedSinceReadError } from './files/atomic-write.js';
export { LockTimeoutError } from './files/lock.js';
export { UnwritableError } from './files/writable.js';
