import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import ajvPackage from 'ajv/package.json' with { type: 'json' };
import { AJV_OPTIONS } from './schema-validation.js';
import gitopsSchema from './gitops.schema.json' with { type: 'json' };
import releaseSchema from '../release/release.schema.json' with { type: 'json' };

/**
 * The JSON schemas validated on every run, precompiled with ajv's standalone code so that no
 * run pays for ajv's compile (and for loading ajv): gitops.yaml on every lint, release
 * manifests wherever a repository has releases. Paths are relative to the package root.
 */
export const GENERATED_VALIDATORS: readonly { schema: object; schemaFile: string; file: string }[] = [
  {
    schema: gitopsSchema,
    schemaFile: 'src/config/gitops.schema.json',
    file: 'src/config/generated/gitops-schema.validate.ts',
  },
  {
    schema: releaseSchema,
    schemaFile: 'src/release/release.schema.json',
    file: 'src/config/generated/release-schema.validate.ts',
  },
];

/**
 * ajv's standalone ESM still loads its runtime helpers with require("ajv/dist/runtime/…").default.
 * The module gets a require() of its own: an import would not do, because Node and vitest give
 * a CommonJS module's `exports.default` to a default import differently.
 */
const RUNTIME_REQUIRE = /require\("ajv\/dist\/runtime\/[a-z0-9_]+"\)\.default/g;

/**
 * The TypeScript module of one schema's validator: ajv's standalone ESM code, with the same
 * options as run-time compilation (so errors, and the messages made from them, are the same),
 * a require() for ajv's runtime helpers, and one typed export `validate`.
 */
export function generateValidatorSource(schema: object, schemaFile: string): string {
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
    `// Generated from ${schemaFile} by src/config/generate-validators.ts with ajv ${version}: do not edit.`,
    '// After changing the schema or upgrading ajv, run `npm run generate:schemas`.',
    '// @ts-nocheck',
    'import { createRequire } from "node:module";',
    'import type { ValidateFunction } from "ajv";',
    '',
    'const require = createRequire(import.meta.url);',
    '',
    `export const validate: ValidateFunction = ${exports[1]};`,
    '',
    body.trimEnd(),
    '',
  ].join('\n');
}

/** Writes every generated validator under `root` (the package root); returns the files written. */
export function writeValidators(root: string): string[] {
  return GENERATED_VALIDATORS.map(({ schema, schemaFile, file }) => {
    writeFileSync(path.join(root, file), generateValidatorSource(schema, schemaFile));
    return file;
  });
}

// `npm run generate:schemas` runs this file from dist, in the package root.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of writeValidators(process.cwd())) process.stdout.write(`wrote ${file}\n`);
}
