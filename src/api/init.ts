import { lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { defaultRequiredPaths } from '../../rules/required-paths.js';
import {
  ADOPTION_ANSWER_KEYS,
  adoptionDescriptor,
  checkAdoptionAnswer,
  inferredAnswers,
  renderAdoptionDescriptor,
  REQUIRED_ADOPTION_ANSWERS,
  type AdoptionAnswerKey,
  type AdoptionAnswers,
} from '../adoption/descriptor.js';
import { inferAdoption, isNothingToAdopt, type Adoption, type Inferred } from '../adoption/infer.js';
import { adoptionPrompts, LEAVE_OUT } from '../adoption/prompts.js';
import { DESCRIPTOR_FILES, parseDescriptor, type Descriptor } from '../config/descriptor.js';
import { ConfigError, InternalError, isGitopsError, RefusedError, UsageError, type OptionNamer } from '../errors.js';
import { WorkingTreeSource } from '../engine/file-source.js';
import { assertInsideRepository, writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { describeSystemError, directoryWriteProblem, UnwritableError } from '../files/writable.js';
import { runGit } from '../git/command.js';
import { answerOption, type AnswerKey, type RawAnswers } from '../scaffold/answers.js';

export type { Adoption, Inferred } from '../adoption/infer.js';
export type { AdoptionAnswerKey, AdoptionAnswers } from '../adoption/descriptor.js';
export { ADOPTION_ANSWER_KEYS, REQUIRED_ADOPTION_ANSWERS } from '../adoption/descriptor.js';
export { ADOPTION_GENERATOR, LEAVE_OUT } from '../adoption/prompts.js';

/** Files larger than this are not read for the inference (lint's default maxFileSize). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface InitOptions {
  /** Directory the command runs in. Defaults to process.cwd(). */
  cwd?: string;
  /** The repository to adopt, relative to cwd. Defaults to cwd. */
  directory?: string;
  /**
   * Answers that replace the inferred ones (the keys of `scaffold()`'s answers that gitops.yaml
   * holds: kind, tool, name, org, host, envs, platformTeam, appTeams). An empty string (or
   * `none`) leaves an optional answer out.
   */
  answers?: RawAnswers;
  /** Take the inferred answers for those not given. Without it, kind, tool and name must be given. */
  yes?: boolean;
  /** Replace an existing gitops.yaml. */
  force?: boolean;
  /** Infer and render, write nothing. */
  dryRun?: boolean;
  /** The plan `planInit()` made for the same options, so that the repository is read once. */
  plan?: InitPlan;
}

/** What `init` found before anything is asked or written. */
export interface InitPlan {
  /** Absolute path of the repository. */
  root: string;
  /** The descriptor's file name: gitops.yaml, or the gitops.yml that is there. */
  file: string;
  /** Whether that file exists (only with `force`). */
  exists: boolean;
  adoption: Adoption;
  /** The inferred answers, each with what decided it; answers nothing decided are absent. */
  answers: Partial<{ [K in AdoptionAnswerKey]: Inferred<NonNullable<AdoptionAnswers[K]>> }>;
}

export interface InitResult {
  root: string;
  /** The descriptor's file name, relative to root. */
  file: string;
  answers: AdoptionAnswers;
  descriptor: Descriptor;
  /** gitops.yaml's text, as written (or as it would be, with `dryRun`). */
  text: string;
  written: boolean;
  /** Whether an existing file was replaced (`force`). */
  overwritten: boolean;
  dryRun: boolean;
  /** Answers no file decided and that took gitops-init's default. */
  defaulted: AdoptionAnswerKey[];
  plan: InitPlan;
}

function shownPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative === '' ? '.' : outside ? file : relative;
}

function existingDescriptor(root: string): string | undefined {
  return DESCRIPTOR_FILES.find((name) => lstatSync(path.join(root, name), { throwIfNoEntry: false }) !== undefined);
}

/** A file's text for the inference: undefined for what is not text (too large, binary, a link out, unreadable). */
function textOf(source: WorkingTreeSource, file: string): string | undefined {
  const bytes = source.readBytes(file);
  if (!Buffer.isBuffer(bytes)) return undefined;
  // A NUL byte in the first 8 KiB is git's own test for binary content.
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return bytes.toString('utf8');
}

async function originUrl(root: string): Promise<string | undefined> {
  try {
    return (await runGit(['remote', 'get-url', 'origin'], { cwd: root })).toString('utf8').trim();
  } catch {
    // No git, no repository or no origin: nothing to learn from it.
    return undefined;
  }
}

