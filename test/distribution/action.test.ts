import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, runBin, type CliRun } from '../helpers/cli.js';
import { scaffoldShop } from '../helpers/repositories.js';

/**
 * The GitHub Action as GitHub runs it: `node <main>` of action.yml, from a checkout of the
 * action that holds the committed bundle and no node_modules, with each input in the environment
 * as INPUT_<NAME> (its default when the workflow does not set it), in GITHUB_WORKSPACE.
 */
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; main: string; steps?: unknown };
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
const BUNDLE = path.join(REPO_ROOT, action.runs.main);

let base: string;
/** The action's checkout: package.json, action.yml and the bundle only. */
let checkout: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-action-'));
  checkout = path.join(base, 'action-checkout');
  for (const file of ['package.json', 'action.yml', action.runs.main]) {
    mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, file), path.join(checkout, file));
  }
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function runAction(workspace: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const variables: NodeJS.ProcessEnv = { GITHUB_WORKSPACE: workspace, ...env };
  for (const [name, input] of Object.entries(action.inputs))
    variables[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? input.default ?? '';
  return runBin([], { cwd: workspace, bin: path.join(checkout, action.runs.main), env: variables, timeoutMs: 60_000 });
}

/** A workspace holding the scaffolded repository "shop" under repo/, with findings planted when asked. */
async function workspace(name: string, planted: Record<string, string> = {}): Promise<string> {
  const directory = path.join(base, name);
  mkdirSync(directory);
  const root = await scaffoldShop(directory, 'none');
  for (const [file, text] of Object.entries(planted)) writeFileSync(path.join(root, file), text);
  return directory;
}

const SCHEMA_FINDING = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: extra}',
  'spec:',
  '  replicas: two',
  '  selector: {matchLabels: {app: extra}}',
  '  template:',
  '    metadata: {labels: {app: extra}}',
  '    spec: {containers: [{name: extra, image: "nginx:1.27"}]}',
  '',
].join('\n');
const CRD = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata: {name: widgets.example.com}',
  'spec:',
  '  group: example.com',
  '  names: {kind: Widget, plural: widgets}',
  '  scope: Namespaced',
  '  versions:',
  '    - name: v1',
  '      served: true',
  '      storage: true',
  '      schema:',
  '        openAPIV3Schema:',
  '          type: object',
  '          properties:',
  '            spec: {type: object, properties: {size: {type: integer}}}',
  '---',
  'apiVersion: example.com/v1',
  'kind: Widget',
  'metadata: {name: big}',
  'spec: {size: large}',
  '',
].join('\n');
const PLANTED = {
  'deploy/base/extra.yaml': SCHEMA_FINDING,
  'deploy/base/widget.yaml': CRD,
  'deploy/base/duplicate.yaml': 'a: 1\na: 2\n',
  'deploy/base/secret.yaml':
    'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {password: hunter2hunter2}\n',
};

describe('action.yml', () => {
  it('is a JavaScript action on Node.js 24 whose main is the committed bundle, with every input described', () => {
    expect(action.runs.using).toBe('node24');
    expect(action.runs.steps).toBeUndefined();
    expect(existsSync(BUNDLE)).toBe(true);
    expect(Object.keys(action.inputs)).toEqual(['path', 'format', 'output-file', 'args', 'version']);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
  });

  it('runs a bundle equal to a fresh build (npm run build:action, then commit it)', () => {
    const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'action/build.mjs'), '--stdout'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    // Not toBe: a failure would print megabytes.
    expect(
      build.stdout === readFileSync(BUNDLE, 'utf8'),
      'action/gitops-init.mjs is out of date: run npm run build:action',
    ).toBe(true);
  }, 60_000);
});

describe('the action, run as GitHub runs it', () => {
  it('passes on a freshly scaffolded repository', async () => {
    const run = await runAction(await workspace('clean'), { path: 'shop' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);

  it('fails the step on findings, with annotations on the pull request by default', async () => {
    const run = await runAction(await workspace('annotations', PLANTED), { path: 'shop' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error file=deploy\/base\/duplicate\.yaml,line=2,col=1.*yaml-syntax/m);
    expect(run.stdout).toMatch(/^::error file=deploy\/base\/extra\.yaml,line=5,.*manifest-schema/m);
  }, 60_000);

  it('finds what the command line finds: schemas of kubernetes-models, of @kubernetes-models/* and of CRDs, secrets', async () => {
    const directory = await workspace('same', PLANTED);
    const fromAction = await runAction(directory, { path: 'shop', format: 'json' });
    const fromCli = await runBin(['lint', '-C', 'shop', '--format', 'json'], { cwd: directory, timeoutMs: 60_000 });
    expect(fromAction.stderr).toBe(fromCli.stderr);
    expect(fromAction.code).toBe(1);
    expect(fromCli.code).toBe(1);
    const findings = (JSON.parse(fromAction.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap(
      (result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`),
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest-schema: Deployment "extra": spec\.replicas .*\(kubernetes-models\)$/),
        expect.stringMatching(/^manifest-schema: Widget "big": spec\.size /),
        expect.stringMatching(/^no-plaintext-secrets: Secret "creds"/),
        expect.stringMatching(/^yaml-syntax: /),
      ]),
    );
    expect(fromAction.stdout).toBe(fromCli.stdout);
  }, 60_000);

  it('writes a SARIF report to an output file relative to the workspace, with extra arguments', async () => {
    const directory = await workspace('sarif', { 'deploy/base/duplicate.yaml': 'a: 1\na: 2\n' });
    const run = await runAction(directory, {
      path: 'shop',
      format: 'sarif',
      'output-file': 'reports/gitops-lint.sarif',
      args: '--rule yaml-syntax=warn  --cache',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(directory, 'reports/gitops-lint.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.name).toBe('gitops-init');
    expect(sarif.runs[0]?.results).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', level: 'warning' })]);
  }, 60_000);

  it('passes an input with shell characters as data', async () => {
    const directory = await workspace('injection');
    const run = await runAction(directory, { path: 'shop', args: '$(touch injected) *' });
    // The words reach gitops-init as they are: "$(touch" is a path it cannot find.
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"$(touch"');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(directory, 'injected'))).toBe(false);
  }, 60_000);

  it('runs another version from npm with npx when the version input is set', async () => {
    const directory = await workspace('version');
    // A stand-in for npx on PATH that records its arguments: no network in tests.
    const bin = path.join(base, 'fake-npx');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${path.join(base, 'npx-args')}"\nexit 3\n`);
    chmodSync(path.join(bin, 'npx'), 0o755);
    const run = await runAction(
      directory,
      { path: 'shop', version: '0.0.9', format: 'sarif', 'output-file': 'out.sarif' },
      { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    );
    expect(run.code).toBe(3);
    expect(readFileSync(path.join(base, 'npx-args'), 'utf8').trim().split('\n')).toEqual([
      '--yes',
      'gitops-init@0.0.9',
      'lint',
      '-C',
      'shop',
      '--format',
      'sarif',
      '--output-file',
      path.join(directory, 'out.sarif'),
    ]);
  }, 60_000);
});
