import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compareReleases,
  isExpectedName,
  manifestProblems,
  missingApprovals,
  RELEASE_SCHEMA_URL,
  releaseName,
  renderManifest,
  requiredTeams,
  tagMessage,
} from '../../src/release/manifest.js';
import releaseSchema from '../../src/release/release.schema.json' with { type: 'json' };
import { cli } from '../helpers/cli.js';
import { gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const repo = temporaryTrees();

type Release = Parameters<typeof tagMessage>[0];
type NamedRelease = Parameters<typeof compareReleases>[0];

const MINIMAL = { release: { application_version: '1.5.3', infrastructure_version: '2.1.0' } };

/** The problems of a manifest whose `release` mapping has these fields on top of the minimal ones. */
function problemsWith(fields: Record<string, unknown>): { path: (string | number)[]; message: string }[] {
  return manifestProblems({ release: { ...MINIMAL.release, ...fields } });
}

describe('manifestProblems', () => {
  it('accepts a minimal manifest and a complete one', () => {
    expect(manifestProblems(MINIMAL)).toEqual([]);
    expect(
      problemsWith({
        name: 'release-1.5.3-2.1.0',
        components: { 'payment-api': '3.0.0-rc.1+build.7' },
        created: '2026-01-15T10:00:00Z',
        environment: 'production',
        status: 'promoted',
        application_team: '@acme/shop',
        approvals: [{ team: '@acme/platform', approver: 'alice', time: '2026-01-15T11:00:00+01:00' }],
        promoted: '2026-01-16',
        emergency: { reason: 'outage', time: '2026-01-16T00:00:00.123Z' },
        rollback_of: 'release-1.6.0-2.1.0',
        downgrade: true,
        notes: 'anything',
      }),
    ).toEqual([]);
  });

  it('names a missing required field and where it is missing', () => {
    expect(manifestProblems({ release: { application_version: '1.0.0' } })).toEqual([
      { path: ['release'], message: '"release" is missing the required property "infrastructure_version"' },
    ]);
    expect(manifestProblems({})).toEqual([
      { path: [], message: 'the document is missing the required property "release"' },
    ]);
  });

  it('refuses versions that are not semantic versions, with the path of each', () => {
    const problems = manifestProblems({ release: { application_version: 'v1.5.3', infrastructure_version: '2.1' } });
    expect(problems.map((problem) => problem.path)).toEqual([
      ['release', 'application_version'],
      ['release', 'infrastructure_version'],
    ]);
    // What the pattern means, with the value, never the regular expression itself.
    expect(problems.map((problem) => problem.message)).toEqual([
      '"release.application_version" is "v1.5.3", not a semantic version (major.minor.patch, no leading v)',
      '"release.infrastructure_version" is "2.1", not a semantic version (major.minor.patch, no leading v)',
    ]);
    expect(problemsWith({ application_version: `1.0.0-${'x'.repeat(500)}!` })[0]?.message).toBe(
      `"release.application_version" is "1.0.0-${'x'.repeat(53)}…, not a semantic version (major.minor.patch, no leading v)`,
    );
    expect(problemsWith({ application_version: '01.0.0' })).toHaveLength(1);
    expect(problemsWith({ application_version: 1 })[0]?.message).toBe(
      '"release.application_version" must be of type string',
    );
  });

  it('refuses unknown fields, at the top and in the release', () => {
    expect(manifestProblems({ ...MINIMAL, extra: 1 })).toEqual([
      { path: ['extra'], message: 'unknown property "extra" in the document' },
    ]);
    expect(problemsWith({ approved_by: 'x' })).toEqual([
      { path: ['release', 'approved_by'], message: 'unknown property "approved_by" in "release"' },
    ]);
  });

  it('refuses an unknown status, naming the allowed ones', () => {
    expect(problemsWith({ status: 'deployed' })).toEqual([
      {
        path: ['release', 'status'],
        message: '"release.status" must be one of "candidate", "approved", "promoted", "rolled-back"',
      },
    ]);
  });

  it('checks approvals: required fields, team names, approver without spaces, times', () => {
    expect(problemsWith({ approvals: [{ team: '@acme/platform', approver: 'alice' }] })).toEqual([
      { path: ['release', 'approvals', 0], message: '"release.approvals.0" is missing the required property "time"' },
    ]);
    expect(problemsWith({ approvals: [{ team: 'platform', approver: 'alice', time: '2026-01-15' }] })[0]?.path).toEqual(
      ['release', 'approvals', 0, 'team'],
    );
    expect(
      problemsWith({ approvals: [{ team: '@acme/platform', approver: 'alice smith', time: '2026-01-15' }] })[0]?.path,
    ).toEqual(['release', 'approvals', 0, 'approver']);
    expect(
      problemsWith({ approvals: [{ team: '@acme/platform', approver: 'alice', time: '15/01/2026' }] })[0]?.path,
    ).toEqual(['release', 'approvals', 0, 'time']);
    expect(
      problemsWith({ approvals: [{ team: 'platform', approver: 'alice smith', time: '15/01/2026' }] }).map(
        (problem) => problem.message,
      ),
    ).toEqual([
      '"release.approvals.0.team" is "platform", not a team (@organisation/team)',
      '"release.approvals.0.approver" is "alice smith", not an approver (a user name without spaces)',
      '"release.approvals.0.time" is "15/01/2026", not a date or time (YYYY-MM-DD, or YYYY-MM-DDThh:mm with Z or an offset)',
    ]);
  });

  it('says what every pattern of the schema means, so that no message shows a regular expression', () => {
    const unexplained: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (typeof record.pattern === 'string' && typeof record.patternErrorMessage !== 'string') unexplained.push(where);
      for (const [key, value] of Object.entries(record)) walk(value, `${where}/${key}`);
    };
    walk(releaseSchema, '#');
    expect(unexplained).toEqual([]);
  });

  it('refuses `downgrade: false` (only `true` is written), bad component names and bad environments', () => {
    expect(problemsWith({ downgrade: false })).toHaveLength(1);
    expect(problemsWith({ components: { Payment_API: '1.0.0' } })).toContainEqual({
      path: ['release', 'components', 'Payment_API'],
      message: '"release.components" has "Payment_API", not a component name (lowercase letters, digits and dashes)',
    });
    expect(problemsWith({ components: { payment: 'latest' } })[0]?.path).toEqual(['release', 'components', 'payment']);
    expect(problemsWith({ environment: 'Prod' })).toEqual([
      {
        path: ['release', 'environment'],
        message: '"release.environment" is "Prod", not an environment name (lowercase letters, digits and dashes)',
      },
    ]);
    expect(problemsWith({ emergency: { reason: '', time: '2026-01-01' } })[0]?.path).toEqual([
      'release',
      'emergency',
      'reason',
    ]);
  });

  it('refuses a document that is not a mapping', () => {
    for (const value of [null, 'release', [MINIMAL], 42]) {
      expect(manifestProblems(value)).toEqual([{ path: [], message: 'the document must be of type object' }]);
    }
    expect(manifestProblems({ release: null })[0]?.path).toEqual(['release']);
  });
});

