import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageInfo } from '../../src/package-info.js';
import { scaffold } from '../../src/api/scaffold.js';
import { BIN, runBin } from '../helpers/cli.js';
import { addAccessRoutes } from '../helpers/github-access-routes.js';
import { FakeGithub } from '../helpers/github-server.js';
import { hasScript, Terminal } from '../helpers/terminal.js';

const TOKEN = 'ghp_MarkerTokenForTheBin0123456789abcdef';
let github: FakeGithub;
let base: string;
let root: string;

beforeAll(async () => {
  github = await FakeGithub.start(TOKEN);
  // Access is not what this file tests: every repository starts with the policy's grant.
  addAccessRoutes(github, () => ({ teams: { platform: { role: 'maintain' } } }));
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-protect-bin-'));
  root = path.join(base, 'platform');
  await scaffold({
    cwd: base,
    directory: root,
    answers: {
      kind: 'infrastructure',
      tool: 'helm',
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '',
      envs: 'prod',
      host: 'github',
    },
    git: false,
    today: '2026-01-15',
  });
});

afterAll(async () => {
  await github.close();
  rmSync(base, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('loads octokit only for protect diff and apply (gitops-init --version stays fast)', async () => {
    // An import hook that fails any import of an @octokit package.
    const hook = path.join(base, 'no-octokit.mjs');
    const resolver = `export async function resolve(specifier, context, next) { if (specifier.startsWith('@octokit/')) throw new Error('octokit was loaded: ' + specifier); return next(specifier, context); }`;
    writeFileSync(
      hook,
      `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(resolver)}));\n`,
    );
    const nodeOptions = ['--import', pathToFileURL(hook).href];
    expect(await runBin(['--version'], { cwd: root, nodeOptions })).toMatchObject({
      code: 0,
      stdout: `${packageInfo().version}\n`,
    });
    expect(await runBin(['protect', 'render'], { cwd: root, nodeOptions })).toMatchObject({ code: 0 });
    // The hook works: protect diff does import octokit.
    const diff = await runBin(['protect', 'diff', '--repo', 'acme/platform', '--api-url', github.url], {
      cwd: root,
      nodeOptions,
      env: { GITHUB_TOKEN: TOKEN },
    });
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('octokit was loaded: @octokit/');
  });

  describe.runIf(hasScript)('protect apply on a terminal', () => {
    it('shows the diff and asks; "n" applies nothing (exit 1), "y" applies (exit 0)', async () => {
      const repository = github.addRepository('acme/platform', { branches: ['main'] });
      const command = `${process.execPath} ${BIN} protect apply --repo acme/platform --api-url ${github.url}`;
      const env = { GITHUB_TOKEN: TOKEN };

      const declined = new Terminal(command, root, env);
      try {
        const at = await declined.waitFor(/Apply these changes to acme\/platform\? \[y\/N\] /);
        expect(declined.screen).toContain('ruleset "main-protection" (main): not on GitHub (apply creates it)');
        declined.type('n\r');
        await declined.waitFor(/nothing was applied/, at);
        expect(await declined.exited).toBe(1);
      } finally {
        declined.kill();
      }
      expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);

      const accepted = new Terminal(command, root, env);
      try {
        const at = await accepted.waitFor(/Apply these changes to acme\/platform\? \[y\/N\] /);
        accepted.type('y\r');
        await accepted.waitFor(/now follows the policy in gitops\.yaml/, at);
        expect(await accepted.exited).toBe(0);
      } finally {
        accepted.kill();
      }
      expect(accepted.screen).toContain('created ruleset "main-protection"');
      expect(accepted.screen).toContain('created the classic protection of main');
      expect(repository.rulesets.size).toBe(1);
      expect(repository.protection.has('main')).toBe(true);
      expect(github.schemaErrors).toEqual([]);
      for (const screen of [declined.screen, accepted.screen]) expect(screen).not.toContain(TOKEN);
    });
  });
});
