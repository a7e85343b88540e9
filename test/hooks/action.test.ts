import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/cli.js';
import { temporaryRepositories } from '../helpers/repositories.js';

interface ActionInput {
  description: string;
  default?: string;
}
interface ActionStep {
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  name: string;
  inputs: Record<string, ActionInput>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

const workspaceOf = temporaryRepositories().repository;

/**
 * Runs the action's steps as the runner would: each `env` value with its `${{ inputs.* }}` and
 * `${{ github.action_path }}` expressions filled in, the script with bash in the workspace.
 */
function runAction(
  workspace: string,
  inputs: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  let last = { status: 0 as number | null, stdout: '', stderr: '' };
  for (const step of action.runs.steps) {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    for (const [name, value] of Object.entries(step.env ?? {})) {
      env[name] = value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_whole, expression: string) => {
        if (expression === 'github.action_path') return REPO_ROOT;
        const input = /^inputs\.(.+)$/.exec(expression)?.[1];
        if (input === undefined || !(input in action.inputs)) throw new Error(`unexpected expression ${expression}`);
        return inputs[input] ?? action.inputs[input]?.default ?? '';
      });
    }
    const run = spawnSync('bash', ['-e', '-c', step.run ?? ''], { cwd: workspace, env, encoding: 'utf8' });
    last = { status: run.status, stdout: run.stdout, stderr: run.stderr };
    if (run.status !== 0) break;
  }
  return last;
}

describe('action.yml', () => {
  it('is a composite action with path and format inputs whose steps take inputs only through the environment', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'format']));
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
    for (const step of action.runs.steps) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('lints the given path with GitHub annotations, and fails the step on findings', () => {
    const workspace = workspaceOf({ 'repo/bad.yaml': 'a: 1\na: 2\n', 'repo/good.yaml': 'a: 1\n' });
    const run = runAction(workspace, { path: 'repo' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=bad\.yaml,line=2,col=1.*yaml-syntax/m);
  });

  it('writes the report to an output file relative to the workspace, with extra arguments', () => {
    const workspace = workspaceOf({ 'repo/bad.yaml': 'a: 1\na: 2\n' });
    const run = runAction(workspace, {
      path: 'repo',
      format: 'sarif',
      'output-file': 'reports/gitops-lint.sarif',
      args: '--rule yaml-syntax=warn',
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'reports/gitops-lint.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.runs[0]?.results).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', level: 'warning' })]);
  });

  it('passes an input with shell characters as data', () => {
    const workspace = workspaceOf({ 'repo/a.yaml': 'a: 1\n' });
    const run = runAction(workspace, { path: 'repo', args: '$(touch injected) *' });
    // The words reach gitops-init as they are: "$(touch" is a path it cannot find.
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"$(touch"');
    expect(spawnSync('ls', [workspace], { encoding: 'utf8' }).stdout).not.toContain('injected');
  });
});
