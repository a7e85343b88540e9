import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { InternalError } from '../errors.js';
import { packageInfo } from '../package-info.js';
import { toJsonSchema, type CustomResourceVersion } from './crd.js';
import { apiGroup, kindModulePath, kindPackage } from './kind-packages.js';

/** ajv-i18n's localize function: writes English `message`s into errors. */
type Localize = (errors: ErrorObject[]) => void;

/** One problem found by a schema: where (a JSON pointer into the object), which keyword, and its parameters. */
export interface SchemaProblem {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** ajv's English text, which describes the schema and never quotes the value. */
  message: string;
}

export type SchemaOrigin = 'repository' | 'kubernetes' | 'package';

export interface ObjectSchema {
  origin: SchemaOrigin;
  /** The npm package or repository file the schema comes from. */
  from: string;
  /** The problems of a value, empty when it is valid. */
  validate(value: unknown): SchemaProblem[];
}

const SAFE_GROUP = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const SAFE_VERSION = /^v\d+((alpha|beta)\d+)?$/;
const SAFE_KIND = /^[A-Z][A-Za-z0-9]*$/;

function toProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => ({
    instancePath: error.instancePath,
    keyword: error.keyword,
    params: error.params as Record<string, unknown>,
    message: error.message ?? error.keyword,
  }));
}

/** An ajv standalone validator: true for a valid value, else false with the reasons in `errors`. */
export type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The validators bundled at build time (generate-kinds.ts) from kubernetes-models and
 * @kubernetes-models/*, one module per kind: dist/src/manifests/kinds/ of the package, which is
 * also where tests running the sources find them after a build.
 */
export function kindsDirectory(): string {
  return path.join(packageInfo().directory, 'dist', 'src', 'manifests', 'kinds');
}

/**
 * The value as the model classes of the packages validate it: apiVersion and kind first, and
 * undefined values dropped at every depth (their `setDefinedProps`), so that errors come in
 * the same order as the models gave them.
 */
function asModel(value: unknown, apiVersion: string, kind: string): unknown {
  const copy = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(copy);
    if (item === null || typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype) return item;
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(item)) if (field !== undefined) result[key] = copy(field);
    return result;
  };
  return copy(isPlainRecord(value) ? { apiVersion, kind, ...value } : value);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The custom resource versions a lookup may need: asked for only when a kind is not built in. */
export type CustomResources = () => readonly CustomResourceVersion[];

/**
 * Finds the schema of an apiVersion and kind. Kinds that Kubernetes serves itself come from
 * kubernetes-models without looking any further: a CustomResourceDefinition cannot replace
 * them (the API server serves its own resources first), so finding the repository's CRDs —
 * which means searching every file — is left to the kinds that need it. For the others, a CRD
 * in the repository comes first (it is the version the repository deploys), then the compiled
 * schemas of @kubernetes-models/*. Both are bundled at build time (generate-kinds.ts) and loaded
 * on first use, one module per kind, with require() of ES modules (Node.js 22.13 and later), so
 * that rules stay synchronous and nothing is loaded unless manifests are validated.
 */
export class SchemaRegistry {
  readonly #require = createRequire(import.meta.url);
  #customResources: readonly CustomResourceVersion[] | undefined;
  readonly #crds = new Map<string, CustomResourceVersion>();
  readonly #crdKinds = new Map<string, CustomResourceVersion[]>();
  readonly #builtIn = new Map<string, ObjectSchema | undefined>();
  readonly #cache = new Map<string, ObjectSchema | undefined>();
  #directory: string | undefined;
  #messages: Localize | undefined;
  #ajv: Ajv | undefined;

