import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { hasScript, Terminal } from '../helpers/terminal.js';

// Drives the real wizard (plop's prompts, through inquirer) in a pseudo-terminal.

const ENTER = '\r';
const DOWN = '\u001b[B';
if (!hasScript)
  process.stderr.write(
    'notice: util-linux script is not installed; the wizard test cannot make a pseudo-terminal and is skipped\n',
  );

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(hasScript)('the interactive wizard', () => {
  it('asks every answer on a terminal, rejects a bad one in place, and scaffolds', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'gitops-init-wizard-'));
    dirs.push(cwd);
    const terminal = new Terminal(`${process.execPath} ${BIN} new shop --no-git`, cwd);
    try {
      let at = await terminal.waitFor(/Which kind of repository\?/);
      terminal.type(DOWN + ENTER);
      at = await terminal.waitFor(/Which GitOps tool deploys it\?/, at);
      // flux is preselected (the default); one down selects helm.
      terminal.type(DOWN + ENTER);
      at = await terminal.waitFor(/Repository name/, at);
      terminal.type('Bad Name' + ENTER);
      at = await terminal.waitFor(/must be a DNS-1123 label/, at);
      terminal.type('\u007f'.repeat(20) + 'checkout' + ENTER);
      at = await terminal.waitFor(/GitHub organisation or GitLab group/, at);
      terminal.type('acme' + ENTER);
      at = await terminal.waitFor(/Platform team/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Application team/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Environments/, at);
      terminal.type('dev,production' + ENTER);
      at = await terminal.waitFor(/Where is it hosted\?/, at);
      terminal.type(DOWN + ENTER);
      at = await terminal.waitFor(/Which CI runs the lint job\?/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Which pre-commit hook manager\?/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Default branch/, at);
      terminal.type(ENTER);
      await terminal.waitFor(/Application repository in shop/, at);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    const descriptor = readFileSync(path.join(cwd, 'shop/gitops.yaml'), 'utf8');
    expect(descriptor).toContain('kind: "application"');
    expect(descriptor).toContain('tool: "helm"');
    expect(descriptor).toContain('name: "checkout"');
    expect(descriptor).toContain('application: "@acme/checkout"');
    expect(descriptor).toContain('host: "gitlab"');
    expect(descriptor).toContain('ci: "gitlab"');
    expect(descriptor).toMatch(/environments:\n {2}- "dev"\n {2}- "production"\n/);
    expect(readFileSync(path.join(cwd, 'shop/.gitlab/CODEOWNERS'), 'utf8')).toContain('@acme/checkout');
  });

  it('asks only what the flags did not answer', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'gitops-init-wizard-'));
    dirs.push(cwd);
    const flags =
      '--kind infrastructure --tool helm --org acme --platform-team @acme/platform --envs prod --host github --ci none --hooks none --default-branch main --app-team @acme/web';
    const terminal = new Terminal(`${process.execPath} ${BIN} new core --no-git ${flags}`, cwd);
    try {
      const at = await terminal.waitFor(/Repository name/);
      terminal.type(ENTER);
      await terminal.waitFor(/Infrastructure repository in core/, at);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    expect(terminal.screen).not.toContain('Which kind of repository');
    expect(terminal.screen).not.toContain('Which GitOps tool');
    expect(readFileSync(path.join(cwd, 'core/gitops.yaml'), 'utf8')).toContain('name: "core"');
  });
});
