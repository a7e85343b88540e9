import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../src/api/scaffold.js';
import { BIN } from '../helpers/cli.js';

const flags = [
  '--kind',
  'infrastructure',
  '--tool',
  'argocd',
  '--name',
  'platform',
  '--org',
  'acme',
  '--platform-team',
  '@acme/platform',
  '--app-team',
  '@acme/checkout,@acme/payments',
  '--envs',
  'dev,staging,production',
  '--host',
  'github',
  '--no-git',
];

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** write-file-atomic's temporary files: the target's name, a dot and a 32-bit number. */
const TEMPORARY = /\.\d{1,10}$/;
/** The repository lock of a directory without .git: a SIGKILL leaves it; the next run removes it (test/scaffold/reliability.test.ts). */
const LOCK = '.gitops-init.lock';

describe('an interrupted scaffold', () => {
  let base: string;
  let reference: Map<string, string>;
  beforeAll(async () => {
    base = mkdtempSync(path.join(tmpdir(), 'gitops-init-interrupt-'));
    const referenceRoot = path.join(base, 'reference');
    await scaffold({
      cwd: base,
      directory: referenceRoot,
      git: false,
      answers: {
        kind: 'infrastructure',
        tool: 'argocd',
        name: 'platform',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '@acme/checkout,@acme/payments',
        envs: 'dev,staging,production',
        host: 'github',
      },
    });
    reference = new Map(
      files(referenceRoot).map((file) => [file, readFileSync(path.join(referenceRoot, file), 'utf8')]),
    );
  });
  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('leaves every file either complete or absent, when killed while writing', async () => {
    let interruptedMidway = 0;
    for (let attempt = 0; attempt < 8 && interruptedMidway < 3; attempt += 1) {
      const root = path.join(base, `killed-${attempt}`);
      mkdirSync(root);
      const child = spawn(process.execPath, [BIN, 'new', root, ...flags], { stdio: 'ignore' });
      // Kill as soon as the first file appears, which is while the rest are being written.
      await new Promise<void>((resolve) => {
        const watcher = watch(root, { recursive: true }, (_event, name) => {
          if (name === LOCK) return;
          watcher.close();
          child.kill('SIGKILL');
          resolve();
        });
        child.on('close', () => {
          watcher.close();
          resolve();
        });
      });
      await new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
        else child.on('close', resolve);
      });
      const complete = files(root).filter((file) => !TEMPORARY.test(file) && file !== LOCK);
      for (const file of complete) {
        expect(readFileSync(path.join(root, file), 'utf8'), `${file} after a kill`).toBe(reference.get(file));
      }
      if (complete.length < reference.size) interruptedMidway += 1;
    }
    expect(interruptedMidway).toBeGreaterThan(0);
  });
});
