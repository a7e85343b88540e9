import { isSeq, parse, parseDocument, Scalar, type YAMLSeq } from 'yaml';
import { ConfigError, UsageError } from '../errors.js';
import type { RenderedFile, ScaffoldGenerator } from '../scaffold/index.js';
import { addSourceRepo, platformProjectFile, sourceRepos } from './components.js';
import { createChange, modifyChange, readRepositoryFile, type FileChange } from './plan.js';
import {
  byPath,
  deletions,
  refuseConflicts,
  renderDifference,
  reRender,
  runDay2,
  type Day2Options,
  type Day2Repository,
  type Day2Result,
} from './repository.js';
import { removeTenantsEnvironment } from './tenants.js';

export interface EnvironmentOptions extends Day2Options {
  /** `add env`: the environment the new one comes after in promotion order; default: before the last. */
  after?: string;
}

export interface EnvironmentResult extends Day2Result {
  environment: string;
  /** The environments in promotion order after the command. */
  environments: string[];
}

/** A DNS-1123 label: environment names become directory, namespace and resource names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** What is wrong with an environment name, if anything (the wizard's check and the flags'). */
export function environmentNameProblem(name: string): string | undefined {
  return DNS_LABEL.test(name)
    ? undefined
    : 'not a DNS label (lower-case letters, digits and "-", at most 63, starting and ending with a letter or digit)';
}

function checkName(name: string): void {
  const problem = environmentNameProblem(name);
  if (problem !== undefined) throw new UsageError(`environment "${name}": ${problem}`);
}

/** A new item's scalar, quoted as its neighbour is. */
function itemText(name: string, neighbour: string): string {
  if (neighbour.startsWith('"')) return JSON.stringify(name);
  if (neighbour.startsWith("'")) return `'${name}'`;
  return parse(name) === name ? name : JSON.stringify(name);
}

/**
 * The descriptor with `environments` set to `environments` (the current list plus or minus one
 * name). The yaml Document API finds the list; a block list is then edited as text, one line
 * added or removed, so that every other byte of the file (comments, their spacing, quoting,
 * blank lines) stays as it was. Any other form of list is rewritten through the Document API.
 */
