import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { toJsonSchema, type CustomResourceVersion } from './crd.js';

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

/** npm packages with compiled schemas, by API group; the rest of the built-in groups are kubernetes-models'. */
const PACKAGES: readonly { test: (group: string) => boolean; name: string }[] = [
  { test: (group) => group === 'argoproj.io', name: '@kubernetes-models/argo-cd' },
  { test: (group) => group.endsWith('.toolkit.fluxcd.io'), name: '@kubernetes-models/flux-cd' },
  { test: (group) => group === 'bitnami.com', name: '@kubernetes-models/sealed-secrets' },
  {
    test: (group) => group === 'external-secrets.io' || group === 'generators.external-secrets.io',
    name: '@kubernetes-models/external-secrets',
  },
];

const SAFE_GROUP = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const SAFE_VERSION = /^v\d+((alpha|beta)\d+)?$/;
const SAFE_KIND = /^[A-Z][A-Za-z0-9]*$/;

interface ModelClass {
  new (data: unknown): { validate(): void };
  apiVersion?: string;
  kind?: string;
}

function toProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => ({
    instancePath: error.instancePath,
    keyword: error.keyword,
    params: error.params as Record<string, unknown>,
    message: error.message ?? error.keyword,
  }));
}

/**
 * The ajv standalone validator that a model file of kubernetes-models or @kubernetes-models/*
 * hands to its class (`import{validate}from"../../_schemas/<Id>.js"`, one level less for the core
 * group: generated code of a fixed
 * shape); undefined when the file does not have that shape. Loaded with require() of ES
 * modules, as the models are.
 */
/** An ajv standalone validator: true for a valid value, else false with the reasons in `errors`. */
export type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

export function compiledValidator(modelFile: string): CompiledValidator | undefined {
  let source: string;
  try {
    source = readFileSync(modelFile, 'utf8');
  } catch {
    return undefined;
  }
  const specifier = /import\s*\{\s*validate\s*\}\s*from\s*"((?:\.\.\/){1,2}_schemas\/[A-Za-z0-9]+\.js)"/.exec(
    source,
  )?.[1];
  if (specifier === undefined) return undefined;
  try {
    const validate = (requireModule(path.resolve(path.dirname(modelFile), specifier)) as { validate?: unknown })
      .validate;
    return typeof validate === 'function' ? (validate as CompiledValidator) : undefined;
  } catch {
    return undefined;
  }
}

const requireModule = createRequire(import.meta.url);

/** The custom resource versions a lookup may need: asked for only when a kind is not built in. */
export type CustomResources = () => readonly CustomResourceVersion[];

/**
 * Finds the schema of an apiVersion and kind. Kinds that Kubernetes serves itself come from
 * kubernetes-models without looking any further: a CustomResourceDefinition cannot replace
 * them (the API server serves its own resources first), so finding the repository's CRDs —
 * which means searching every file — is left to the kinds that need it. For the others, a CRD
 * in the repository comes first (it is the version the repository deploys), then the compiled
 * schemas of @kubernetes-models/*. Packages are loaded on first use, one model file per kind,
 * with require() of ES modules (Node.js 20.19 and later), so that rules stay synchronous and
 * nothing is loaded unless manifests are validated.
 */
export class SchemaRegistry {
  readonly #require = createRequire(import.meta.url);
  #customResources: readonly CustomResourceVersion[] | undefined;
  readonly #crds = new Map<string, CustomResourceVersion>();
  readonly #crdKinds = new Map<string, CustomResourceVersion[]>();
  readonly #builtIn = new Map<string, ObjectSchema | undefined>();
  readonly #cache = new Map<string, ObjectSchema | undefined>();
  readonly #packageRoots = new Map<string, string | undefined>();
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

  #packageRoot(name: string): string | undefined {
    if (!this.#packageRoots.has(name)) {
      let root: string | undefined;
      try {
        root = path.dirname(this.#require.resolve(`${name}/package.json`));
      } catch {
        root = undefined;
      }
      this.#packageRoots.set(name, root);
    }
    return this.#packageRoots.get(name);
  }

  /** The compiled model of a kind: Kubernetes' own (kubernetes-models), or one of another project's package. */
  #packaged(apiVersion: string, kind: string, origin: 'kubernetes' | 'package'): ObjectSchema | undefined {
    const slash = apiVersion.lastIndexOf('/');
    const group = slash === -1 ? '' : apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);
    if ((group !== '' && !SAFE_GROUP.test(group)) || !SAFE_VERSION.test(version) || !SAFE_KIND.test(kind))
      return undefined;
    const custom = PACKAGES.find((entry) => entry.test(group));
    if ((origin === 'package') !== (custom !== undefined)) return undefined;
    const name = custom?.name ?? 'kubernetes-models';
    const root = this.#packageRoot(name);
    if (!root) return undefined;
    const file = path.join(root, ...(group === '' ? [] : [group]), version, `${kind}.js`);
    if (!existsSync(file)) return undefined;
    const module = this.#require(file) as Record<string, unknown>;
    const model = module[kind] as ModelClass | undefined;
    // Only top-level kinds: a model file of a nested type (DeploymentSpec) has no apiVersion.
    if (typeof model !== 'function' || model.apiVersion !== apiVersion || model.kind !== kind) return undefined;
    const check = compiledValidator(file);
    return {
      origin,
      from: name,
      validate(value) {
        // Most objects are valid: the compiled validator says so without the model's deep copy
        // of the object. The model runs for the others, for its English error messages.
        if (check?.(value) === true) return [];
        // Missing fields only (a kustomize patch is a partial object): the validator's errors are
        // what the model would throw, and their messages are not used (a missing field is
        // reported by name), so the model's copy and English messages are skipped.
        const errors = check?.errors;
        if (errors && errors.length > 0 && errors.every((error) => error.keyword === 'required'))
          return toProblems(errors);
        try {
          new model(value).validate();
          return [];
        } catch (error) {
          const errors = (error as { errors?: ErrorObject[] }).errors;
          if (!Array.isArray(errors)) throw error;
          return toProblems(errors);
        }
      },
    };
  }
}