describe('releaseName and isExpectedName', () => {
  const release: Release = { application_version: '1.5.3', infrastructure_version: '2.1.0' };

  it('names a release after both versions', () => {
    expect(releaseName('1.5.3', '2.1.0')).toBe('release-1.5.3-2.1.0');
    expect(releaseName('1.0.0-rc.1', '2.0.0+b.1')).toBe('release-1.0.0-rc.1-2.0.0+b.1');
  });

  it('accepts the plain name only, unless the release is a rollback', () => {
    expect(isExpectedName(release, 'release-1.5.3-2.1.0')).toBe(true);
    expect(isExpectedName(release, 'release-1.5.3-2.1.1')).toBe(false);
    expect(isExpectedName(release, 'release-1.5.3-2.1.0-rollback-1')).toBe(false);
  });

  it('accepts -rollback-<n> with n from 1 for a rollback, and nothing else', () => {
    const rollback: Release = { ...release, rollback_of: 'release-1.6.0-2.1.0' };
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0')).toBe(true);
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0-rollback-1')).toBe(true);
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0-rollback-12')).toBe(true);
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0-rollback-0')).toBe(false);
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0-rollback-01')).toBe(false);
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0-rollback-')).toBe(false);
    expect(isExpectedName(rollback, 'release-1.5.3-2.1.0-rollback-1-extra')).toBe(false);
    expect(isExpectedName(rollback, 'xrelease-1.5.3-2.1.0-rollback-1')).toBe(false);
  });

  it('takes the dots and pluses of versions literally', () => {
    const rollback: Release = { application_version: '1.5.3', infrastructure_version: '2.0.0+b.1', rollback_of: 'x' };
    expect(isExpectedName(rollback, 'release-1.5.3-2.0.0+b.1-rollback-2')).toBe(true);
    expect(isExpectedName(rollback, 'release-1x5x3-2x0x0+bx1-rollback-2')).toBe(false);
    expect(isExpectedName(rollback, 'release-1.5.3-2.0.00b.1-rollback-2')).toBe(false);
  });
});

describe('tagMessage', () => {
  it('names both versions, and the rolled-back release for a rollback', () => {
    const release: Release = { application_version: '1.5.3', infrastructure_version: '2.1.0' };
    expect(tagMessage(release)).toBe('Deploy: Application v1.5.3 and Infrastructure v2.1.0');
    expect(tagMessage({ ...release, rollback_of: 'release-1.6.0-2.1.0' })).toBe(
      'Deploy: Application v1.5.3 and Infrastructure v2.1.0\n\nRollback of release-1.6.0-2.1.0.',
    );
  });
});