/**
 * Reads a repository to adopt (`gitops-init init`) and infers its gitops.yaml's answers, each
 * with the files that decided it; writes nothing and never prompts.
 *
 * Throws UsageError when the directory does not exist or is not one, holds nothing GitOps-like
 * (code `NOTHING_TO_ADOPT`) or cannot be written (UnwritableError); RefusedError (code `EXISTS`)
 * when it has a gitops.yaml already and `force` is not set.
 */
export async function planInit(options: InitOptions = {}): Promise<InitPlan> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const root = path.resolve(cwd, options.directory ?? '.');
  const shown = shownPath(cwd, root);
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new UsageError(`directory "${shown}" does not exist; give the directory of the repository to adopt`);
  }
  if (!stat.isDirectory())
    throw new UsageError(`"${shown}" is not a directory; give the directory of the repository to adopt`);
  const existing = existingDescriptor(root);
  if (existing !== undefined && options.force !== true) {
    throw new RefusedError(
      `${shown === '.' ? existing : `${shown}/${existing}`} exists already: this repository has been adopted; init replaces it only with {{option:force}}`,
      { code: 'EXISTS' },
    );
  }
  if (options.dryRun !== true) {
    const problem = directoryWriteProblem(root);
    if (problem) {
      throw new UnwritableError(
        `cannot write gitops.yaml to ${shown}: ${problem.path === root ? 'it' : shownPath(cwd, problem.path)} ${problem.reason}`,
        root,
      );
    }
  }
  const source = new WorkingTreeSource(root, { maxFileSize: MAX_FILE_BYTES });
  const files = await source.listFiles();
  const inferred = inferAdoption({
    files,
    text: (file) => textOf(source, file),
    directoryName: path.basename(root),
    remoteUrl: await originUrl(root),
    defaultRequiredPaths,
  });
  if (isNothingToAdopt(inferred)) {
    throw new UsageError(
      `found nothing GitOps-like in ${shown} (${inferred.scanned.files} file${inferred.scanned.files === 1 ? '' : 's'}): looked for Flux and Argo CD objects, Helm charts (Chart.yaml), kustomizations and Kubernetes manifests; to start a new repository, run gitops-init new`,
      { code: 'NOTHING_TO_ADOPT' },
    );
  }
  return {
    root,
    file: existing ?? 'gitops.yaml',
    exists: existing !== undefined,
    adoption: inferred,
    answers: inferredAnswers(inferred),
  };
}