  /**
   * Indexes the custom resources, once: `customResources` is asked on every call all the
   * same, since what it asks of the repository is what the caller's result depends on.
   */
  #index(customResources: CustomResources): void {
    const versions = customResources();
    if (this.#customResources === versions) return;
    this.#customResources = versions;
    this.#crds.clear();
    this.#crdKinds.clear();
    this.#cache.clear();
    for (const version of versions) {
      const key = `${version.apiVersion} ${version.kind}`;
      if (!this.#crds.has(key)) this.#crds.set(key, version);
      const groupKind = `${version.group}/${version.kind}`;
      const list = this.#crdKinds.get(groupKind) ?? [];
      list.push(version);
      this.#crdKinds.set(groupKind, list);
    }
  }

  /** The repository's CRD versions of a group and kind (empty when the repository has no CRD for it). */
  customResourceVersions(
    group: string,
    kind: string,
    customResources: CustomResources,
  ): readonly CustomResourceVersion[] {
    this.#index(customResources);
    return this.#crdKinds.get(`${group}/${kind}`) ?? [];
  }

  lookup(apiVersion: string, kind: string, customResources: CustomResources): ObjectSchema | undefined {
    const key = `${apiVersion} ${kind}`;
    if (!this.#builtIn.has(key)) this.#builtIn.set(key, this.#packaged(apiVersion, kind, 'kubernetes'));
    const builtIn = this.#builtIn.get(key);
    if (builtIn) return builtIn;
    this.#index(customResources);
    if (!this.#cache.has(key)) this.#cache.set(key, this.#find(apiVersion, kind));
    return this.#cache.get(key);
  }

  #find(apiVersion: string, kind: string): ObjectSchema | undefined {
    const crd = this.#crds.get(`${apiVersion} ${kind}`);
    if (crd) return crd.schema ? this.#compile(crd) : undefined;
    return this.#packaged(apiVersion, kind, 'package');
  }

  #compile(crd: CustomResourceVersion): ObjectSchema | undefined {
    if (!this.#ajv) {
      // Loaded here, not imported: only a repository with CRDs needs ajv's compiler.
      const { Ajv: AjvClass } = this.#require('ajv') as typeof import('ajv');
      this.#ajv = new AjvClass({
        strict: false,
        allErrors: true,
        validateFormats: false,
        allowUnionTypes: true,
        logger: false,
        // The optimizer's passes over the generated code took more than half of compiling a
        // large CRD's schema (hundreds of kilobytes: argo-cd's, Crossplane's), for code that
        // validates the few objects of a run no faster.
        code: { optimize: false },
      });
    }
    let validate: ValidateFunction;
    try {
      validate = this.#ajv.compile(toJsonSchema(crd.schema) as Record<string, unknown>);
    } catch {
      // A pattern in RE2 syntax that JavaScript rejects, or a schema ajv cannot compile:
      // the kind counts as one without a schema rather than failing the run.
      return undefined;
    }
    return {
      origin: 'repository',
      from: crd.file,
      validate: (value) => (validate(value) ? [] : toProblems(validate.errors)),
    };
  }

  #kindsDirectory(): string {
    if (this.#directory === undefined) {
      const directory = kindsDirectory();
      // Without them every built-in kind would pass for one without a schema: a broken build, not a finding.
      if (!existsSync(path.join(directory, 'messages.js')))
        throw new InternalError(`the bundled Kubernetes schemas are missing from ${directory}: run 'npm run build'`);
      this.#directory = directory;
    }
    return this.#directory;
  }

  #localize(errors: ErrorObject[]): void {
    this.#messages ??= (
      this.#require(path.join(this.#kindsDirectory(), 'messages.js')) as { default: Localize }
    ).default;
    this.#messages(errors);
  }

  /** The bundled validator of a kind: Kubernetes' own (kubernetes-models), or one of another project's package. */
  #packaged(apiVersion: string, kind: string, origin: 'kubernetes' | 'package'): ObjectSchema | undefined {
    const group = apiGroup(apiVersion);
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    if ((group !== '' && !SAFE_GROUP.test(group)) || !SAFE_VERSION.test(version) || !SAFE_KIND.test(kind))
      return undefined;
    const holder = kindPackage(apiVersion);
    if ((origin === 'package') !== (holder.name !== 'kubernetes-models')) return undefined;
    const file = path.join(this.#kindsDirectory(), ...kindModulePath(apiVersion, kind).split('/'));
    if (!existsSync(file)) return undefined;
    const check = (this.#require(file) as { validate?: CompiledValidator }).validate;
    if (typeof check !== 'function') return undefined;
    return {
      origin,
      from: holder.name,
      validate: (value) => {
        if (check(value)) return [];
        // Missing fields only (a kustomize patch is a partial object): their messages are not
        // used (a missing field is reported by name), so the copy and English messages are skipped.
        const errors = check.errors;
        if (errors && errors.length > 0 && errors.every((error) => error.keyword === 'required'))
          return toProblems(errors);
        // The others as the packages' models report them: the model's copy of the value, and
        // ajv-i18n's English messages.
        if (check(asModel(value, apiVersion, kind))) return [];
        const modelErrors = check.errors ?? [];
        this.#localize(modelErrors);
        return toProblems(modelErrors);
      },
    };
  }
}
