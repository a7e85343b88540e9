import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { parse } from 'yaml';
import { DESCRIPTOR_FILES, parseDescriptor } from '../config/descriptor.js';
import { ConfigError, isGitopsError, InternalError, RefusedError, UsageError } from '../errors.js';
import { assertInsideRepository, ensureDirectory, writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { describeSystemError, directoryWriteProblem, UnwritableError, type WriteProblem } from '../files/writable.js';
import { readConfigText } from '../files/read-regular.js';
import { packageInfo } from '../package-info.js';
import {
  ANSWER_FILE_KEYS,
  ANSWER_KEYS,
  answerOption,
  answersFromDescriptor,
  defaultAnswers,
  validateAnswers,
  type AnswerKey,
  type RawAnswers,
  type RawTenant,
  type ScaffoldAnswers,
} from './answers.js';
import { buildModel } from './model.js';
import type { GeneratorOptions, ScaffoldGenerator } from './generator.js';
import { createPlop, type RenderedFile } from './plop.js';

export type { GeneratorOptions, ScaffoldGenerator } from './generator.js';
export type { RenderedFile } from './plop.js';

export type FileStatus = 'create' | 'unchanged' | 'conflict' | 'overwrite';

export interface PlannedFile {
  /** Repository-relative POSIX path. */
  path: string;
  status: FileStatus;
}

export interface ScaffoldOptions {
  /** Directory the command runs in. Defaults to process.cwd(). */
  cwd?: string;
  /** Where to create the repository, relative to cwd. Defaults to cwd. */
  directory?: string;
  /** Answers given by the caller; they win over the answers file and the stored answers. */
  answers?: RawAnswers;
  /** A YAML file of answers, keyed in kebab case (kind, tool, platform-team, app-team, …). */
  answersFile?: string;
  /** Use defaults for every answer not given. */
  yes?: boolean;
  /** Plan only: report each file as create, unchanged or conflict, and write nothing. */
  dryRun?: boolean;
  /** Overwrite files whose content differs. */
  force?: boolean;
  /** Run `git init` when the directory is not in a repository yet (default true). */
  git?: boolean;
  /** Make the first commit. */
  commit?: boolean;
  /** The date recorded for a new repository (YYYY-MM-DD); today by default. */
  today?: string;
}

export interface ScaffoldResult {
  /** Absolute path of the repository. */
  root: string;
  answers: ScaffoldAnswers;
  files: PlannedFile[];
  /** Paths written in this run. */
  written: string[];
  dryRun: boolean;
  gitInitialized: boolean;
  committed: boolean;
}

/** Answers that a run without `yes` must be given (the rest have documented defaults). */
export function requiredAnswers(kind: string | undefined): AnswerKey[] {
  const keys: AnswerKey[] = ['kind', 'tool', 'name', 'org', 'platformTeam', 'envs', 'host'];
  if (kind !== 'infrastructure') keys.splice(5, 0, 'appTeams');
  return keys;
}

function readAnswersFile(cwd: string, file: string): RawAnswers {
  const absolute = path.resolve(cwd, file);
  // Without blocking on a named pipe, and up to 1 MiB (/dev/zero would be read without end).
  const text = readConfigText(absolute, file);
  if (typeof text !== 'string') {
    throw new UsageError(`{{option:answersFile}} "${file}": cannot read the file (${text.code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = parse(text, { uniqueKeys: true, maxAliasCount: 10 });
  } catch (error) {
    const where = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError(
      `${file}${where ? `:${where}` : ''}: not valid YAML (${(error as Error).message.split('\n')[0] ?? ''})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: expected a mapping of answers, e.g. "kind: application"`);
  }
  const raw: RawAnswers = {};
  for (const [key, entry] of Object.entries(value)) {
    const answerKey = ANSWER_FILE_KEYS[key];
    if (!answerKey) {
      throw new ConfigError(`${file}: unknown answer "${key}"; allowed: ${Object.keys(ANSWER_FILE_KEYS).join(', ')}`);
    }
    if (Array.isArray(entry) && entry.every((item) => typeof item === 'string')) raw[answerKey] = entry;
    else if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean')
      raw[answerKey] = String(entry);
    else
      throw new ConfigError(
        `${file}: answer "${key}" must be a string${answerKey === 'envs' || answerKey === 'appTeams' ? ' or a list of strings' : ''}`,
      );
  }
  return raw;
}

/** Answers stored in an existing generated repository, if there is one. */
function storedAnswers(root: string): (RawAnswers & { created?: string }) | undefined {
  for (const name of DESCRIPTOR_FILES) {
    const text = readConfigText(path.join(root, name), name);
    if (typeof text !== 'string') continue;
    return answersFromDescriptor(parseDescriptor(name, text).descriptor);
  }
  return undefined;
}

export interface ResolvedAnswers {
  root: string;
  /** Answers known so far: given ones over the answers file over the stored ones (over defaults with `yes`). */
  given: RawAnswers;
  missing: AnswerKey[];
  created: string | undefined;
  defaults: (answers: RawAnswers) => Record<AnswerKey, string>;
}

/** Gathers answers from every source, without asking anyone. */
export function resolveAnswers(options: ScaffoldOptions): ResolvedAnswers {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const root = path.resolve(cwd, options.directory ?? '.');
  // A target that cannot take the repository is refused before any question is asked; one that
  // is or lies under a file also for a dry run.
  const problem = directoryWriteProblem(root);
  if (problem && (problem.kind === 'not-a-directory' || !options.dryRun)) throw targetError(cwd, root, problem);
  const stored = storedAnswers(root) ?? {};
  const fromFile = options.answersFile ? readAnswersFile(cwd, options.answersFile) : {};
  const { created, ...storedRaw } = stored;
  const given: RawAnswers = { ...storedRaw, ...fromFile };
  for (const [key, value] of Object.entries(options.answers ?? {})) {
    if (value === undefined) continue;
    if (key === 'tenants') given.tenants = value as readonly RawTenant[];
    else given[key as AnswerKey] = value as string | string[];
  }
  const defaults = (answers: RawAnswers): Record<AnswerKey, string> => defaultAnswers(answers, root);
  if (options.yes) {
    const filled = defaults(given);
    for (const key of ANSWER_KEYS) given[key] ??= filled[key];
  }
  const missing = ANSWER_KEYS.filter((key) => given[key] === undefined);
  return { root, given, missing, created, defaults };
}

/** Fills the optional answers (ci, hooks, defaultBranch, and appTeams for infrastructure). */
export function withOptionalDefaults(resolved: ResolvedAnswers): RawAnswers {
  const given = { ...resolved.given };
  const kind = typeof given.kind === 'string' ? given.kind : undefined;
  const required = new Set(requiredAnswers(kind));
  const filled = resolved.defaults(given);
  for (const key of ANSWER_KEYS) {
    if (given[key] === undefined && !required.has(key)) given[key] = filled[key];
  }
  return given;
}

function statusOf(root: string, file: RenderedFile, force: boolean): FileStatus {
  const target = path.join(root, ...file.path.split('/'));
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return 'create';
  }
  if (stat.isFile()) {
    try {
      if (readFileSync(target, 'utf8') === file.content) return 'unchanged';
    } catch {
      // Unreadable: treat as different.
    }
  }
  return force ? 'overwrite' : 'conflict';
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function isInsideGitRepository(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Renders the repository for complete answers with the given generators (one is named after
 * each repository kind) and writes it: every file atomically, nothing at all when any file would
 * overwrite different content (unless `force`), nothing with `dryRun`. The plan and the writes
 * hold the repository lock. Throws UsageError for missing or invalid answers, UnwritableError
 * when the target or a file cannot be written, RefusedError for conflicts and LinkEscapeError
 * for a link out of the target; the last three before anything is written.
 */
export async function scaffold(
  options: ScaffoldOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<ScaffoldResult> {
  const resolved = resolveAnswers(options);
  const given = withOptionalDefaults(resolved);
  const kind = typeof given.kind === 'string' ? given.kind : undefined;
  const missing = requiredAnswers(kind).filter((key) => given[key] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `missing answers: ${missing.map(answerOption).join(', ')}; give them as {{option:answers}}, in {{option:answersFile}} <file.yaml>, or use {{option:yes}} for defaults`,
    );
  }
  const { answers, problems } = validateAnswers(given, resolved.created ?? options.today ?? today());
  if (!answers) throw new UsageError(problems.map((problem) => problem.message).join('\n'));
  return writeScaffold(resolved.root, answers, options, generators);
}

/** How a message names a path: relative to cwd when it is inside, else absolute. */
function shownPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return relative === '' ? '.' : outside ? file : relative;
}

/** The target directory cannot hold the repository: one line naming it, exit 2. */
function targetError(cwd: string, root: string, problem: WriteProblem | string): UnwritableError {
  const why =
    typeof problem === 'string'
      ? problem
      : `${problem.path === root ? 'it' : shownPath(cwd, problem.path)} ${problem.reason}`;
  return new UnwritableError(
    `cannot write the repository to ${shownPath(cwd, root)}: ${why}; choose another directory`,
    root,
  );
}

/**
 * Makes sure the target directory can take the repository before anything is written: the
 * nearest existing directory on the way must be writable, and the missing levels are then made.
 * Returns the levels it made, deepest last.
 */
function prepareTarget(cwd: string, root: string): string[] {
  const problem = directoryWriteProblem(root);
  if (problem) throw targetError(cwd, root, problem);
  const missing: string[] = [];
  for (let level = root; !existsSync(level); level = path.dirname(level)) missing.unshift(level);
  try {
    ensureDirectory(root);
  } catch (error) {
    const level = (error as NodeJS.ErrnoException).path ?? root;
    removeEmpty(missing);
    throw targetError(cwd, root, `${shownPath(cwd, level)} cannot be created (${describeSystemError(error)})`);
  }
  return missing;
}

/** Removes directories made by this run that are still empty, deepest first. */
function removeEmpty(made: readonly string[]): void {
  for (const level of [...made].reverse()) {
    try {
      rmdirSync(level);
    } catch {
      // Not empty, or already gone: it stays.
    }
  }
}

/**
 * Refuses, before any file is written, a file that could only be written through a link out of
 * the repository (LinkEscapeError) or into a directory that cannot be written (UnwritableError).
 */
function checkWritable(root: string, files: readonly RenderedFile[]): void {
  for (const file of files) {
    const target = path.join(root, ...file.path.split('/'));
    assertInsideRepository(root, target);
    const problem = directoryWriteProblem(path.dirname(target));
    if (problem) {
      throw new UnwritableError(
        `cannot write ${file.path}: ${shownPath(root, problem.path)} ${problem.reason}; nothing was written: fix it, or choose another directory`,
        file.path,
      );
    }
  }
}

/**
 * Renders the scaffold for complete answers in memory, sorted by path; writes nothing. The day-2
 * commands render it twice (before and after a change) and take the difference; `update` renders
 * it from an earlier version's templates (`from`: its templates folder and version) and from this one's.
 */
export async function renderScaffold(
  root: string,
  answers: ScaffoldAnswers,
  generators: readonly ScaffoldGenerator[],
  from: { templatesRoot: string; toolVersion: string } = {
    templatesRoot: templatesRoot(),
    toolVersion: packageInfo().version,
  },
): Promise<RenderedFile[]> {
  const model = buildModel(answers, from.toolVersion);
  const { plop, rendered } = await createPlop(
    root,
    { templatesRoot: from.templatesRoot, missing: [], given: {}, defaults: (raw) => defaultAnswers(raw, root) },
    generators,
  );
  const { failures } = await plop.getGenerator(answers.kind).runActions(model);
  if (failures.length > 0) {
    throw new InternalError(
      `rendering the ${answers.kind} scaffold failed: ${failures.map((failure) => describeFailure(failure)).join('; ')}`,
    );
  }
  return rendered.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function writeScaffold(
  root: string,
  answers: ScaffoldAnswers,
  options: ScaffoldOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<ScaffoldResult> {
  const rendered = await renderScaffold(root, answers, generators);
  const force = options.force === true;
  const plan = (): { file: RenderedFile; status: FileStatus }[] =>
    rendered.map((file) => ({ file, status: statusOf(root, file, force) }));
  const result: ScaffoldResult = {
    root,
    answers,
    files: [],
    written: [],
    dryRun: options.dryRun === true,
    gitInitialized: false,
    committed: false,
  };
  if (options.dryRun) {
    result.files = plan().map(({ file, status }) => ({ path: file.path, status }));
    return result;
  }
  const cwd = path.resolve(options.cwd ?? process.cwd());
  // The directory is made only once it is known that it can be (and never by the lock).
  const made = prepareTarget(cwd, root);
  try {
    // The plan is made and carried out under the lock: another run cannot write in between.
    await withRepositoryLock(root, async () => {
      const files = plan();
      result.files = files.map(({ file, status }) => ({ path: file.path, status }));
      const conflicts = result.files.filter((file) => file.status === 'conflict');
      if (conflicts.length > 0) {
        throw new RefusedError(
          `refusing to overwrite ${conflicts.length} file${conflicts.length === 1 ? '' : 's'} whose content differs (nothing was written; use {{option:force}} to overwrite, {{option:dryRun}} to see the plan):\n${conflicts.map((file) => `  ${file.path}`).join('\n')}`,
          { code: 'CONFLICT' },
        );
      }
      const toWrite = files.filter(({ status }) => status !== 'unchanged');
      checkWritable(
        root,
        toWrite.map(({ file }) => file),
      );
      for (const { file } of toWrite) {
        await writeFile(root, file, result.written.length, toWrite.length);
        result.written.push(file.path);
      }
    });
  } catch (error) {
    if (result.written.length === 0) removeEmpty(made);
    throw error;
  }
  if (options.git !== false && !isInsideGitRepository(root)) {
    try {
      git(root, ['init', '-q', '-b', answers.defaultBranch]);
      result.gitInitialized = true;
    } catch (error) {
      throw new RefusedError(
        `git init failed in ${root}: ${String((error as { stderr?: unknown }).stderr ?? error).trim()}`,
      );
    }
  }
  if (options.commit) {
    try {
      git(root, ['add', '-A']);
      git(root, [
        'commit',
        '-q',
        '-m',
        `Scaffold the ${answers.name} ${answers.kind} repository with gitops-init ${packageInfo().version}`,
      ]);
      result.committed = true;
    } catch (error) {
      const detail =
        String((error as { stderr?: unknown }).stderr ?? error)
          .trim()
          .split('\n')[0] ?? '';
      throw new RefusedError(
        `the files were written, but git commit failed: ${detail}; set git's user.name and user.email, then commit`,
      );
    }
  }
  return result;
}