describe('compareReleases', () => {
  const named = (application: string, infrastructure: string, name?: string): NamedRelease => ({
    application_version: application,
    infrastructure_version: infrastructure,
    name: name ?? releaseName(application, infrastructure),
  });

  it('orders by application version (semver, not text), then infrastructure version, then name', () => {
    const releases = [
      named('1.10.0', '1.0.0'),
      named('1.9.0', '2.0.0'),
      named('1.9.0', '1.0.0', 'release-1.9.0-1.0.0-rollback-1'),
      named('1.9.0', '1.0.0'),
      named('1.9.0-rc.1', '9.0.0'),
      named('1.9.0', '10.0.0'),
    ];
    expect(releases.sort(compareReleases).map((release) => release.name)).toEqual([
      'release-1.9.0-rc.1-9.0.0',
      'release-1.9.0-1.0.0',
      'release-1.9.0-1.0.0-rollback-1',
      'release-1.9.0-2.0.0',
      'release-1.9.0-10.0.0',
      'release-1.10.0-1.0.0',
    ]);
  });

  it('is 0 for the same release', () => {
    expect(compareReleases(named('1.0.0', '1.0.0'), named('1.0.0', '1.0.0'))).toBe(0);
  });
});

describe('requiredTeams and missingApprovals', () => {
  const release: Release = {
    application_version: '1.0.0',
    infrastructure_version: '1.0.0',
    application_team: '@acme/shop',
  };

  it('needs the platform team and the application team', () => {
    expect(requiredTeams(release, '@acme/platform')).toEqual(['@acme/platform', '@acme/shop']);
    expect(requiredTeams(release, undefined)).toEqual(['@acme/shop']);
    expect(requiredTeams({ application_version: '1.0.0', infrastructure_version: '1.0.0' }, undefined)).toEqual([]);
  });

  it('lists the teams that have not approved, whoever else did', () => {
    expect(missingApprovals(release, '@acme/platform')).toEqual(['@acme/platform', '@acme/shop']);
    const approvedByShop: Release = {
      ...release,
      approvals: [
        { team: '@acme/shop', approver: 'bob', time: '2026-01-15' },
        { team: '@acme/other', approver: 'eve', time: '2026-01-15' },
      ],
    };
    expect(missingApprovals(approvedByShop, '@acme/platform')).toEqual(['@acme/platform']);
    const approvedByBoth: Release = {
      ...approvedByShop,
      approvals: [...(approvedByShop.approvals ?? []), { team: '@acme/platform', approver: 'al', time: '2026-01-15' }],
    };
    expect(missingApprovals(approvedByBoth, '@acme/platform')).toEqual([]);
  });
});

describe('renderManifest', () => {
  it('writes the schema line, then the fields in a fixed order, leaving out unset ones', () => {
    const release: Release = {
      notes: 'first',
      status: 'candidate',
      infrastructure_version: '2.1.0',
      application_version: '1.5.3',
      name: 'release-1.5.3-2.1.0',
      approvals: undefined,
    };
    expect(renderManifest(release)).toBe(
      [
        `# yaml-language-server: $schema=${RELEASE_SCHEMA_URL}`,
        'release:',
        '  name: release-1.5.3-2.1.0',
        '  application_version: 1.5.3',
        '  infrastructure_version: 2.1.0',
        '  status: candidate',
        '  notes: first',
        '',
      ].join('\n'),
    );
    expect(RELEASE_SCHEMA_URL).toMatch(/^https:\/\/.*release\.schema\.json$/);
  });

  it('writes a manifest that reads back to the same release and passes the schema', () => {
    const release: Release = {
      name: 'release-1.5.3-2.1.0-rollback-1',
      application_version: '1.5.3',
      infrastructure_version: '2.1.0',
      components: { api: '3.0.0' },
      created: '2026-01-15T10:00:00Z',
      environment: 'production',
      status: 'approved',
      application_team: '@acme/shop',
      approvals: [{ team: '@acme/platform', approver: 'alice', time: '2026-01-15T11:00:00Z' }],
      rollback_of: 'release-1.6.0-2.1.0',
      downgrade: true,
      // Text that YAML would read as something else unless quoted, and a long line that must not fold.
      notes: `yes: no # not a comment\n${'word '.repeat(40)}`,
    };
    const value = parse(renderManifest(release)) as unknown;
    expect(value).toEqual({ release });
    expect(manifestProblems(value)).toEqual([]);
  });
});

describe('a release manifest that does not match the schema', () => {
  it('stops a release command with one line naming the file, the field, the value and what it should be', async () => {
    const root = repo({
      'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\n',
      'releases/release-1.5-2.1.0.yaml': 'release:\n  application_version: "1.5"\n  infrastructure_version: 2.1.0\n',
    });
    gitInit(root);
    const run = await cli(['release', 'list'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gitops-init: releases/release-1.5-2.1.0.yaml is not a valid release manifest: "release.application_version" is "1.5", not a semantic version (major.minor.patch, no leading v)\n',
    );
  });
});
