import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { parse } from 'yaml';
import { DESCRIPTOR_FILES, parseDescriptor } from '../config/descriptor.js';
import { ConfigError, InternalError, RefusedError, UsageError } from '../errors.js';
import { ensureDirectory, writeFileAtomically } from '../files/atomic-write.js';
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
  type ScaffoldAnswers,
} from './answers.js';
import { buildModel } from './model.js';
import type { GeneratorOptions, ScaffoldGenerator } from './generator.js';
import { createPlop, type RenderedFile } from './plop.js';

export type { GeneratorOptions, ScaffoldGenerator } from './generator.js';

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
  try {
    if (!statSync(root).isDirectory())
      throw new UsageError(
        `"${options.directory ?? root}" is a file, not a directory; give a directory for the new repository`,
      );
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  const stored = storedAnswers(root) ?? {};
  const fromFile = options.answersFile ? readAnswersFile(cwd, options.answersFile) : {};
  const { created, ...storedRaw } = stored;
  const given: RawAnswers = { ...storedRaw, ...fromFile };
  for (const [key, value] of Object.entries(options.answers ?? {})) {
    if (value !== undefined) given[key as AnswerKey] = value;
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
 * overwrite different content (unless `force`), nothing with `dryRun`. Throws UsageError for
 * missing or invalid answers and RefusedError for conflicts.
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

async function writeScaffold(
  root: string,
  answers: ScaffoldAnswers,
  options: ScaffoldOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<ScaffoldResult> {
  const model = buildModel(answers, packageInfo().version);
  const { plop, rendered } = await createPlop(
    root,
    { templatesRoot: templatesRoot(), missing: [], given: {}, defaults: (raw) => defaultAnswers(raw, root) },
    generators,
  );
  const { failures } = await plop.getGenerator(answers.kind).runActions(model);
  if (failures.length > 0) {
    throw new InternalError(
      `rendering the ${answers.kind} scaffold failed: ${failures.map((failure) => `${failure.path}: ${failure.error}`).join('; ')}`,
    );
  }
  const force = options.force === true;
  const files = rendered
    .map((file) => ({ file, status: statusOf(root, file, force) }))
    .sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
  const planned = files.map(({ file, status }) => ({ path: file.path, status }));
  const conflicts = planned.filter((file) => file.status === 'conflict');
  const result: ScaffoldResult = {
    root,
    answers,
    files: planned,
    written: [],
    dryRun: options.dryRun === true,
    gitInitialized: false,
    committed: false,
  };
  if (options.dryRun) return result;
  if (conflicts.length > 0) {
    throw new RefusedError(
      `refusing to overwrite ${conflicts.length} file${conflicts.length === 1 ? '' : 's'} whose content differs (nothing was written; use {{option:force}} to overwrite, {{option:dryRun}} to see the plan):\n${conflicts.map((file) => `  ${file.path}`).join('\n')}`,
      { code: 'CONFLICT' },
    );
  }
  try {
    ensureDirectory(root);
  } catch (error) {
    throw new RefusedError(
      `cannot create ${root} (${(error as NodeJS.ErrnoException).code ?? 'error'}); choose another directory`,
    );
  }
  for (const { file, status } of files) {
    if (status === 'unchanged') continue;
    await writeFileAtomically(
      path.join(root, ...file.path.split('/')),
      file.content,
      file.mode === undefined ? {} : { mode: file.mode },
    );
    result.written.push(file.path);
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