/** Writes one file of the scaffold; a failure of the file system is one line naming the file. */
async function writeFile(root: string, file: RenderedFile, done: number, total: number): Promise<void> {
  try {
    await writeFileAtomically(path.join(root, ...file.path.split('/')), file.content, {
      root,
      ...(file.mode === undefined ? {} : { mode: file.mode }),
    });
  } catch (error) {
    if (isGitopsError(error)) throw error;
    throw new UnwritableError(
      `cannot write ${file.path} (${describeSystemError(error)}); ${done} of ${total} files were written, each complete: fix the cause and run again to write the rest`,
      file.path,
      { cause: error },
    );
  }
}

/** Where the templates of gitops-init's generators are. */
export function templatesRoot(): string {
  return path.join(packageInfo().directory, 'templates');
}

/**
 * A plop instance with the given generators, whose prompts ask the answers in `options.missing`
 * (the wizard, which only the CLI runs), validating each against `options.given`.
 */
export async function scaffoldPrompts(
  resolved: ResolvedAnswers,
  generators: readonly ScaffoldGenerator[],
  options: Pick<GeneratorOptions, 'missing' | 'given' | 'nameOption'>,
): Promise<NodePlopAPI> {
  const { plop } = await createPlop(
    resolved.root,
    { templatesRoot: templatesRoot(), defaults: resolved.defaults, ...options },
    generators,
  );
  return plop;
}

/**
 * What a failed plop action says. node-plop collects `{ path, error }` from its own actions, but
 * whatever a custom action throws as it is (an Error, most often), so each shape is read.
 */
function describeFailure(failure: unknown): string {
  if (failure instanceof Error) return failure.message;
  if (typeof failure === 'object' && failure !== null) {
    const { path: where, error } = failure as { path?: unknown; error?: unknown };
    const message = typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
    return typeof where === 'string' && where !== '' ? `${where}: ${message}` : message;
  }
  return String(failure);
}
