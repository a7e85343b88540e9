/**
 * `gitops-init version`: the repository's version across its sources (VERSION, gitops.yaml,
 * Chart.yaml, …), raising it everywhere at once, and tagging it. Each function takes `cwd`,
 * returns data and never prints; refusals are RefusedError, bad options UsageError.
 */
export {
  /** The current version (from the first source) and where each source stands. */
  versionStatus,
  /**
   * Raises the version in every source and moves CHANGELOG.md's Unreleased section to it;
   * refuses when the sources disagree, and then writes nothing.
   */
  bumpVersion,
  /** Creates the annotated tag `v<version>` on HEAD; refuses a dirty tree or an existing tag. */
  tagVersion,
  BUMP_LEVELS,
  type BumpLevel,
  type BumpOptions,
  type BumpResult,
  type TagResult,
  type VersionSourceStatus,
  type VersionStatus,
} from '../versioning/index.js';