function listOf(value: string | readonly string[]): string[] {
  return (Array.isArray(value) ? (value as readonly string[]) : String(value).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Whether a given answer leaves its answer out: empty, or `none`. */
function isLeftOut(value: string | readonly string[]): boolean {
  const items = listOf(value);
  return items.length === 0 || (items.length === 1 && items[0] === LEAVE_OUT);
}

/** The answers: the given ones over the inferred ones (with `yes`); every problem in one error. */
function resolveAnswers(
  plan: InitPlan,
  options: InitOptions,
): { answers: AdoptionAnswers; defaulted: AdoptionAnswerKey[] } {
  const given = options.answers ?? {};
  const has = (key: AdoptionAnswerKey): boolean => given[key as AnswerKey] !== undefined;
  if (options.yes !== true) {
    const missing = REQUIRED_ADOPTION_ANSWERS.filter((key) => !has(key));
    if (missing.length > 0) {
      const described = missing.map((key) => {
        const inferred = plan.answers[key];
        return `${answerOption(key)}${inferred ? ` (inferred: ${String(inferred.value)})` : ''}`;
      });
      throw new UsageError(
        `missing answers: ${described.join(', ')}; give them as {{option:answers}}, or use {{option:yes}} to take the inferred answers`,
      );
    }
  }
  const problems: string[] = [];
  const kindGiven = given.kind;
  const kindValue = typeof kindGiven === 'string' ? kindGiven.trim() : undefined;
  if (kindValue !== undefined) {
    const problem = checkAdoptionAnswer('kind', kindValue);
    if (problem) problems.push(problem);
  }
  const kind = kindValue === 'application' || kindValue === 'infrastructure' ? kindValue : plan.adoption.kind.value;
  const inferred = inferredAnswers(plan.adoption, { kind });
  const raw: Partial<Record<AdoptionAnswerKey, string | string[]>> = {};
  for (const key of ADOPTION_ANSWER_KEYS) {
    const value = given[key as AnswerKey];
    if (value !== undefined) {
      if (key !== 'kind' && key !== 'tool' && key !== 'name' && isLeftOut(value)) continue;
      raw[key] = key === 'envs' || key === 'appTeams' ? listOf(value) : String(value).trim();
      const problem = key === 'kind' ? undefined : checkAdoptionAnswer(key, raw[key], kind);
      if (problem) problems.push(problem);
    } else {
      const answer = inferred[key];
      if (answer !== undefined) raw[key] = answer.value;
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const defaulted: AdoptionAnswerKey[] = [];
  if (raw.tool === undefined) {
    // Nothing in the repository names a tool (plain manifests or kustomizations): new's default.
    raw.tool = 'flux';
    defaulted.push('tool');
  }
  const answers: AdoptionAnswers = {
    kind,
    tool: raw.tool as AdoptionAnswers['tool'],
    name: raw.name as string,
  };
  if (typeof raw.org === 'string') answers.org = raw.org;
  if (typeof raw.host === 'string') answers.host = raw.host as AdoptionAnswers['host'] & string;
  if (Array.isArray(raw.envs)) answers.envs = raw.envs;
  if (typeof raw.platformTeam === 'string') answers.platformTeam = raw.platformTeam;
  if (Array.isArray(raw.appTeams)) answers.appTeams = raw.appTeams;
  return { answers, defaulted };
}

/**
 * Adopts an existing repository (`gitops-init init`): infers its gitops.yaml from what it
 * holds (see `planInit()`), takes the given answers over the inferred ones, and writes that one
 * file, atomically, under the repository lock, and nothing else. Never prompts.
 *
 * Throws what `planInit()` throws; UsageError for missing (without `yes`) or invalid answers;
 * RefusedError (code `EXISTS`) when a gitops.yaml appeared meanwhile, LinkEscapeError when
 * gitops.yaml is a symbolic link out of the repository, UnwritableError when it cannot be written.
 */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const plan = options.plan ?? (await planInit(options));
  const { answers, defaulted } = resolveAnswers(plan, options);
  const descriptor = adoptionDescriptor(answers, plan.adoption);
  const text = renderAdoptionDescriptor(descriptor);
  try {
    parseDescriptor(plan.file, text);
  } catch (error) {
    const detail =
      error instanceof ConfigError ? error.problems.map((problem) => problem.message).join('; ') : String(error);
    throw new InternalError(`the gitops.yaml init made does not match the schema: ${detail}`, { cause: error });
  }
  const result: InitResult = {
    root: plan.root,
    file: plan.file,
    answers,
    descriptor,
    text,
    written: false,
    overwritten: false,
    dryRun: options.dryRun === true,
    defaulted,
    plan,
  };
  if (options.dryRun) return result;
  const target = path.join(plan.root, plan.file);
  await withRepositoryLock(plan.root, async () => {
    // Checked again under the lock: another run may have written it since the plan.
    const stat = lstatSync(target, { throwIfNoEntry: false });
    if (stat !== undefined && options.force !== true) {
      throw new RefusedError(
        `${plan.file} exists already: this repository has been adopted; init replaces it only with {{option:force}}`,
        { code: 'EXISTS' },
      );
    }
    assertInsideRepository(plan.root, target);
    let expected: Buffer | null = null;
    if (stat !== undefined) {
      try {
        expected = readFileSync(target);
      } catch (error) {
        throw new UnwritableError(
          `cannot replace ${plan.file} (${describeSystemError(error)}); nothing was written`,
          plan.file,
          { cause: error },
        );
      }
    }
    try {
      await writeFileAtomically(target, text, { root: plan.root, expected });
    } catch (error) {
      if (isGitopsError(error)) throw error;
      throw new UnwritableError(`cannot write ${plan.file} (${describeSystemError(error)})`, plan.file, {
        cause: error,
      });
    }
    result.written = true;
    result.overwritten = stat !== undefined;
  });
  return result;
}

/**
 * A plop instance whose generator `ADOPTION_GENERATOR` asks the answers in `keys` on a
 * terminal, with the inferred answers as defaults (the CLI runs it; the API never prompts).
 */
export function initPrompts(
  plan: InitPlan,
  given: RawAnswers,
  keys: readonly AdoptionAnswerKey[],
  nameOption?: OptionNamer,
): Promise<NodePlopAPI> {
  return adoptionPrompts(plan.root, plan.adoption, given, keys, nameOption);
}
