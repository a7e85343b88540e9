import type { Document } from 'yaml';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { parseYamlFile } from '../manifests/yaml-file.js';
import { describeSchemaErrors, nodePosition } from './schema-validation.js';
import schema from './gitops.schema.json' with { type: 'json' };
import { validate as validateDescriptor } from './generated/gitops-schema.validate.js';
import type {
  Descriptor,
  ReleaseWindow as SchemaReleaseWindow,
  RuleEntry,
  Severity,
} from './generated/gitops-schema.types.js';

// The descriptor's types are generated from gitops.schema.json (npm run generate:schemas): the
// schema is their one source of truth.
export type {
  AccessPermission,
  BranchPolicy,
  BypassActor,
  BypassMode,
  Descriptor,
  DescriptorAccess,
  DescriptorProtection,
  GitopsTool,
  ProtectionTarget,
  ReleasesConfig,
  RepositoryKind,
  RuleEntry,
  RuleMap,
  Severity,
  TenantTeam,
  Weekday,
} from './generated/gitops-schema.types.js';
/** A rule's severity as gitops.yaml may write it (the schema's `severity`). */
export type SeverityValue = Severity;
/**
 * A release window, with its days widened from `Weekday` to strings: src/release looks a day
 * name it holds as a string up in them. The generated type is assignable to this one.
 */
export type ReleaseWindow = Omit<SchemaReleaseWindow, 'days'> & { days: readonly string[] };

export const DESCRIPTOR_FILES = ['gitops.yaml', 'gitops.yml'] as const;
export const DESCRIPTOR_SCHEMA = schema;
/** Where editors find the descriptor's schema (the `# yaml-language-server: $schema=` line). */
export const DESCRIPTOR_SCHEMA_URL = schema.$id;

export interface LoadedDescriptor {
  /** Repository-relative path of the file. */
  file: string;
  descriptor: Descriptor;
  document: Document.Parsed;
  /** 1-based line of a value inside the descriptor, for messages about it. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Parses and validates a descriptor's text. Every problem is collected with its line and
 * thrown as one ConfigError, so that the user can fix them all in one go.
 */
/** The most `ignores` patterns a descriptor may have: each is compiled for every run. */
export const MAX_IGNORES = 10_000;

export function parseDescriptor(file: string, text: string): LoadedDescriptor {
  const yamlFile = parseYamlFile(file, text);
  const problems: ConfigProblem[] = [];
  for (const error of [...yamlFile.errors, ...yamlFile.duplicateKeys]) {
    const { line, column } = yamlFile.position(error.range[0]);
    problems.push({ file, line, column, message: error.message });
  }
  if (yamlFile.documents.length !== 1 && problems.length === 0) {
    problems.push({ file, line: 1, message: `expected one YAML document, found ${yamlFile.documents.length}` });
  }
  const first = yamlFile.documents[0];
  if (problems.length === 0 && first?.valueError) {
    const { line, column } = yamlFile.position(first.valueError.range[0]);
    problems.push({ file, line, column, message: first.valueError.message });
  }
  if (problems.length > 0 || !first) {
    throw new ConfigError(`${file} is not valid YAML`, problems);
  }
  const value: unknown = first.value;
  const lineOf = (path: readonly (string | number)[]): number | undefined =>
    nodePosition(first.document, path, yamlFile.position)?.line;
  // Precompiled from gitops.schema.json (npm run generate:schemas): ajv's compile took 60-100 ms of every lint run.
  if (!validateDescriptor(value)) {
    for (const described of describeSchemaErrors(validateDescriptor.errors ?? [], value)) {
      const position = nodePosition(first.document, described.path, yamlFile.position);
      problems.push({ file, ...position, message: described.message });
    }
    throw new ConfigError(`${file} does not match the descriptor schema`, problems);
  }
  if ((value.ignores?.length ?? 0) > MAX_IGNORES) {
    const line = lineOf(['ignores']);
    throw new ConfigError(
      `${file}${line === undefined ? '' : `:${line}`}: ignores has ${value.ignores?.length ?? 0} patterns, over the limit of ${MAX_IGNORES}; use fewer, broader globs`,
    );
  }
  return {
    file,
    descriptor: value,
    // Parsed (for positions) only when asked for: a valid descriptor usually is not.
    get document() {
      return first.document;
    },
    lineOf,
  };
}

export function severityOf(entry: RuleEntry): 'off' | 'warn' | 'error' {
  const value = Array.isArray(entry) ? (entry as readonly unknown[])[0] : entry;
  if (value === 2 || value === 'error') return 'error';
  if (value === 1 || value === 'warn') return 'warn';
  return 'off';
}

export function optionsOf(entry: RuleEntry): readonly unknown[] | undefined {
  return Array.isArray(entry) && entry.length > 1 ? (entry as readonly unknown[]).slice(1) : undefined;
}
