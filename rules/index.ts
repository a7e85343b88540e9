import type { AnyRule } from '../src/engine/rule.js';
import kustomizationResourcesExist from './kustomization-resources-exist.js';
import protectionChecksExist from './protection-checks-exist.js';
import requiredPaths from './required-paths.js';
import yamlSyntax from './yaml-syntax.js';

/** Every rule, sorted by id. One line per rule; a test checks it against rules/ and docs/rules/. */
export const rules: readonly AnyRule[] = [
  kustomizationResourcesExist,
  protectionChecksExist,
  requiredPaths,
  yamlSyntax,
];
