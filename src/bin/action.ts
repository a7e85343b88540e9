/**
 * The entry of the committed bundle action/gitops-init.mjs (built by action/build.mjs).
 *
 * Run with no arguments, it is the GitHub Action: GitHub starts a JavaScript action's `main` with
 * `node` and no arguments, and passes each input as an environment variable `INPUT_<NAME>` (the
 * name upper-cased, spaces turned into underscores, hyphens kept:
 * https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#inputs).
 * Run with arguments, it is the gitops-init command line (the pre-commit hook's `gitops-init-bundled`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../cli/index.js';
import { processIo } from '../cli/io.js';

/** An input as GitHub passes it; the default of action.yml when the variable is missing (a run outside GitHub). */
function input(name: string, fallback = ''): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? fallback).trim();
}

/** The `gitops-init lint` arguments the inputs stand for, as the composite action built them. */
function actionArguments(workspace: string): string[] {
  const args = ['lint', '-C', input('path', '.') || '.', '--format', input('format', 'github') || 'github'];
  const outputFile = input('output-file');
  if (outputFile !== '') args.push('--output-file', path.resolve(workspace, outputFile));
  // Extra arguments are split on white space, as on a command line, with no shell in between.
  const extra = input('args');
  return extra === '' ? args : args.concat(extra.split(/\s+/));
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.length > 0) return runCli([...argv], processIo());
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const args = actionArguments(workspace);
  const version = input('version');
  if (version !== '') {
    // Another version from npm: npx, as the composite action did, with no shell in between.
    const run = spawnSync('npx', ['--yes', `gitops-init@${version}`, ...args], { cwd: workspace, stdio: 'inherit' });
    if (run.error) {
      process.stderr.write(`gitops-init: cannot run npx gitops-init@${version}: ${run.error.message}\n`);
      return 2;
    }
    return run.status ?? 2;
  }
  return runCli(args, { ...processIo(), cwd: workspace });
}

process.exitCode = await main(process.argv.slice(2));
