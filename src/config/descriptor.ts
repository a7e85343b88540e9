import type { Document } from 'yaml';
import type { DescriptorProtection } from '../protection/policy.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { parseYamlFile } from '../manifests/yaml-file.js';
import { describeAjvError, nodePosition } from './schema-validation.js';
import schema from './gitops.schema.json' with { type: 'json' };
import { validate as validateDescriptor } from './generated/gitops-schema.validate.js';

export type RepositoryKind = 'infrastructure' | 'application';
export type GitopsTool = 'argocd' | 'flux' | 'helm';
export type SeverityValue = 'off' | 'warn' | 'error' | 0 | 1 | 2;
export type RuleEntry = SeverityValue | readonly [SeverityValue, ...unknown[]];

export interface TenantTeam {
  name: string;
  team: string;
  namespaces?: string[];
  repository?: string;
}

export interface Descriptor {
  kind: RepositoryKind;
  tool: GitopsTool;
  name: string;
  teams?: {
    platform?: string;
    application?: string;
    applications?: TenantTeam[];
    /** People who may be named as code owners: `@user` handles or e-mail addresses. */
    members?: string[];
  };
  /** CODEOWNERS patterns to owners (handles, or `platform`, `application`, a tenant's name); later entries win. */
  ownership?: Record<string, string | string[]>;
  /** Paths the platform team must own: alone in infrastructure repositories, together with the team in application ones. */
  criticalPaths?: string[];
  namespaces?: string[];
  environments?: string[];
  /** This repository's clone URL, to recognise GitOps sources that point at it. */
  repositoryUrl?: string;
  platform?: {
    /** Namespaced kinds only the platform team manages (`Kind` or `group/Kind`). */
    kinds?: string[];
    /** Infrastructure repositories: where the platform's own components run workloads. */
    workloads?: { namespaces?: string[]; paths?: string[] };
  };
  host?: 'github' | 'gitlab';
  /** Branch protection policy per branch pattern (see src/protection/policy.ts). */
  protection?: DescriptorProtection;
  /** The repository's version, when gitops.yaml is one of its version sources. */
  version?: string;
  versioning?: {
    /** Version sources that must agree: `file` or `file#field`. */
    sources?: string[];
  };
  releases?: ReleasesConfig;
  rules?: Record<string, RuleEntry>;
  overrides?: { files: string[]; rules: Record<string, RuleEntry> }[];
  ignores?: string[];
  linterOptions?: {
    reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
    maxFileSize?: number;
  };
  scaffold?: Record<string, unknown>;
}

export interface ReleaseWindow {
  /** Days of the week, lower-case three letters (mon … sun). */
  days: string[];
  /** UTC hours as "HH:MM-HH:MM". */
  hours: string;
}

export interface ReleasesConfig {
  /** Where release manifests live (default releases/). */
  directory?: string;
  /** Component repositories whose tags `release create` checks: a local path or a git URL. */
  repositories?: { application?: string; infrastructure?: string };
  /** When releases may be promoted; outside them only with --emergency. */
  windows?: ReleaseWindow[];
  /** The release log: a file of its own (default RELEASES.md). */
  changelog?: string;
}

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
    for (const error of validateDescriptor.errors ?? []) {
      const described = describeAjvError(error);
      const position = nodePosition(first.document, described.path, yamlFile.position);
      problems.push({ file, ...position, message: described.message });
    }
    throw new ConfigError(`${file} does not match the descriptor schema`, problems);
  }
  return {
    file,
    descriptor: value as Descriptor,
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
