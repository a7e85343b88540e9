import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyProtection } from '../../src/api/protection.js';
import { scaffoldFixture, tree } from '../helpers/day2.js';
import type { FakeGithub } from '../helpers/github-server.js';

/** A scaffolded repository's files: what gitops-init new writes, as GitHub would hold them. */
export async function scaffoldedFiles(kind: 'application' | 'infrastructure'): Promise<Record<string, string>> {
  const parent = mkdtempSync(path.join(tmpdir(), 'gitops-audit-'));
  try {
    const root = await scaffoldFixture(path.join(parent, 'repo'), { kind, tool: 'argocd', host: 'github' });
    return tree(root);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

/** Applies a repository's policy to the fake as `protect apply` would, from its files on a disk. */
export async function applyPolicy(
  fake: FakeGithub,
  fullName: string,
  files: Record<string, string>,
  token: string,
): Promise<void> {
  const { writeFileTree } = await import('../../src/testing/index.js');
  const root = writeFileTree(files);
  try {
    await applyProtection({ cwd: root, repository: fullName, token, apiUrl: fake.url, retryDelayMs: 1 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The organisation's teams that the scaffolds name: infrastructure repositories keep releases,
 * so reading their protection looks up the approving teams' ids (required reviewers).
 */
export function serveTeams(fake: FakeGithub): void {
  for (const slug of ['platform', 'checkout', 'payments']) fake.addTeam('acme', slug);
}
