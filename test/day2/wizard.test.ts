import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffold } from '../../src/api/scaffold.js';
import { BIN } from '../helpers/cli.js';
import { hasScript, Terminal } from '../helpers/terminal.js';

// Day-2 commands on a terminal: plop's prompts ask what is missing, the plan is shown and confirmed.

const ENTER = '\r';
const DOWN = '\u001b[B';
if (!hasScript)
  process.stderr.write(
    'notice: util-linux script is not installed; the day-2 wizard tests cannot make a pseudo-terminal and are skipped\n',
  );

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function repository(): Promise<string> {
  const base = mkdtempSync(path.join(tmpdir(), 'gitops-init-day2-wizard-'));
  dirs.push(base);
  const root = path.join(base, 'platform');
  await scaffold({
    cwd: base,
    directory: root,
    git: false,
    answers: { kind: 'infrastructure', tool: 'flux', name: 'platform', org: 'acme', envs: 'dev,staging,production' },
    yes: true,
    today: '2026-01-15',
  });
  return root;
}

const environments = (root: string): string[] =>
  (parse(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')) as { environments: string[] }).environments;

const files = (root: string): string[] => readdirSync(root, { recursive: true }).map(String).sort();

describe.runIf(hasScript)('the day-2 wizard', () => {
  it('add env asks the name (a bad one is refused in place) and where it is promoted from, shows the plan and writes it when confirmed', async () => {
    const root = await repository();
    // From a directory below gitops.yaml: the repository is found upward.
    const cwd = path.join(root, 'infrastructure');
    const terminal = new Terminal(`${process.execPath} ${BIN} add env`, cwd);
    try {
      let at = await terminal.waitFor(/Name of the new environment/);
      terminal.type('QA' + ENTER);
      at = await terminal.waitFor(/not a DNS label/, at);
      terminal.type('\u007f'.repeat(5) + 'staging' + ENTER);
      at = await terminal.waitFor(/"staging" is already an environment/, at);
      terminal.type('\u007f'.repeat(10) + 'qa' + ENTER);
      at = await terminal.waitFor(/Which environment is it promoted from\?/, at);
      // The one before the last (staging) is preselected; one up selects dev.
      terminal.type('\u001b[A' + ENTER);
      at = await terminal.waitFor(/Plan to add environment qa:/, at);
      at = await terminal.waitFor(/\+ {2}- "qa"/, at);
      at = await terminal.waitFor(/Write these 4 changes\?/, at);
      terminal.type(ENTER);
      await terminal.waitFor(/Added environment qa: 4 files changed\./, at);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(environments(root)).toEqual(['dev', 'qa', 'staging', 'production']);
    expect(readFileSync(path.join(root, 'clusters/qa/tenants.yaml'), 'utf8')).toContain('./tenants/qa');
  });

  it('writes nothing, exit 1, when the plan is declined', async () => {
    const root = await repository();
    const before = files(root);
    const descriptor = readFileSync(path.join(root, 'gitops.yaml'), 'utf8');
    const terminal = new Terminal(`${process.execPath} ${BIN} add env qa`, root);
    try {
      // With the name given, nothing is asked but the confirmation.
      const at = await terminal.waitFor(/Write these 4 changes\?/);
      expect(terminal.screen).not.toMatch(/promoted from/);
      terminal.type('n' + ENTER);
      await terminal.waitFor(/gitops-init: cancelled; nothing was written/, at);
      expect(await terminal.exited).toBe(1);
    } finally {
      terminal.kill();
    }
    expect(files(root)).toEqual(before);
    expect(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')).toBe(descriptor);
  });

  it('remove env offers the environments to choose from', async () => {
    const root = await repository();
    const terminal = new Terminal(`${process.execPath} ${BIN} remove env`, root);
    try {
      let at = await terminal.waitFor(/Which environment should be removed\?/);
      terminal.type(DOWN + ENTER);
      at = await terminal.waitFor(/Plan to remove environment staging:/, at);
      at = await terminal.waitFor(/Write these \d+ changes\?/, at);
      terminal.type(ENTER);
      await terminal.waitFor(/Removed environment staging/, at);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(environments(root)).toEqual(['dev', 'production']);
  });

  it('add component asks its name, category, chart, repository and version, each checked as its flag is', async () => {
    const root = await repository();
    const terminal = new Terminal(`${process.execPath} ${BIN} add component`, root);
    try {
      let at = await terminal.waitFor(/Name of the component/);
      terminal.type('kyverno' + ENTER);
      at = await terminal.waitFor(/Which category does it belong to\?/, at);
      // network, then security.
      terminal.type(DOWN + ENTER);
      at = await terminal.waitFor(/Helm chart:/, at);
      // Its default is the component's name.
      terminal.type(ENTER);
      at = await terminal.waitFor(/Chart repository/, at);
      terminal.type('kyverno.github.io/kyverno' + ENTER);
      at = await terminal.waitFor(/not an https:\/\/ or oci:\/\/ URL/, at);
      terminal.type('\u007f'.repeat(30) + 'https://kyverno.github.io/kyverno/' + ENTER);
      at = await terminal.waitFor(/Chart version to pin/, at);
      terminal.type('^3.3' + ENTER);
      at = await terminal.waitFor(/not an exact version/, at);
      terminal.type('\u007f'.repeat(10) + '3.3.4' + ENTER);
      at = await terminal.waitFor(/Plan to add component kyverno:/, at);
      at = await terminal.waitFor(/Write these 2 changes\?/, at);
      terminal.type(ENTER);
      await terminal.waitFor(
        /Added component kyverno \(security\): chart kyverno 3\.3\.4 in namespace security: 2 files changed\./,
        at,
      );
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(readFileSync(path.join(root, 'infrastructure/security/kyverno.yaml'), 'utf8')).toContain('version: "3.3.4"');
  });

  it("add tenant asks the team (another organisation's is refused in place), then its details with their defaults", async () => {
    const root = await repository();
    const terminal = new Terminal(`${process.execPath} ${BIN} add tenant`, root);
    try {
      let at = await terminal.waitFor(/Application team \(@acme\/team-slug\):/);
      terminal.type('@other/web' + ENTER);
      at = await terminal.waitFor(/the team must belong to acme/, at);
      terminal.type('\u007f'.repeat(12) + '@acme/web' + ENTER);
      at = await terminal.waitFor(/Tenant name/, at);
      // The default is the team's slug.
      terminal.type(ENTER);
      at = await terminal.waitFor(/Namespaces, comma-separated/, at);
      terminal.type('\u007f'.repeat(5) + 'web,web-batch' + ENTER);
      at = await terminal.waitFor(/Its application repository/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Environments it is onboarded in/, at);
      terminal.type('\u007f'.repeat(30) + 'dev,production' + ENTER);
      at = await terminal.waitFor(/Plan to add tenant @acme\/web:/, at);
      at = await terminal.waitFor(/Write these \d+ changes\?/, at);
      terminal.type(ENTER);
      await terminal.waitFor(
        /Added tenant web \(@acme\/web\): \d+ files changed\.\r?\nnamespaces: web, web-batch; environments: dev, production/,
        at,
      );
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    const descriptor = parse(readFileSync(path.join(root, 'gitops.yaml'), 'utf8')) as {
      teams: { applications: unknown[] };
    };
    expect(descriptor.teams.applications).toEqual([
      {
        name: 'web',
        team: '@acme/web',
        namespaces: ['web', 'web-batch'],
        repository: 'https://github.com/acme/web.git',
        environments: ['dev', 'production'],
      },
    ]);
  });

  it('--yes asks nothing on a terminal', async () => {
    const root = await repository();
    mkdirSync(path.join(root, 'elsewhere'));
    const terminal = new Terminal(`${process.execPath} ${BIN} add env qa --yes -C elsewhere`, root);
    try {
      await terminal.waitFor(/Added environment qa: 4 files changed\./);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(terminal.screen).not.toMatch(/Write these/);
    expect(environments(root)).toEqual(['dev', 'staging', 'qa', 'production']);
  });
});
