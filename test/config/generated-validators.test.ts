import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GENERATED_SCHEMAS,
  generateSchemaModules,
  generateTypesSource,
  generateValidatorSource,
  readSchema,
} from '../../src/config/generate-schemas.js';
import { compileSchema } from '../../src/config/schema-validation.js';
import { validate as validateDescriptor } from '../../src/config/generated/gitops-schema.validate.js';
import { validate as validateReleaseManifest } from '../../src/config/generated/release-schema.validate.js';
import gitopsSchema from '../../src/config/gitops.schema.json' with { type: 'json' };
import releaseSchema from '../../src/release/release.schema.json' with { type: 'json' };

const root = fileURLToPath(new URL('../../', import.meta.url));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('generated schema modules', () => {
  it.each(GENERATED_SCHEMAS.map((modules) => [modules.validatorFile, modules] as const))(
    '%s is up to date with its schema',
    (file, modules) => {
      const committed = readFileSync(`${root}${file}`, 'utf8');
      const expected = generateValidatorSource(readSchema(root, modules.schemaFile), modules);
      expect(
        committed === expected,
        `${file} is out of date with ${modules.schemaFile}: run npm run generate:schemas and commit it`,
      ).toBe(true);
    },
  );

  it.each(GENERATED_SCHEMAS.map((modules) => [modules.typesFile, modules] as const))(
    '%s is up to date with its schema',
    async (file, modules) => {
      const committed = readFileSync(`${root}${file}`, 'utf8');
      const expected = await generateTypesSource(readSchema(root, modules.schemaFile), modules);
      expect(
        committed === expected,
        `${file} is out of date with ${modules.schemaFile}: run npm run generate:schemas and commit it`,
      ).toBe(true);
    },
  );

  it('generates the same text every time, without the network', async () => {
    const first = await generateSchemaModules(root);
    vi.stubGlobal('fetch', (url: unknown) => {
      throw new Error(`generation fetched ${String(url)}`);
    });
    expect(await generateSchemaModules(root)).toEqual(first);
    expect(first.map(({ file }) => file)).toEqual(
      GENERATED_SCHEMAS.flatMap(({ typesFile, validatorFile }) => [typesFile, validatorFile]),
    );
  });

  it('writes the types as Prettier would, with the project settings', async () => {
    for (const { typesFile } of GENERATED_SCHEMAS) {
      const text = readFileSync(`${root}${typesFile}`, 'utf8');
      const options = await prettier.resolveConfig(`${root}${typesFile}`);
      expect(await prettier.check(text, { ...options, filepath: typesFile })).toBe(true);
    }
  });

  it('reads the schemas that package.json publishes', () => {
    const exported = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, string> })
      .exports;
    for (const { schemaFile } of GENERATED_SCHEMAS) {
      const name = schemaFile.slice(schemaFile.lastIndexOf('/') + 1);
      expect(exported[`./schemas/${name}`]).toBe(`./dist/${schemaFile}`);
    }
  });

  // The same errors as ajv's run-time compile with the options it had (allErrors, strict false),
  // so every message made from them by describeAjvError stays the same.
  const invalidDescriptors: unknown[] = [
    'kind: infrastructure',
    {},
    { kind: 'cluster', tool: 'kubectl', name: 'Not A Label', extra: true },
    {
      kind: 'application',
      tool: 'helm',
      name: 'x'.repeat(64),
      teams: { platform: 'platform', members: ['@a', '@a', 'not an address'] },
    },
    {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'p',
      environments: [],
      ownership: { '#x': 'nobody here', '/a/': [] },
    },
    {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'p',
      protection: {
        targets: ['nope'],
        branches: {
          main: {
            requiredApprovals: 7,
            bypassActors: [{ role: 'root' }, { team: 0, app: 1 }, { organizationAdmin: false }],
          },
        },
      },
    },
    {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'p',
      rules: { Bad_Id: 'on', 'a-rule': [], 'b-rule': [3, {}] },
      overrides: [{ files: [], rules: {} }, { rules: 1 }],
    },
    {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'p',
      releases: { windows: [{ days: ['mon', 'mon', 'xyz'], hours: '25:00-26:00' }], changelog: '../x.txt' },
      linterOptions: { maxFileSize: 10.5 },
    },
  ];
  const invalidReleases: unknown[] = [
    null,
    { release: {} },
    {
      release: {
        name: 'x',
        application_version: 'v1',
        infrastructure_version: '1.0',
        status: 'done',
        approvals: [{ team: 'a' }],
        components: { Bad: '1' },
        downgrade: false,
        extra: 1,
      },
    },
  ];

  it.each([
    ['gitops.schema.json', gitopsSchema, validateDescriptor, invalidDescriptors],
    ['release.schema.json', releaseSchema, validateReleaseManifest, invalidReleases],
  ] as const)('reports what ajv compiled at run time reports for %s', (_, schema, precompiled, values) => {
    const compiled = compileSchema(schema);
    for (const value of values) {
      expect(compiled(value)).toBe(false);
      expect(precompiled(value)).toBe(false);
      expect(precompiled.errors).toEqual(compiled.errors);
    }
  });
});
