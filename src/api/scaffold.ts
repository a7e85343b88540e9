import type { NodePlopAPI } from 'node-plop';
import { registerApplication } from '../../generators/application.js';
import { registerInfrastructure } from '../../generators/infrastructure.js';
import { registerKindChooser } from '../../generators/shared.js';
import type { AnswerKey } from '../scaffold/answers.js';
import {
  requiredAnswers,
  resolveAnswers,
  scaffold as scaffoldWith,
  scaffoldPrompts as promptsWith,
  withOptionalDefaults,
  type GeneratorOptions,
  type ResolvedAnswers,
  type ScaffoldGenerator,
  type ScaffoldOptions,
  type ScaffoldResult,
} from '../scaffold/index.js';

export type { AnswerKey, CiSystem, HookManager, Host, RawAnswers, ScaffoldAnswers } from '../scaffold/answers.js';
export type { FileStatus, PlannedFile, ResolvedAnswers, ScaffoldOptions, ScaffoldResult } from '../scaffold/index.js';

/**
 * gitops-init's generators: the first step of the wizard (the repository kind), then one per
 * kind. The scaffold engine does not know them; this is where they meet it.
 */
const GENERATORS: readonly ScaffoldGenerator[] = [registerKindChooser, registerInfrastructure, registerApplication];

/** The plop generator that asks only for the repository kind; the others are named after the kind. */
export const KIND_GENERATOR = 'gitops-init';

/**
 * Creates an infrastructure or application GitOps repository (`gitops-init new`). Answers come
 * from `answers`, then `answersFile`, then the gitops.yaml of a repository generated before;
 * with `yes`, defaults fill the rest. Never prompts.
 *
 * Plans and writes holding the repository lock, and checks, before writing anything, that every
 * file can be written: a target that cannot hold the repository is an UnwritableError (a
 * UsageError, code `UNWRITABLE`), a file that would be written through a link out of the target
 * a LinkEscapeError (a RefusedError, code `LINK_ESCAPE`).
 *
 * @returns every planned file with its status (create, unchanged, overwrite, conflict) and what
 *   was written. Throws UsageError for missing or invalid answers, RefusedError for conflicts.
 */
export function scaffold(options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  return scaffoldWith(options, GENERATORS);
}

/** The answers known before scaffolding, and the required ones still missing. */
export interface PendingAnswers extends ResolvedAnswers {
  /** Answers `scaffold()` would refuse to run without (those with defaults are not listed). */
  missingRequired: AnswerKey[];
}

/** Gathers the answers from every source, without asking anyone, and says which are missing. */
export function pendingAnswers(options: ScaffoldOptions = {}): PendingAnswers {
  const resolved = resolveAnswers(options);
  const given = withOptionalDefaults(resolved);
  const kind = typeof given.kind === 'string' ? given.kind : undefined;
  return { ...resolved, missingRequired: requiredAnswers(kind).filter((key) => given[key] === undefined) };
}

/**
 * A plop instance whose generators ask the answers in `options.missing` on a terminal (the
 * CLI's wizard): run the prompts of `KIND_GENERATOR` for the kind, then those of the generator
 * named after the kind. Each question validates as `scaffold()` does.
 */
export function scaffoldPrompts(
  pending: ResolvedAnswers,
  options: Pick<GeneratorOptions, 'missing' | 'given' | 'nameOption'>,
): Promise<NodePlopAPI> {
  return promptsWith(pending, GENERATORS, options);
}
