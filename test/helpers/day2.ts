import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { scaffold, type RawAnswers } from '../../src/api/scaffold.js';

// What the day-2 tests compare and check: a repository's tree, its lint, its kustomize builds.

/** Whether kubectl (with `kubectl kustomize`) is here; where it is not, say once which checks are skipped. */
export function kubectlAvailable(what: string): boolean {
  const available = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  if (!available)
    process.stderr.write(`notice: kubectl is not installed; the kustomize build checks of ${what} are skipped\n`);
  return available;
}

/** Every regular file under `root`, by repository-relative POSIX path, with its text. */
export function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    files[file] = readFileSync(path.join(root, file), 'utf8');
  }
  return files;
}

/** Every directory under `root`, sorted (a removal must leave no empty directory behind). */
export function directories(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The repository lints clean: every finding is listed if not. */
export async function expectLintClean(root: string): Promise<void> {
  const report = await lint({ cwd: root });
  expect(report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? ''} ${d.message}`)).toEqual([]);
}

/** Every kustomization of the repository builds with `kubectl kustomize`; returns how many there are. */
export function expectKustomizationsBuild(root: string): number {
  const kustomizations = Object.keys(tree(root)).filter((name) => name.endsWith('kustomization.yaml'));
  for (const file of kustomizations) {
    const result = spawnSync('kubectl', ['kustomize', path.join(root, path.dirname(file))], { encoding: 'utf8' });
    expect(result.stderr, file).toBe('');
    expect(result.status, file).toBe(0);
  }
  return kustomizations.length;
}

/**
 * Scaffolds the repository the day-2 tests start from into `root`: organisation acme, platform
 * team @acme/platform, an application repository named checkout (its team @acme/checkout) or an
 * infrastructure one named platform, environments dev, staging, production, unless `answers` says otherwise.
 */
export async function scaffoldFixture(
  root: string,
  answers: Partial<RawAnswers> & Pick<RawAnswers, 'tool' | 'host'>,
): Promise<string> {
  const kind = String(answers.kind ?? 'infrastructure');
  await scaffold({
    cwd: path.dirname(root),
    directory: root,
    git: false,
    answers: {
      name: kind === 'application' ? 'checkout' : 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: kind === 'application' ? '@acme/checkout' : '@acme/checkout,@acme/payments',
      envs: 'dev,staging,production',
      ...answers,
      kind,
    },
    today: '2026-01-15',
  });
  return root;
}
