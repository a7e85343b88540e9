import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import {
  approveRelease,
  createRelease,
  listReleases,
  promoteRelease,
  rollbackRelease,
  tagRelease,
  writeReleaseLog,
} from '../../src/api/release.js';
import { flagName } from '../../src/cli/flags.js';
import { RefusedError, UsageError } from '../../src/errors.js';
import type { FileTree } from '../../src/testing/index.js';
import { GIT_ENV, git, gitInit } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';
import { SHOP_PLATFORM_DESCRIPTOR } from '../helpers/descriptors.js';

const { repository } = temporaryRepositories();

// The API runs git in this process: it takes the identity from the environment.
beforeEach(() => {
  for (const [name, value] of Object.entries(GIT_ENV)) if (name.startsWith('GIT_')) vi.stubEnv(name, value);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const NOW = new Date('2026-11-02T10:00:00Z');

function committed(files: FileTree = {}): string {
  const root = repository({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR, 'releases/README.md': '# Releases\n', ...files });
  gitInit(root);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  return root;
}

function commitAll(root: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'release');
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

/** A release approved by both teams. */
async function approved(root: string, app: string, infra: string): Promise<string> {
  const { name } = await createRelease({ cwd: root, app, infra, now: NOW });
  await approveRelease({ cwd: root, name, team: '@acme/platform', by: 'alice', now: NOW });
  await approveRelease({ cwd: root, name, team: '@acme/shop', by: 'bob', now: NOW });
  return name;
}

describe('the release API', () => {
  it('creates, approves, promotes, tags, lists and logs a release, returning what it wrote', async () => {
    const root = committed();
    const created = await createRelease({
      cwd: root,
      app: '1.5.3',
      infra: '2.1.0',
      environment: 'production',
      components: { search: '0.4.0' },
      now: NOW,
    });
    expect(created).toEqual({
      name: 'release-1.5.3-2.1.0',
      file: 'releases/release-1.5.3-2.1.0.yaml',
      application_version: '1.5.3',
      infrastructure_version: '2.1.0',
      components: { search: '0.4.0' },
      created: '2026-11-02T10:00:00Z',
      environment: 'production',
      status: 'candidate',
      application_team: '@acme/shop',
      approvals: [],
    });
    const onDisk = parse(readFileSync(path.join(root, created.file), 'utf8')) as { release: Record<string, unknown> };
    expect(onDisk.release).toMatchObject({ name: created.name, status: 'candidate' });

    const first = await approveRelease({
      cwd: root,
      name: created.name,
      team: '@acme/platform',
      by: 'alice',
      now: NOW,
    });
    expect(first.status).toBe('candidate');
    const second = await approveRelease({ cwd: root, name: created.name, team: '@acme/shop', by: 'bob', now: NOW });
    expect(second.status).toBe('approved');
    expect(second.approvals?.map((approval) => approval.approver)).toEqual(['alice', 'bob']);

    const promoted = await promoteRelease({ cwd: root, name: created.name, now: NOW });
    expect(promoted).toMatchObject({ status: 'promoted', promoted: '2026-11-02T10:00:00Z' });

    commitAll(root);
    const tag = await tagRelease({ cwd: root, name: created.name });
    expect(tag).toMatchObject({ tag: 'release-1.5.3-2.1.0', commit: git(root, 'rev-parse', 'HEAD').trim() });
    expect(tag.message.split('\n')[0]).toContain('1.5.3');
    expect(git(root, 'cat-file', '-t', tag.tag).trim()).toBe('tag');

    expect(listReleases({ cwd: root }).map((release) => [release.name, release.status])).toEqual([
      ['release-1.5.3-2.1.0', 'promoted'],
    ]);
    expect(await writeReleaseLog({ cwd: root })).toEqual({ file: 'RELEASES.md', releases: 1, changed: true });
    expect(readFileSync(path.join(root, 'RELEASES.md'), 'utf8')).toContain(
      '## release-1.5.3-2.1.0\n\n- Status: promoted\n',
    );
    expect(await writeReleaseLog({ cwd: root })).toEqual({ file: 'RELEASES.md', releases: 1, changed: false });
  });

  it('rolls back by writing a new candidate with the versions of the release before', async () => {
    const root = committed();
    const older = await approved(root, '1.5.3', '2.1.0');
    await promoteRelease({ cwd: root, name: older, now: NOW });
    const newer = await approved(root, '1.6.0', '2.1.0');
    await promoteRelease({ cwd: root, name: newer, now: NOW });

    const rollback = await rollbackRelease({ cwd: root, now: NOW });
    expect(rollback).toMatchObject({
      name: 'release-1.5.3-2.1.0-rollback-1',
      file: 'releases/release-1.5.3-2.1.0-rollback-1.yaml',
      application_version: '1.5.3',
      infrastructure_version: '2.1.0',
      status: 'candidate',
      rollback_of: newer,
    });
    // Until the rollback is promoted, the newer release is still the current one.
    const error = await rejection(rollbackRelease({ cwd: root, to: newer }));
    expect(error).toBeInstanceOf(RefusedError);
    expect(error.message).toBe(`${newer} is the current release; name an earlier one with to`);
    expect((error as RefusedError).describe(flagName)).toMatch(/name an earlier one with --to$/);
  });

  it('names its options by key in usage errors; the CLI renders their flags', async () => {
    const root = committed();
    const cases: [Promise<unknown>, string, string][] = [
      [
        createRelease({ cwd: root, app: undefined, infra: '2.1.0' }),
        'app is required, e.g. app 1.5.3',
        '--app is required, e.g. --app 1.5.3',
      ],
      [
        createRelease({ cwd: root, app: '1.5.3', infra: 'v2' }),
        'infra "v2": not a semantic version (major.minor.patch, no leading v)',
        '--infra "v2": not a semantic version (major.minor.patch, no leading v)',
      ],
      [
        createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', components: { search: 'latest' } }),
        'components search= "latest": not a semantic version (major.minor.patch, no leading v)',
        '--component search= "latest": not a semantic version (major.minor.patch, no leading v)',
      ],
      [
        createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', environment: 'qa' }),
        'environment "qa": not in gitops.yaml\'s environments (staging, production)',
        '--environment "qa": not in gitops.yaml\'s environments (staging, production)',
      ],
      [
        createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', appTeam: '@acme/billing' }),
        'appTeam "@acme/billing": not an application team in gitops.yaml (@acme/shop)',
        '--app-team "@acme/billing": not an application team in gitops.yaml (@acme/shop)',
      ],
    ];
    for (const [promise, message, cli] of cases) {
      const error = await rejection(promise);
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toBe(message);
      expect((error as UsageError).describe(flagName)).toBe(cli);
    }

    const { name } = await createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', now: NOW });
    const team = await rejection(approveRelease({ cwd: root, name, team: '@acme/billing', by: 'carol' }));
    expect(team.message).toBe(`team "@acme/billing": ${name} needs approvals from @acme/platform and @acme/shop`);
    const by = await rejection(approveRelease({ cwd: root, name, team: '@acme/shop', by: 'carol smith' }));
    expect((by as UsageError).describe(flagName)).toBe(
      '--by "carol smith": give the approver\'s user name, without spaces',
    );
    const emergency = await rejection(promoteRelease({ cwd: root, name, emergency: true }));
    expect(emergency.message).toBe('emergency needs reason "<why>", which is recorded in the manifest');
    expect((emergency as UsageError).describe(flagName)).toBe(
      '--emergency needs --reason "<why>", which is recorded in the manifest',
    );
    const unapproved = await rejection(promoteRelease({ cwd: root, name }));
    expect(unapproved).toBeInstanceOf(RefusedError);
    expect(unapproved.message).toMatch(/\(or promote with emergency reason\)$/);
  });

  it('promotes an unapproved release as an emergency, recording the reason', async () => {
    const root = committed();
    const { name } = await createRelease({ cwd: root, app: '1.5.3', infra: '2.1.0', now: NOW });
    const promoted = await promoteRelease({ cwd: root, name, emergency: true, reason: ' CVE-2026-1234 ', now: NOW });
    expect(promoted).toMatchObject({
      status: 'promoted',
      emergency: { reason: 'CVE-2026-1234', time: '2026-11-02T10:00:00Z' },
    });
  });

  it('needs a repository described by gitops.yaml', async () => {
    const root = repository({ 'README.md': '# x\n' });
    gitInit(root);
    const error = await rejection(Promise.resolve().then(() => listReleases({ cwd: root })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      `no gitops.yaml in ${root}: 'release list' works in a repository made by 'gitops-init new' (or pass cwd)`,
    );
    expect((error as UsageError).describe(flagName)).toMatch(/\(or pass -C <dir>\)$/);
  });
});
