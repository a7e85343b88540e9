import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import ajvPackage from 'ajv/package.json' with { type: 'json' };
import { compile, type Options as TypesOptions } from 'json-schema-to-typescript';
import typesPackage from 'json-schema-to-typescript/package.json' with { type: 'json' };
import { AJV_OPTIONS } from './schema-validation.js';

/*
 * Build time only (`npm run generate:schemas`): nothing at run time imports this module. The
 * schemas are named by path, as data, and read from the package root: importing
 * src/release/release.schema.json here would make the core depend on src/release.
 */

/** One published JSON schema and the modules generated from it; paths are relative to the package root. */
export interface SchemaModules {
  /** The schema, published under ./schemas/ (users' files point at it: do not move it). */
  schemaFile: string;
  /** The name of the type of a whole document (the schema's `title` is for people). */
  rootType: string;
  /** The TypeScript types of the schema, made by json-schema-to-typescript. */
  typesFile: string;
  /** The precompiled validator, made by ajv's standalone code; its `validate` narrows to `rootType`. */
  validatorFile: string;
}

/**
 * The schemas validated on every run: gitops.yaml on every lint, release manifests wherever a
 * repository has releases. Their validators are precompiled so that no run pays for ajv's
 * compile (and for loading ajv); their types are generated so that the schema is the one source
 * of truth for the configuration's shape.
 */
export const GENERATED_SCHEMAS: readonly SchemaModules[] = [
  {
    schemaFile: 'src/config/gitops.schema.json',
    rootType: 'Descriptor',
    typesFile: 'src/config/generated/gitops-schema.types.ts',
    validatorFile: 'src/config/generated/gitops-schema.validate.ts',
  },
  {
    schemaFile: 'src/release/release.schema.json',
    rootType: 'ReleaseManifest',
    typesFile: 'src/config/generated/release-schema.types.ts',
    validatorFile: 'src/config/generated/release-schema.validate.ts',
  },
];

/** One generated module: its path relative to the package root, and its text. */
export interface GeneratedModule {
  file: string;
  text: string;
}

/** Reads a schema of the package; `root` is the package root. */
export function readSchema(root: string, schemaFile: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(root, schemaFile), 'utf8')) as Record<string, unknown>;
}

/** The import specifier of `to` from the module `from`, both relative to the package root. */
function moduleSpecifier(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '.js');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * ajv's standalone ESM still loads its runtime helpers with require("ajv/dist/runtime/…").default.
 * The module gets a require() of its own: an import would not do, because Node and vitest give
 * a CommonJS module's `exports.default` to a default import differently.
 */
const RUNTIME_REQUIRE = /require\("ajv\/dist\/runtime\/[a-z0-9_]+"\)\.default/g;

/**
 * The TypeScript module of one schema's validator: ajv's standalone ESM code, with the same
 * options as run-time compilation (so errors, and the messages made from them, are the same),
 * a require() for ajv's runtime helpers, and one export `validate`, typed as a guard for the
 * schema's generated root type.
 */
export function generateValidatorSource(schema: object, modules: SchemaModules): string {
  const { version } = ajvPackage;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  const code = standalone.default(ajv, ajv.compile(schema));

  const exports = /^"use strict";\nexport const validate = (validate\d+);\nexport default \1;\n/.exec(code);
  if (!exports) throw new Error(`ajv ${version}: unexpected start of standalone code: ${code.slice(0, 120)}`);
  const body = code.slice(exports[0].length);
  if (body.replace(RUNTIME_REQUIRE, '').includes('require(')) {
    throw new Error(`ajv ${version}: standalone code requires a module that is not a runtime helper`);
  }

  return [
    '/* eslint-disable */',
    `// Generated from ${modules.schemaFile} by src/config/generate-schemas.ts with ajv ${version}: do not edit.`,
    '// After changing the schema or upgrading ajv, run `npm run generate:schemas`.',
    '// @ts-nocheck',
    'import { createRequire } from "node:module";',
    'import type { ValidateFunction } from "ajv";',
    `import type { ${modules.rootType} } from "${moduleSpecifier(modules.validatorFile, modules.typesFile)}";`,
    '',
    'const require = createRequire(import.meta.url);',
    '',
    `export const validate: ValidateFunction<${modules.rootType}> = ${exports[1]};`,
    '',
    body.trimEnd(),
    '',
  ].join('\n');
}

/**
 * json-schema-to-typescript's options, all spelled out so that its defaults cannot change the
 * output. Types are named by `title`, else by their key under `definitions`; the schemas give
 * the names the code uses. No `$ref` leaves its file: generation never touches the network.
 */
function typesOptions(schema: Record<string, unknown>, modules: SchemaModules): Partial<TypesOptions> {
  const { version } = typesPackage;
  return {
    $refOptions: { resolve: { external: false } },
    additionalProperties: true,
    // No eslint-disable: the types pass the project's lint as they are.
    bannerComment: [
      `// Generated from ${modules.schemaFile} by src/config/generate-schemas.ts with json-schema-to-typescript ${version}: do not edit.`,
      '// After changing the schema or upgrading json-schema-to-typescript, run `npm run generate:schemas`.',
    ].join('\n'),
    // The root's title is for people reading the schema in an editor; the code calls it `rootType`.
    customName: (node) => (node.$id !== undefined && node.$id === schema.$id ? modules.rootType : undefined),
    declareExternallyReferenced: true,
    enableConstEnums: true,
    format: true,
    // `minItems: 1` stays a check of the file, not a tuple type: code builds these lists as arrays.
    ignoreMinAndMaxItems: true,
    inferStringEnumKeysFromValues: false,
    maxItems: 20,
    strictIndexSignatures: false,
    // The project's Prettier settings (.prettierrc.json), though the folder is not checked by Prettier.
    style: { printWidth: 120, singleQuote: true, trailingComma: 'all', arrowParens: 'always', semi: true, tabWidth: 2 },
    unknownAny: true,
    unreachableDefinitions: false,
  };
}

/** The TypeScript types of one schema, made by json-schema-to-typescript. */
export async function generateTypesSource(schema: Record<string, unknown>, modules: SchemaModules): Promise<string> {
  // compile() annotates the schema it is given: give it a copy.
  const copy = structuredClone(schema);
  return compile(copy, modules.rootType, typesOptions(schema, modules));
}

/** Every generated module of every schema under `root` (the package root), in a fixed order. */
export async function generateSchemaModules(root: string): Promise<GeneratedModule[]> {
  const generated: GeneratedModule[] = [];
  for (const modules of GENERATED_SCHEMAS) {
    const schema = readSchema(root, modules.schemaFile);
    generated.push({ file: modules.typesFile, text: await generateTypesSource(schema, modules) });
    generated.push({ file: modules.validatorFile, text: generateValidatorSource(schema, modules) });
  }
  return generated;
}

/** Writes every generated module under `root` (the package root); returns the files written. */
export async function writeSchemaModules(root: string): Promise<string[]> {
  const generated = await generateSchemaModules(root);
  for (const { file, text } of generated) writeFileSync(path.join(root, file), text);
  return generated.map(({ file }) => file);
}

// `npm run generate:schemas` runs this file from dist, in the package root.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of await writeSchemaModules(process.cwd())) process.stdout.write(`wrote ${file}\n`);
}
