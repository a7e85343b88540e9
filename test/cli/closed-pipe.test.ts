import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from '../helpers/cli.js';

/** Runs the built CLI with its standard output closed by the reader at once, as `| head -0` does. */
function runIntoClosedPipe(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that goes away', () => {
  it('ends the run with its own exit code and no stack trace (`gitops-init rules | head`)', async () => {
    const run = await runIntoClosedPipe(['rules']);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\n\s+at /);
    expect(run.code).toBe(0);
  });

  it('keeps the exit code of a run with findings', async () => {
    const run = await runIntoClosedPipe(['lint', '--kind', 'application', 'test/fixtures/app-argocd']);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\n\s+at /);
    expect(run.code).toBe(1);
  });
});
