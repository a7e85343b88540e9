import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_VALIDATORS, generateValidatorSource } from '../../src/config/generate-validators.js';
import { compileSchema } from '../../src/config/schema-validation.js';
import { validate as validateDescriptor } from '../../src/config/generated/gitops-schema.validate.js';
import { validate as validateReleaseManifest } from '../../src/config/generated/release-schema.validate.js';
import gitopsSchema from '../../src/config/gitops.schema.json' with { type: 'json' };
import releaseSchema from '../../src/release/release.schema.json' with { type: 'json' };

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('precompiled schema validators', () => {
  it.each(GENERATED_VALIDATORS.map((entry) => [entry.file, entry] as const))(
    '%s is up to date with its schema',
    (file, { schema, schemaFile }) => {
      const committed = readFileSync(`${root}${file}`, 'utf8');
      const expected = generateValidatorSource(schema, schemaFile);
      expect(
        committed === expected,
        `${file} is out of date with ${schemaFile}: run npm run generate:schemas and commit it`,
      ).toBe(true);
    },
  );

  it('generates the same text every time', () => {
    for (const { schema, schemaFile } of GENERATED_VALIDATORS) {
      expect(generateValidatorSource(schema, schemaFile)).toBe(generateValidatorSource(schema, schemaFile));
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
