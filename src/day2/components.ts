import { readdirSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import {
  isMap,
  isScalar,
  isSeq,
  parse,
  parseAllDocuments,
  parseDocument,
  Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { ConfigError, InternalError, UsageError } from '../errors.js';
import { RENDER_ACTION, type RenderActionConfig } from '../scaffold/generator.js';
import { renderScaffold, templatesRoot, type ScaffoldGenerator } from '../scaffold/index.js';
import { COMPONENT_CHARTS, INFRASTRUCTURE_COMPONENTS } from '../scaffold/model.js';
import { createPlop } from '../scaffold/plop.js';
import type { AnswerKey } from '../scaffold/answers.js';
import { createChange, deleteChange, modifyChange, readRepositoryFile, type FileChange } from './plan.js';
import {
  byPath,
  refuseConflicts,
  reRender,
  runDay2,
  type Day2Options,
  type Day2Repository,
  type Day2Result,
} from './repository.js';

/** The categories of infrastructure, each a folder infrastructure/<category>/ that `new` generates. */
export const COMPONENT_CATEGORIES = INFRASTRUCTURE_COMPONENTS;

export interface ComponentOptions extends Day2Options {
  /** `add component`: the category whose folder (kustomization or chart) gets the component. */
  category?: string;
  /** The Helm chart; default: the component's name. */
  chart?: string;
  /** The chart's repository: an https:// or oci:// URL. */
  chartRepo?: string;
  /** The chart's exact version (a semantic version; not a range). */
  chartVersion?: string;
  /** Argo CD, Flux: the namespace it is installed in; default: the category's (a Namespace is added for another). */
  namespace?: string;
}

export interface ComponentResult extends Day2Result {
  component: string;
  category: string;
  chart: string;
  version: string;
  /** Where it is installed (Argo CD, Flux); Helm installs subcharts in the umbrella release's namespace. */
  namespace?: string;
}

/** A component as gitops-init adds it. */
interface Component {
  name: string;
  category: string;
  chart: string;
  repository: string;
  version: string;
  /** Argo CD and Flux only. */
  namespace?: string;
}

/** A DNS-1123 label: the name becomes an Application, HelmRelease or subchart alias and a file name. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Helm chart names: lower-case letters, digits, dashes (and the dots and underscores some charts have). */
const CHART_NAME = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;
/** An exact version: no range, no `latest`; a leading v as some charts (cert-manager) publish. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function checkName(name: string): void {
  const problem = componentInputProblem('name', name);
  if (problem !== undefined) throw new UsageError(`component "${name}": ${problem}`);
}

function checkCategory(category: string | undefined): string {
  if (category === undefined) {
    throw new UsageError(`{{option:category}} is required: one of ${COMPONENT_CATEGORIES.join(', ')}`);
  }
  if (!(COMPONENT_CATEGORIES as readonly string[]).includes(category)) {
    throw new UsageError(`{{option:category}} "${category}": not a category (${COMPONENT_CATEGORIES.join(', ')})`);
  }
  return category;
}

/** What is wrong with one input of `add component`, if anything (the flags' check and the wizard's). */
export function componentInputProblem(
  key: 'name' | 'chart' | 'chartRepo' | 'chartVersion' | 'namespace',
  value: string,
): string | undefined {
  switch (key) {
    case 'name':
      return DNS_LABEL.test(value)
        ? undefined
        : 'not a DNS label (lower-case letters, digits and "-", at most 63, starting and ending with a letter or digit)';
    case 'chart':
      return CHART_NAME.test(value) ? undefined : 'not a chart name (lower-case letters, digits and "-")';
    case 'chartRepo':
      return isRepositoryUrl(value)
        ? undefined
        : 'not an https:// or oci:// URL (e.g. https://kyverno.github.io/kyverno/)';
    case 'chartVersion':
      return EXACT_VERSION.test(value) && semver.valid(value) !== null
        ? undefined
        : 'not an exact version (a range or "latest" is not pinned); give one, e.g. 3.3.4';
    case 'namespace':
      return DNS_LABEL.test(value) ? undefined : 'not a namespace name (a DNS label)';
  }
}

/** How a message names each input's option (spelled out, so that every option a message names is known). */
const INPUT_OPTIONS = {
  name: 'component',
  chart: '{{option:chart}}',
  chartRepo: '{{option:chartRepo}}',
  chartVersion: '{{option:chartVersion}}',
  namespace: '{{option:namespace}}',
} as const;

/** The flags of `add component`, checked before the repository is read. */
function componentOf(name: string, options: ComponentOptions): Component {
  checkName(name);
  const category = checkCategory(options.category);
  const chart = options.chart ?? name;
  const problem = (key: Parameters<typeof componentInputProblem>[0], value: string): void => {
    const found = componentInputProblem(key, value);
    if (found !== undefined) throw new UsageError(`${INPUT_OPTIONS[key]} "${value}": ${found}`);
  };
  problem('chart', chart);
  const repository = options.chartRepo;
  if (repository === undefined) {
    throw new UsageError('{{option:chartRepo}} is required: the https:// or oci:// URL of the chart repository');
  }
  problem('chartRepo', repository);
  const version = options.chartVersion;
  if (version === undefined) {
    throw new UsageError('{{option:chartVersion}} is required: the exact chart version to pin, e.g. 3.3.4');
  }
  problem('chartVersion', version);
  if (options.namespace !== undefined) problem('namespace', options.namespace);
  return { name, category, chart, repository, version };
}

function isRepositoryUrl(value: string): boolean {
  if (!/^(https|oci):\/\/[^\s/]+/.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

/** Argo CD names an OCI Helm repository without its scheme (registry/path). */
function argocdRepository(repository: string): string {
  return repository.startsWith('oci://') ? repository.slice('oci://'.length) : repository;
}

function fromArgocdRepository(repoURL: string): string {
  return /^[a-z]+:\/\//.test(repoURL) ? repoURL : `oci://${repoURL}`;
}

// --- rendering ---------------------------------------------------------------------------

interface Fragment {
  /** Template under templates/day2/component/. */
  template: string;
  data: Record<string, unknown>;
}

/**
 * Renders templates/day2/component/ with the scaffold engine's Handlebars helpers (`q`, …), as
 * new renders its own: a plop generator of one render action per fragment. `new` never renders
 * this folder: no template set of its generators names it.
 */
async function render(root: string, fragments: readonly Fragment[]): Promise<string[]> {
  const generator: ScaffoldGenerator = (plop, options) => {
    plop.setGenerator('day2-component', {
      description: 'gitops-init add component',
      prompts: [],
      actions: fragments.map((fragment, index): RenderActionConfig => ({
        type: RENDER_ACTION,
        path: `${index}`,
        templateFile: path.join(options.templatesRoot, 'day2', 'component', fragment.template),
        data: fragment.data,
        abortOnFail: true,
      })),
    });
  };
  const { plop, rendered } = await createPlop(
    root,
    {
      templatesRoot: templatesRoot(),
      missing: [],
      given: {},
      defaults: () => ({}) as Record<AnswerKey, string>,
    },
    [generator],
  );
  const { failures } = await plop.getGenerator('day2-component').runActions({});
  if (failures.length > 0) {
    throw new InternalError(`rendering the component's templates failed: ${JSON.stringify(failures)}`);
  }
  return fragments.map((_fragment, index) => rendered.find((file) => file.path === `${index}`)?.content ?? '');
}

function componentData(component: Component): Record<string, unknown> {
  return {
    ...component,
    argocdRepository: argocdRepository(component.repository),
    isOci: component.repository.startsWith('oci://'),
    alias: component.name === component.chart ? undefined : component.name,
  };
}

// --- what the repository holds -----------------------------------------------------------

interface ObjectInFile {
  file: string;
  kind: unknown;
  name: unknown;
  value: Record<string, unknown>;
}

function yamlFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    let entries;
    try {
      entries = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
      files.push(path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    }
  }
  return files.sort();
}

/** The Kubernetes objects of the YAML files under `folders` (files that do not parse are skipped). */
function objectsUnder(root: string, folders: readonly string[]): ObjectInFile[] {
  const objects: ObjectInFile[] = [];
  for (const file of yamlFiles(root, folders)) {
    const text = readRepositoryFile(root, file);
    if (text === null) continue;
    for (const document of parseAllDocuments(text, { uniqueKeys: false })) {
      if (document.errors.length > 0) continue;
      const value: unknown = document.toJS();
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const object = value as Record<string, unknown>;
      objects.push({ file, kind: object.kind, name: at(object, ['metadata', 'name']), value: object });
    }
  }
  return objects;
}

function at(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A YAML scalar as text (a number or boolean as YAML writes it); '' for anything else. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const componentFile = (category: string, name: string): string => `infrastructure/${category}/${name}.yaml`;
const namespaceFile = (category: string, name: string): string => `infrastructure/${category}/${name}-namespace.yaml`;
const kustomizationFile = (category: string): string => `infrastructure/${category}/kustomization.yaml`;
const chartFile = (category: string): string => `infrastructure/${category}/Chart.yaml`;
const valuesFile = (category: string): string => `infrastructure/${category}/values.yaml`;

/** A component's fields as its Application (Argo CD) or HelmRelease and HelmRepository (Flux) give them. */
function readManifest(tool: string, content: string, name: string, category: string): Component | undefined {
  let objects: Record<string, unknown>[];
  try {
    objects = parseAllDocuments(content, { uniqueKeys: false }).map(
      (document) => document.toJS() as Record<string, unknown>,
    );
  } catch {
    return undefined;
  }
  const named = (kind: string, objectName: unknown): Record<string, unknown> | undefined =>
    objects.find((object) => at(object, ['kind']) === kind && at(object, ['metadata', 'name']) === objectName);
  if (tool === 'argocd') {
    const application = named('Application', name);
    const repoURL = text(at(application, ['spec', 'source', 'repoURL']));
    const chart = text(at(application, ['spec', 'source', 'chart']));
    const version = text(at(application, ['spec', 'source', 'targetRevision']));
    const namespace = text(at(application, ['spec', 'destination', 'namespace']));
    if (!application || repoURL === undefined || chart === undefined || version === undefined) return undefined;
    return {
      name,
      category,
      chart,
      version,
      repository: fromArgocdRepository(repoURL),
      ...(namespace === undefined ? {} : { namespace }),
    };
  }
  const release = named('HelmRelease', name);
  const chart = text(at(release, ['spec', 'chart', 'spec', 'chart']));
  const version = text(at(release, ['spec', 'chart', 'spec', 'version']));
  const namespace = text(at(release, ['metadata', 'namespace']));
  const source = named('HelmRepository', at(release, ['spec', 'chart', 'spec', 'sourceRef', 'name']));
  const repository = text(at(source, ['spec', 'url']));
  if (!release || chart === undefined || version === undefined || repository === undefined) return undefined;
  return { name, category, chart, version, repository, ...(namespace === undefined ? {} : { namespace }) };
}

/** A subchart entry of a category chart's `dependencies`. */
interface Dependency {
  index: number;
  chart: string;
  version: string;
  repository: string;
  alias?: string;
}

function dependencies(content: string | null): Dependency[] {
  if (content === null) return [];
  const value = parse(content, { uniqueKeys: false }) as { dependencies?: unknown } | null;
  const list = Array.isArray(value?.dependencies) ? (value.dependencies as unknown[]) : [];
  return list.map((entry, index) => ({
    index,
    chart: scalar(at(entry, ['name'])),
    version: scalar(at(entry, ['version'])),
    repository: scalar(at(entry, ['repository'])),
    ...(typeof at(entry, ['alias']) === 'string' ? { alias: at(entry, ['alias']) as string } : {}),
  }));
}

/** A component added before: where it is, and what its files say. */
interface Found {
  category: string;
  /** Its fields, when its files can be read (an Argo CD or Flux file changed out of shape: undefined). */
  component?: Component;
  /** Helm: its entry in the category chart's dependencies. */
  dependency?: Dependency;
}

/**
 * Finds a component gitops-init added: infrastructure/<category>/<name>.yaml (or a resource of
 * that name in the category's kustomization) for Argo CD and Flux; a subchart named (or aliased)
 * so in a category chart for Helm. Throws for a name that is one of the files or components
 * `new` generates.
 */
function findComponent(repository: Day2Repository, name: string, generated: ReadonlySet<string>): Found | undefined {
  const { root, answers } = repository;
  for (const category of COMPONENT_CATEGORIES) {
    if (answers.tool === 'helm') {
      const builtin = COMPONENT_CHARTS[category]?.chart;
      for (const dependency of dependencies(readRepositoryFile(root, chartFile(category)))) {
        if ((dependency.alias ?? dependency.chart) !== name) continue;
        if (dependency.alias === undefined && dependency.chart === builtin)
          throw builtinClash(name, chartFile(category));
        return {
          category,
          dependency,
          component: {
            name,
            category,
            chart: dependency.chart,
            version: dependency.version,
            repository: dependency.repository,
          },
        };
      }
      continue;
    }
    const file = componentFile(category, name);
    if (generated.has(file)) throw builtinClash(name, file);
    const content = readRepositoryFile(root, file);
    if (content !== null) {
      const component = readManifest(answers.tool, content, name, category);
      if (
        component === undefined &&
        !resources(readRepositoryFile(root, kustomizationFile(category))).includes(`${name}.yaml`)
      ) {
        throw new UsageError(
          `component "${name}": ${file} is there and is not a component gitops-init added; choose another name`,
        );
      }
      return { category, ...(component === undefined ? {} : { component }) };
    }
    if (resources(readRepositoryFile(root, kustomizationFile(category))).includes(`${name}.yaml`)) return { category };
  }
  return undefined;
}

function builtinClash(name: string, file: string): UsageError {
  return new UsageError(
    `component "${name}" is one gitops-init new generates (${file}); choose another name, or change that file by hand`,
  );
}

/** Argo CD, Flux: an object of the same name would clash with the component's. */
function refuseNameClash(repository: Day2Repository, name: string): void {
  const { root, answers } = repository;
  if (answers.tool === 'helm') {
    for (const category of COMPONENT_CATEGORIES) {
      if (dependencies(readRepositoryFile(root, chartFile(category))).some((entry) => entry.chart === name)) {
        throw new UsageError(
          `component "${name}" clashes with the subchart "${name}" of ${chartFile(category)}; choose another name`,
        );
      }
    }
    return;
  }
  const kinds = answers.tool === 'argocd' ? ['Application'] : ['HelmRelease', 'HelmRepository'];
  const clash = objectsUnder(root, ['infrastructure', 'clusters']).find(
    (object) => typeof object.kind === 'string' && kinds.includes(object.kind) && object.name === name,
  );
  if (clash) {
    throw new UsageError(
      `component "${name}" clashes with the ${String(clash.kind)} "${name}" in ${clash.file}; choose another name`,
    );
  }
}

/** Whether a Namespace of that name is declared anywhere but in `except`. */
function namespaceDeclared(root: string, namespace: string, except: string): boolean {
  return objectsUnder(root, ['infrastructure', 'tenants', 'clusters']).some(
    (object) => object.kind === 'Namespace' && object.name === namespace && object.file !== except,
  );
}

// --- edits of existing YAML ----------------------------------------------------------------

type Ranged = { range: [number, number, number] };
const hasRange = (node: unknown): node is Ranged =>
  node !== null && typeof node === 'object' && Array.isArray((node as { range?: unknown }).range);

const lineStart = (content: string, offset: number): number => content.lastIndexOf('\n', offset - 1) + 1;
/** The offset after the end of the line that holds `offset`. */
function afterLine(content: string, offset: number): number {
  const end = content.indexOf('\n', Math.max(0, offset));
  return end === -1 ? content.length : end + 1;
}

/** A scalar written as its neighbour is: double-, single-quoted or plain. */
function scalarText(value: string, neighbour: string): string {
  if (neighbour.startsWith('"')) return JSON.stringify(value);
  if (neighbour.startsWith("'")) return `'${value}'`;
  return parse(value) === value ? value : JSON.stringify(value);
}

function resources(content: string | null): string[] {
  if (content === null) return [];
  const value = parse(content, { uniqueKeys: false }) as { resources?: unknown } | null;
  return Array.isArray(value?.resources) ? value.resources.map(String) : [];
}

/** The block sequence `key` of a file's top mapping, or a ConfigError telling to edit it by hand. */
function blockSeq(file: string, content: string, key: string | readonly string[]): YAMLSeq | undefined {
  const document = parseDocument(content, { uniqueKeys: false });
  if (document.errors.length > 0)
    throw new ConfigError(`${file}: not valid YAML (${document.errors[0]?.message ?? ''}); fix it, then run again`);
  const keys = typeof key === 'string' ? [key] : key;
  const node = document.getIn(keys, true);
  if (node === undefined) return undefined;
  if (!isSeq(node) || node.flow || !node.items.every(hasRange)) {
    throw new ConfigError(`${file}: "${keys.join('.')}" is not a block list; make the change by hand`);
  }
  return node;
}

/** Each environment's platform AppProject (Argo CD): its sourceRepos must allow a component's chart repository. */
export const platformProjectFile = (env: string): string => `clusters/${env}/apps/platform-project.yaml`;
const SOURCE_REPOS = ['spec', 'sourceRepos'] as const;

export function sourceRepos(content: string): string[] {
  const value = parse(content, { uniqueKeys: false }) as { spec?: { sourceRepos?: unknown } } | null;
  return Array.isArray(value?.spec?.sourceRepos) ? value.spec.sourceRepos.map(String) : [];
}

/** The project with `repository` at the end of its sourceRepos, on a line like the last one's. */
export function addSourceRepo(file: string, content: string, repository: string): string {
  const seq = blockSeq(file, content, SOURCE_REPOS);
  const last = seq?.items.at(-1) as (Scalar & Ranged) | undefined;
  if (!seq || !last)
    throw new ConfigError(`${file}: no spec.sourceRepos list to allow the chart repository in; add it by hand`);
  const prefix = content.slice(lineStart(content, last.range[0]), last.range[0]);
  const at = afterLine(content, last.range[1] - 1);
  return `${content.slice(0, at)}${prefix}${scalarText(repository, content.slice(last.range[0], last.range[1]))}\n${content.slice(at)}`;
}

function removeSourceRepo(file: string, content: string, repository: string): string {
  const seq = blockSeq(file, content, SOURCE_REPOS);
  if (!seq) return content;
  const item = (seq.items as (Scalar & Ranged)[]).find(
    (entry) => isScalar(entry) && String(entry.value) === repository,
  );
  if (!item) return content;
  return content.slice(0, lineStart(content, item.range[0])) + content.slice(afterLine(content, item.range[1] - 1));
}

/**
 * Argo CD refuses an Application whose source its project does not allow: adding a component
 * allows its chart repository in each environment's platform project (where not allowed yet);
 * removing it takes the repository out again unless another Application still uses it.
 */
function platformProjectChanges(
  repository: Day2Repository,
  chartRepository: string,
  verb: 'add' | 'remove',
  except?: string,
): FileChange[] {
  const repoURL = argocdRepository(chartRepository);
  if (verb === 'remove') {
    const stillUsed = objectsUnder(repository.root, ['infrastructure', 'clusters']).some(
      (object) =>
        object.kind === 'Application' &&
        object.file !== except &&
        (at(object.value, ['spec', 'source', 'repoURL']) === repoURL ||
          (Array.isArray(at(object.value, ['spec', 'sources'])) &&
            (at(object.value, ['spec', 'sources']) as unknown[]).some(
              (source) => at(source, ['repoURL']) === repoURL,
            ))),
    );
    if (stillUsed) return [];
  }
  const changes: FileChange[] = [];
  for (const env of repository.answers.envs) {
    const file = platformProjectFile(env);
    const content = readRepositoryFile(repository.root, file);
    if (content === null) continue;
    const listed = sourceRepos(content);
    if (verb === 'add' && !listed.includes(repoURL) && !listed.includes('*')) {
      changes.push(modifyChange(file, content, addSourceRepo(file, content, repoURL)));
    } else if (verb === 'remove' && listed.includes(repoURL)) {
      changes.push(modifyChange(file, content, removeSourceRepo(file, content, repoURL)));
    }
  }
  return changes;
}

/** The kustomization with `items` added at the end of its resources, each on a line like the last. */
function addResources(file: string, content: string, items: readonly string[]): string {
  const seq = blockSeq(file, content, 'resources');
  const last = seq?.items.at(-1) as (Scalar & Ranged) | undefined;
  if (!seq || !last)
    throw new ConfigError(`${file}: no "resources" list to add the component to; make the change by hand`);
  const prefix = content.slice(lineStart(content, last.range[0]), last.range[0]);
  const model = content.slice(last.range[0], last.range[1]);
  const at = afterLine(content, last.range[1] - 1);
  const lines = items.map((item) => `${prefix}${scalarText(item, model)}\n`).join('');
  const before = content.slice(0, at);
  return `${before}${before.endsWith('\n') ? '' : '\n'}${lines}${content.slice(at)}`;
}

/** The kustomization without the resource lines of `items`. */
function removeResources(file: string, content: string, items: readonly string[]): string {
  const seq = blockSeq(file, content, 'resources');
  if (!seq) return content;
  let result = content;
  const matching = (seq.items as (Scalar & Ranged)[])
    .filter((item) => isScalar(item) && items.includes(String(item.value)))
    .sort((a, b) => b.range[0] - a.range[0]);
  for (const item of matching) {
    result = result.slice(0, lineStart(result, item.range[0])) + result.slice(afterLine(result, item.range[1] - 1));
  }
  return result;
}

/** Reindents a rendered `  - name: …` entry to the indentation of the list it joins. */
function reindent(fragment: string, prefix: string): string {
  if (prefix === '  - ') return fragment;
  const inner = ' '.repeat(prefix.length);
  return fragment
    .split('\n')
    .map((line) =>
      line.startsWith('  - ') ? prefix + line.slice(4) : line.startsWith('    ') ? inner + line.slice(4) : line,
    )
    .join('\n');
}

/** The chart with `entry` (a rendered dependency) at the end of its dependencies. */
function addDependency(file: string, content: string, entry: string): string {
  const seq = blockSeq(file, content, 'dependencies');
  const last = seq?.items.at(-1) as (YAMLMap & Ranged) | undefined;
  if (!last) {
    if (seq) throw new ConfigError(`${file}: "dependencies" is an empty list; make the change by hand`);
    return `${content}${content.endsWith('\n') || content === '' ? '' : '\n'}dependencies:\n${entry}`;
  }
  const prefix = content.slice(lineStart(content, last.range[0]), last.range[0]);
  const at = afterLine(content, last.range[1] - 1);
  return content.slice(0, at) + reindent(entry, prefix) + content.slice(at);
}

/** The chart without dependency `index` (and without `dependencies:` when it was the only one). */
function removeDependency(file: string, content: string, index: number): string {
  const seq = blockSeq(file, content, 'dependencies');
  const item = seq?.items[index] as (YAMLMap & Ranged) | undefined;
  if (!seq || !item) return content;
  let start = lineStart(content, item.range[0]);
  const next = seq.items[index + 1] as Ranged | undefined;
  const end = next ? lineStart(content, next.range[0]) : afterLine(content, item.range[1] - 1);
  if (seq.items.length === 1) {
    const keyLine = content.lastIndexOf('\n', start - 2) + 1;
    if (/^dependencies:[ \t]*\n$/.test(content.slice(keyLine, start))) start = keyLine;
  }
  return content.slice(0, start) + content.slice(end);
}

/** The chart with dependency `index`'s version set to `version`, quoted as it was. */
function setDependencyVersion(file: string, content: string, index: number, version: string): string {
  const seq = blockSeq(file, content, 'dependencies');
  const item = seq?.items[index];
  const node = isMap(item) ? item.get('version', true) : undefined;
  if (!isScalar(node) || !hasRange(node))
    throw new ConfigError(`${file}: the chart's version is not a plain value; change it by hand`);
  const old = content.slice(node.range[0], node.range[1]);
  return content.slice(0, node.range[0]) + scalarText(version, old) + content.slice(node.range[1]);
}

/** Where the top-level key `name` of a values file is, from its line to the end of its value. */
function valuesBlock(content: string, name: string): { start: number; end: number } | undefined {
  const document = parseDocument(content, { uniqueKeys: false });
  if (!isMap(document.contents)) return undefined;
  const pair = document.contents.items.find((item) => isScalar(item.key) && item.key.value === name);
  if (!pair || !hasRange(pair.key)) return undefined;
  const valueEnd = hasRange(pair.value) ? pair.value.range[1] : pair.key.range[1];
  return { start: lineStart(content, pair.key.range[0]), end: afterLine(content, valueEnd - 1) };
}

// --- the commands --------------------------------------------------------------------------

function refuseApplication(repository: Day2Repository, verb: string): void {
  if (repository.answers.kind !== 'infrastructure') {
    throw new UsageError(
      `${verb} component: this is an application repository; platform components belong in the infrastructure repository`,
    );
  }
}

async function generatedPaths(
  repository: Day2Repository,
  generators: readonly ScaffoldGenerator[],
): Promise<Set<string>> {
  return new Set((await renderScaffold(repository.root, repository.answers, generators)).map((file) => file.path));
}

function describeDifference(found: Component, wanted: Component): string[] {
  const differences: string[] = [];
  if (found.chart !== wanted.chart) differences.push(`{{option:chart}} "${found.chart}"`);
  if (found.repository !== wanted.repository) differences.push(`{{option:chartRepo}} "${found.repository}"`);
  if (found.namespace !== wanted.namespace) differences.push(`{{option:namespace}} "${found.namespace ?? ''}"`);
  return differences;
}

/**
 * Adds a platform component to a category of an infrastructure repository: an Application
 * (Argo CD) or a HelmRepository and HelmRelease (Flux) in infrastructure/<category>/<name>.yaml,
 * listed in the category's kustomization, with a Namespace of its own when it is installed
 * outside the category's; or a subchart of the category's chart (Helm). Its chart version is
 * pinned. The same command again changes nothing; another version changes the pinned one.
 */
export async function addComponent(
  name: string,
  options: ComponentOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<ComponentResult> {
  const wanted = componentOf(name, options);
  return runDay2('add component', options, async (repository) => {
    refuseApplication(repository, 'add');
    const { root, answers } = repository;
    const isHelm = answers.tool === 'helm';
    if (isHelm && options.namespace !== undefined) {
      throw new UsageError(
        `{{option:namespace}}: a Helm umbrella chart installs its subcharts in its own release's namespace; leave it out (set the chart's namespace value in ${valuesFile(wanted.category)} if it has one)`,
      );
    }
    const categoryNamespace = COMPONENT_CHARTS[wanted.category]?.namespace;
    if (!isHelm) wanted.namespace = options.namespace ?? categoryNamespace ?? name;
    const found = findComponent(repository, name, await generatedPaths(repository, generators));
    if (found && found.category !== wanted.category) {
      throw new UsageError(
        `component "${name}" is already in ${found.category} (infrastructure/${found.category}); remove it first to move it`,
      );
    }
    if (found?.component) {
      const differences = describeDifference(found.component, wanted);
      if (differences.length > 0) {
        throw new UsageError(
          `component "${name}" is already there with ${differences.join(', ')}; remove it first to change ${differences.length === 1 ? 'that' : 'those'}`,
        );
      }
    }
    if (!found) refuseNameClash(repository, name);
    const changes: FileChange[] = [];
    const conflicts: string[] = [];
    const { category } = wanted;
    if (isHelm) {
      const chart = chartFile(category);
      const current = readRepositoryFile(root, chart);
      if (current === null)
        throw new ConfigError(`${chart} is missing: the ${category} chart is where the component goes; restore it`);
      const [entry, values] = await render(root, [
        { template: 'helm/dependency.yaml.hbs', data: componentData(wanted) },
        { template: 'helm/values.yaml.hbs', data: componentData(wanted) },
      ]);
      if (found?.dependency) {
        if (found.dependency.version !== wanted.version) {
          changes.push(
            modifyChange(chart, current, setDependencyVersion(chart, current, found.dependency.index, wanted.version)),
          );
        }
      } else {
        changes.push(modifyChange(chart, current, addDependency(chart, current, entry ?? '')));
        const valuesPath = valuesFile(category);
        const valuesText = readRepositoryFile(root, valuesPath) ?? '';
        if (valuesBlock(valuesText, name) === undefined) {
          const joined = `${valuesText}${valuesText.endsWith('\n') || valuesText === '' ? '' : '\n'}${values ?? ''}`;
          changes.push(
            valuesText === '' && readRepositoryFile(root, valuesPath) === null
              ? createChange(valuesPath, joined)
              : modifyChange(valuesPath, valuesText, joined),
          );
        }
      }
    } else {
      const file = componentFile(category, name);
      const nsFile = namespaceFile(category, name);
      const needsNamespace =
        wanted.namespace !== categoryNamespace && !namespaceDeclared(root, wanted.namespace ?? '', nsFile);
      const [manifest, namespace, previous] = await render(root, [
        {
          template: answers.tool === 'argocd' ? 'argocd/application.yaml.hbs' : 'flux/release.yaml.hbs',
          data: componentData(wanted),
        },
        { template: 'kustomize/namespace.yaml.hbs', data: componentData(wanted) },
        {
          template: answers.tool === 'argocd' ? 'argocd/application.yaml.hbs' : 'flux/release.yaml.hbs',
          data: componentData(found?.component ?? wanted),
        },
      ]);
      const current = readRepositoryFile(root, file);
      if (current === null) changes.push(createChange(file, manifest ?? ''));
      else {
        // Already there: the version brought to the new one, into the user's edits if any.
        const edits = reRender(
          root,
          [{ without: { path: file, content: previous ?? '' }, with: { path: file, content: manifest ?? '' } }],
          'without',
        );
        for (const change of edits.changes) changes.push(change);
        for (const conflict of edits.conflicts) conflicts.push(conflict);
      }
      const wiring = [`${name}.yaml`];
      if (needsNamespace) {
        wiring.unshift(`${name}-namespace.yaml`);
        const existing = readRepositoryFile(root, nsFile);
        if (existing === null) changes.push(createChange(nsFile, namespace ?? ''));
        else if (existing !== namespace && !found) conflicts.push(nsFile);
      }
      const kustomization = kustomizationFile(category);
      const text = readRepositoryFile(root, kustomization);
      if (text === null)
        throw new ConfigError(
          `${kustomization} is missing: the ${category} kustomization is where the component goes; restore it`,
        );
      const listed = resources(text);
      const missing = wiring.filter((item) => !listed.includes(item));
      if (missing.length > 0)
        changes.push(modifyChange(kustomization, text, addResources(kustomization, text, missing)));
      if (answers.tool === 'argocd')
        for (const change of platformProjectChanges(repository, wanted.repository, 'add')) changes.push(change);
    }
    refuseConflicts(conflicts);
    return {
      component: name,
      category,
      chart: wanted.chart,
      version: wanted.version,
      ...(wanted.namespace === undefined ? {} : { namespace: wanted.namespace }),
      changes: byPath(changes),
      kept: [],
    };
  });
}

/**
 * Removes a component `add component` added: its files (those changed since are kept and
 * listed, unless `force`) and its line in the category's kustomization, or its subchart and
 * values in the category's chart (Helm).
 */
export async function removeComponent(
  name: string,
  options: ComponentOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<ComponentResult> {
  checkName(name);
  return runDay2('remove component', options, async (repository) => {
    refuseApplication(repository, 'remove');
    const { root, answers } = repository;
    const found = findComponent(repository, name, await generatedPaths(repository, generators));
    if (!found) {
      throw new UsageError(
        `component "${name}": not a component of this repository added with gitops-init add component`,
      );
    }
    const { category, component } = found;
    const changes: FileChange[] = [];
    const kept: string[] = [];
    const drop = (file: string, expected: string | undefined): void => {
      const current = readRepositoryFile(root, file);
      if (current === null) return;
      if (current === expected || options.force) changes.push(deleteChange(file, current));
      else kept.push(file);
    };
    if (answers.tool === 'helm') {
      const chart = chartFile(category);
      const current = readRepositoryFile(root, chart) ?? '';
      if (found.dependency)
        changes.push(modifyChange(chart, current, removeDependency(chart, current, found.dependency.index)));
      const valuesPath = valuesFile(category);
      const valuesText = readRepositoryFile(root, valuesPath);
      const block = valuesText === null ? undefined : valuesBlock(valuesText, name);
      if (valuesText !== null && block && component) {
        const [values] = await render(root, [{ template: 'helm/values.yaml.hbs', data: componentData(component) }]);
        if (valuesText.slice(block.start, block.end) === values || options.force) {
          changes.push(
            modifyChange(valuesPath, valuesText, valuesText.slice(0, block.start) + valuesText.slice(block.end)),
          );
        } else kept.push(valuesPath);
      }
    } else {
      const file = componentFile(category, name);
      const nsFile = namespaceFile(category, name);
      const [manifest, namespace] = component
        ? await render(root, [
            {
              template: answers.tool === 'argocd' ? 'argocd/application.yaml.hbs' : 'flux/release.yaml.hbs',
              data: componentData(component),
            },
            { template: 'kustomize/namespace.yaml.hbs', data: componentData(component) },
          ])
        : [undefined, undefined];
      drop(file, manifest);
      drop(nsFile, namespace);
      const kustomization = kustomizationFile(category);
      const text = readRepositoryFile(root, kustomization);
      if (text !== null) {
        const edited = removeResources(kustomization, text, [`${name}.yaml`, `${name}-namespace.yaml`]);
        if (edited !== text) changes.push(modifyChange(kustomization, text, edited));
      }
      if (answers.tool === 'argocd' && component) {
        for (const change of platformProjectChanges(repository, component.repository, 'remove', file))
          changes.push(change);
      }
    }
    return {
      component: name,
      category,
      chart: component?.chart ?? '',
      version: component?.version ?? '',
      ...(component?.namespace === undefined ? {} : { namespace: component.namespace }),
      changes: byPath(changes),
      kept,
    };
  });
}
