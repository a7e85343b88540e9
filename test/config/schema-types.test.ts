import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  parseDescriptor,
  type Descriptor,
  type GitopsTool,
  type ReleaseWindow,
  type RepositoryKind,
  type RuleEntry,
  type SeverityValue,
  type Weekday,
} from '../../src/config/descriptor.js';
import { BYPASS_ROLES, PROTECTION_TARGETS, type BypassRole } from '../../src/protection/policy.js';
import type { Release, ReleaseManifest, ReleaseStatus } from '../../src/release/manifest.js';
import gitopsSchema from '../../src/config/gitops.schema.json' with { type: 'json' };

// The types are generated from the schemas; these pin what code relies on, so that a schema
// change that loosens them fails `npm run typecheck` (expectTypeOf is checked by tsc).
describe('types generated from the schemas', () => {
  it('names the descriptor types the code uses', () => {
    expectTypeOf<RepositoryKind>().toEqualTypeOf<'infrastructure' | 'application'>();
    expectTypeOf<GitopsTool>().toEqualTypeOf<'argocd' | 'flux' | 'helm'>();
    expectTypeOf<Descriptor['kind']>().toEqualTypeOf<RepositoryKind>();
    expectTypeOf<Descriptor['tool']>().toEqualTypeOf<GitopsTool>();
    expectTypeOf<SeverityValue>().toEqualTypeOf<'off' | 'warn' | 'error' | 0 | 1 | 2>();
    expectTypeOf<RuleEntry>().toEqualTypeOf<SeverityValue | readonly [SeverityValue, ...unknown[]]>();
    expectTypeOf<NonNullable<Descriptor['scaffold']>>().toEqualTypeOf<{ version?: string; [key: string]: unknown }>();
    expectTypeOf<Weekday>().toEqualTypeOf<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>();
    // The windows gitops.yaml holds are release windows as src/release reads them.
    expectTypeOf<NonNullable<NonNullable<Descriptor['releases']>['windows']>>().toExtend<readonly ReleaseWindow[]>();
  });

  it('names the release manifest types the code uses', () => {
    expectTypeOf<ReleaseManifest>().toEqualTypeOf<{ release: Release }>();
    expectTypeOf<ReleaseStatus>().toEqualTypeOf<'candidate' | 'approved' | 'promoted' | 'rolled-back'>();
    expectTypeOf<Release['downgrade']>().toEqualTypeOf<true | undefined>();
  });

  it('narrows a valid descriptor to the generated type', () => {
    const { descriptor } = parseDescriptor('gitops.yaml', 'kind: application\ntool: flux\nname: shop\n');
    expectTypeOf(descriptor).toEqualTypeOf<Descriptor>();
    expect(descriptor).toEqual({ kind: 'application', tool: 'flux', name: 'shop' });
  });

  it('lists every protection target and bypass role of the schema', () => {
    const { properties, definitions } = gitopsSchema;
    expect(PROTECTION_TARGETS).toEqual(properties.protection.properties.targets.items.enum);
    const roles = definitions.bypassActor.oneOf.flatMap((actor) =>
      'role' in actor.properties ? (actor.properties.role?.enum ?? []) : [],
    );
    expect(BYPASS_ROLES).toEqual(roles);
    expectTypeOf<(typeof BYPASS_ROLES)[number]>().toEqualTypeOf<BypassRole>();
  });
});
