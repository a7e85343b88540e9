import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import rule from '../../rules/chart-version-bumped.js';
import { lint } from '../../src/api/lint.js';
import { writeFileTree } from '../../src/testing/index.js';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@e',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@e',
};
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A git repository with two charts committed as the base (tag `base`). */
function repository(): string {
  const root = writeFileTree({
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.3.0\n',
    'charts/web/values.yaml': 'replicas: 1\n',
    'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
    'charts/api/templates/d.yaml': 'kind: Deployment\n',
  });
  roots.push(root);
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: root, env: gitEnv, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('tag', 'base');
  return root;
}

async function findings(root: string, base?: string): Promise<string[]> {
  const report = await lint({ cwd: root, ruleSet: [rule], rules: { [rule.id]: 'error' }, ...(base ? { base } : {}) });
  return report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.messageId ?? ''} ${d.message}`);
}

describe('chart-version-bumped', () => {
  it('reports a changed chart with the version it had at the base, and only with --base', async () => {
    const root = repository();
    writeFileSync(path.join(root, 'charts/web/values.yaml'), 'replicas: 2\n');
    expect(await findings(root)).toEqual([]);
    expect(await findings(root, 'base')).toEqual([
      'charts/web/Chart.yaml:3 notBumped Chart charts/web changed since base (values.yaml), but its version is still 0.3.0; bump Chart.yaml version',
    ]);
  });

  it('accepts a bumped chart, and reports one that went down', async () => {
    const root = repository();
    writeFileSync(path.join(root, 'charts/web/Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.3.1\n');
    writeFileSync(path.join(root, 'charts/api/templates/d.yaml'), 'kind: StatefulSet\n');
    writeFileSync(path.join(root, 'charts/api/Chart.yaml'), 'apiVersion: v2\nname: api\nversion: 0.9.0\n');
    expect(await findings(root, 'base')).toEqual([
      'charts/api/Chart.yaml:3 lower Chart charts/api version 0.9.0 is lower than 1.0.0 at base; chart versions only go up',
    ]);
  });

  it('counts untracked files and ignores new charts', async () => {
    const root = repository();
    writeFileSync(path.join(root, 'charts/api/templates/new.yaml'), 'kind: Service\n');
    writeFileTree({});
    execFileSync('mkdir', ['-p', path.join(root, 'charts/new')]);
    writeFileSync(path.join(root, 'charts/new/Chart.yaml'), 'apiVersion: v2\nname: new\nversion: 0.1.0\n');
    expect(await findings(root, 'base')).toEqual([
      'charts/api/Chart.yaml:3 notBumped Chart charts/api changed since base (templates/new.yaml), but its version is still 1.0.0; bump Chart.yaml version',
    ]);
  });

  it('refuses a base that is not a commit, as a usage error', async () => {
    const root = repository();
    await expect(findings(root, 'no-such-ref')).rejects.toThrow('base "no-such-ref": not a commit in this repository');
  });
});