function editEnvironments(file: string, text: string, environments: readonly string[]): string {
  const document = parseDocument(text);
  const node = document.get('environments', true);
  if (!isSeq(node)) throw new ConfigError(`${file}: "environments" is not a list; fix it by hand, then run again`);
  const seq = node as YAMLSeq<Scalar<string>>;
  const names = seq.items.map((item) => String(item.value));
  const lineStart = (offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
  const isBlockItem = (
    item: Scalar<string> | undefined,
  ): item is Scalar<string> & { range: [number, number, number] } =>
    item?.range !== undefined &&
    item.range !== null &&
    /^[ \t]*-[ \t]+$/.test(text.slice(lineStart(item.range[0]), item.range[0]));
  if (!seq.flow && seq.items.every(isBlockItem)) {
    const added = environments.filter((name) => !names.includes(name));
    const removed = names.filter((name) => !environments.includes(name));
    const rest = names.filter((name) => environments.includes(name));
    if (added.length === 0 && removed.length === 1 && rest.every((name, index) => environments[index] === name)) {
      const item = seq.items[names.indexOf(removed[0]!)]!;
      const start = lineStart(item.range[0]);
      const end = text.indexOf('\n', item.range[1]);
      return text.slice(0, start) + text.slice(end === -1 ? text.length : end + 1);
    }
    if (removed.length === 0 && added.length === 1 && seq.items.length > 0) {
      const at = environments.indexOf(added[0]!);
      const neighbour = seq.items[Math.min(at, seq.items.length - 1)]!;
      const start = lineStart(neighbour.range[0]);
      const prefix = text.slice(start, neighbour.range[0]);
      // Quoted as the environment it is promoted from (the first: as the next one).
      const model = seq.items[Math.max(0, at - 1)]!;
      const source = text.slice(model.range[0], model.range[1]);
      const line = `${prefix}${itemText(added[0]!, source)}\n`;
      if (at < seq.items.length) return text.slice(0, start) + line + text.slice(start);
      const end = text.indexOf('\n', neighbour.range[1]);
      return end === -1 ? `${text}\n${line}` : text.slice(0, end + 1) + line + text.slice(end + 1);
    }
    if (added.length === 0 && removed.length === 0 && rest.join() === environments.join()) return text;
  }
  const byName = new Map(seq.items.map((item) => [String(item.value), item]));
  const style = seq.items[0]?.type ?? Scalar.QUOTE_DOUBLE;
  seq.items = environments.map((name) => {
    const existing = byName.get(name);
    if (existing) return existing;
    const scalar = new Scalar(name);
    scalar.type = style;
    return scalar;
  });
  return document.toString({ lineWidth: 0 });
}

/**
 * An environment's Argo CD platform project as the repository has it: components added with
 * `add component` allowed their chart repositories in every environment's project, so the new
 * (or removed) environment's project lists those the neighbouring environment's lists too.
 */
function withComponentRepositories(
  repository: Day2Repository,
  file: RenderedFile,
  environment: string,
  neighbour: string | undefined,
): RenderedFile {
  if (repository.answers.tool !== 'argocd' || neighbour === undefined) return file;
  if (file.path !== platformProjectFile(environment)) return file;
  const other = readRepositoryFile(repository.root, platformProjectFile(neighbour));
  if (other === null) return file;
  let content = file.content;
  for (const source of sourceRepos(other)) {
    if (!sourceRepos(content).includes(source)) content = addSourceRepo(file.path, content, source);
  }
  return { ...file, content };
}

/** The environment next to `name` in promotion order: the one before it, or after it when it is first. */
function neighbourOf(environments: readonly string[], name: string): string | undefined {
  const index = environments.indexOf(name);
  return environments[index - 1] ?? environments[index + 1];
}

async function difference(
  repository: Day2Repository,
  withEnvs: string[],
  withoutEnvs: string[],
  generators: readonly ScaffoldGenerator[],
): ReturnType<typeof renderDifference> {
  return renderDifference(
    repository.root,
    { ...repository.answers, envs: withEnvs },
    { ...repository.answers, envs: withoutEnvs },
    generators,
  );
}

/**
 * Adds an environment: the files `gitops-init new` generates for it (rendered from the same
 * templates with the answers in gitops.yaml), and the environment in gitops.yaml's promotion order.
 * An environment that is already there only gets its missing files back.
 */
export function addEnvironment(
  name: string,
  options: EnvironmentOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<EnvironmentResult> {
  checkName(name);
  return runDay2('add env', options, async (repository) => {
    const current = repository.answers.envs;
    const { after } = options;
    if (after !== undefined && !current.includes(after)) {
      throw new UsageError(
        `{{option:after}} "${after}": not an environment of this repository (${current.join(', ')})`,
      );
    }
    let environments: string[];
    if (current.includes(name)) {
      const index = current.indexOf(name);
      if (after !== undefined && current[index - 1] !== after) {
        throw new UsageError(
          `environment "${name}" is already in gitops.yaml, ${index === 0 ? 'first' : `after "${current[index - 1]}"`}; remove it first to move it`,
        );
      }
      environments = [...current];
    } else {
      const at = after === undefined ? Math.max(0, current.length - 1) : current.indexOf(after) + 1;
      environments = [...current.slice(0, at), name, ...current.slice(at)];
    }
    const withoutEnvs = environments.filter((env) => env !== name);
    const { own: rendered, changed } = await difference(repository, environments, withoutEnvs, generators);
    const own = rendered.map((file) =>
      withComponentRepositories(repository, file, name, neighbourOf(environments, name)),
    );
    const changes: FileChange[] = [];
    const conflicts: string[] = [];
    for (const file of own) {
      const existing = readRepositoryFile(repository.root, file.path);
      if (existing === null) changes.push(createChange(file.path, file.content, file.mode));
      else if (existing !== file.content && !current.includes(name)) conflicts.push(file.path);
    }
    const edits = reRender(repository.root, changed, 'without');
    // Already an environment: its files as the user keeps them are not conflicts.
    if (!current.includes(name)) for (const file of edits.conflicts) conflicts.push(file);
    for (const change of edits.changes) changes.push(change);
    refuseConflicts(conflicts);
    const descriptor = editEnvironments(repository.descriptor, repository.text, environments);
    if (descriptor !== repository.text) changes.push(modifyChange(repository.descriptor, repository.text, descriptor));
    return { environment: name, environments, changes: byPath(changes), kept: [] };
  });
}

/**
 * Removes an environment: deletes the files gitops-init generated for it (those changed since
 * are kept and listed, unless `force`) and takes it out of gitops.yaml.
 */
export function removeEnvironment(
  name: string,
  options: EnvironmentOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<EnvironmentResult> {
  checkName(name);
  return runDay2('remove env', options, async (repository) => {
    const current = repository.answers.envs;
    if (!current.includes(name)) {
      throw new UsageError(`environment "${name}": not an environment of this repository (${current.join(', ')})`);
    }
    if (current.length === 1) throw new UsageError(`environment "${name}" is the only one; a repository needs one`);
    const environments = current.filter((env) => env !== name);
    const { own: rendered, changed } = await difference(repository, current, environments, generators);
    const own = rendered.map((file) => withComponentRepositories(repository, file, name, neighbourOf(current, name)));
    const { changes, kept } = deletions(repository.root, own, options.force);
    const edits = reRender(repository.root, changed, 'with');
    refuseConflicts(edits.conflicts);
    for (const change of edits.changes) changes.push(change);
    // Tenants onboarded in some environments only: the environment leaves their lists too.
    const withoutTenants = removeTenantsEnvironment(repository.descriptor, repository.text, name, environments);
    const descriptor = editEnvironments(repository.descriptor, withoutTenants, environments);
    if (descriptor !== repository.text) changes.push(modifyChange(repository.descriptor, repository.text, descriptor));
    return { environment: name, environments, changes: byPath(changes), kept };
  });
}
