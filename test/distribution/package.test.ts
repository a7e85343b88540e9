import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const attw = path.join(root, 'node_modules', '.bin', 'attw');

/** What a command printed and its exit status, whether it failed or not. */
async function capture(
  file: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

describe('the packed package (npm pack)', () => {
  let directory: string;
  let tarball: string;

  beforeAll(async () => {
    // The tests run the build (npm test builds first); packing without scripts keeps it as built.
    if (!existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first');
    }
    directory = await mkdtemp(path.join(tmpdir(), 'gitops-init-pack-'));
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', directory], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    tarball = path.join(directory, packed!.filename);
    await run('tar', ['-xzf', tarball, '-C', directory]);
    // The unpacked package resolves its dependencies from this checkout, as if installed.
    await symlink(path.join(root, 'node_modules'), path.join(directory, 'package', 'node_modules'), 'dir');
  }, 120_000);

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('passes publint with no error, warning or suggestion', async () => {
    const data = await readFile(tarball);
    const tarballData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball: tarballData }, strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`)).toEqual([]);
  });

  it('passes Are the Types Wrong? for an ES module package', async () => {
    // The esm-only profile leaves out two resolutions, both justified: `node10` (TypeScript's
    // moduleResolution "node", deprecated in TypeScript 6, ignores `exports`) and CommonJS from
    // node16, which warns that require() gets an ES module: on the Node.js versions that
    // engines.node allows, require() of an ES module works (the next test does it).
    const result = await capture(attw, [tarball, '--profile', 'esm-only', '--no-color'], directory);
    const output = result.stdout + result.stderr;
    const problems = output.split('\n').filter((line) => /💀|⚠️|❌|🥴|❗/u.test(line) && !line.includes('ignored'));
    expect(problems).toEqual([]);
    expect(result.code, output).toBe(0);
  });

  it('is imported and required by its exports, and its bin runs', async () => {
    const cwd = path.join(directory, 'package');
    const script = [
      "const required = require('gitops-init');",
      "const testing = require('gitops-init/testing');",
      "const schema = require('gitops-init/schemas/gitops.schema.json');",
      "import('gitops-init').then((imported) => console.log(JSON.stringify({",
      '  required: typeof required.lint, imported: typeof imported.lint,',
      '  tester: typeof testing.RuleTester, schema: typeof schema.$schema })));',
    ].join('\n');
    const loaded = await capture(process.execPath, ['-e', script], cwd);
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual({
      required: 'function',
      imported: 'function',
      tester: 'function',
      schema: 'string',
    });

    const packageJson = JSON.parse(await readFile(path.join(cwd, 'package.json'), 'utf8')) as { version: string };
    const version = await capture(
      process.execPath,
      [path.join(cwd, 'dist', 'src', 'bin', 'gitops-init.js'), '--version'],
      cwd,
    );
    expect(version).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });
});
