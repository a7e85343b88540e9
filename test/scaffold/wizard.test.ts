import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

/**
 * Drives the real wizard (plop's prompts, through inquirer) in a pseudo-terminal made by
 * util-linux's `script`, typing as a person would and reading the screen it draws.
 */
class Terminal {
  readonly #child: ChildProcessWithoutNullStreams;
  screen = '';
  readonly exited: Promise<number>;

  constructor(command: string, cwd: string) {
    this.#child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', COLUMNS: '120', LINES: '40' },
    });
    this.#child.stdout.on('data', (chunk: Buffer) => (this.screen += chunk.toString()));
    this.#child.stderr.on('data', (chunk: Buffer) => (this.screen += chunk.toString()));
    this.exited = new Promise((resolve) => this.#child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Waits until the screen (since `from`) matches, then returns the new position. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 15_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const match = pattern.exec(this.screen.slice(from));
      if (match) return from + match.index + match[0].length;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${this.screen.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  type(keys: string): void {
    this.#child.stdin.write(keys);
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }
}

const ENTER = '\r';
const DOWN = '\u001b[B';
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) process.stderr.write('notice: util-linux script is not installed; the wizard test cannot make a pseudo-terminal and is skipped\n');

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
    const flags = '--kind infrastructure --tool helm --org acme --platform-team @acme/platform --envs prod --host github --ci none --hooks none --default-branch main --app-team @acme/web';
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
