/**
 * Types of gitops.yaml, the repository descriptor, that the API's options and results use
 * (`kind`, `tool` and `rules` of `lint()`, the answers of `scaffold()`).
 */
export type { Descriptor, GitopsTool, RepositoryKind, RuleEntry, SeverityValue } from '../config/descriptor.js';
