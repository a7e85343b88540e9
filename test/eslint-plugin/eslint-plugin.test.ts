import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import type pluginType from '../../src/eslint-plugin/index.js';
import type { LintResult } from '../../src/engine/results.js';
import { cli, REPO_ROOT } from '../helpers/cli.js';
import { scaffoldShop, temporaryRepositories } from '../helpers/repositories.js';

// The plugin runs gitops-init's lint in a worker thread started from the compiled module: the
// built package (`npm test` builds first), as ESLint loads it from node_modules.
const PLUGIN = path.join(REPO_ROOT, 'dist/src/eslint-plugin/index.js');

async function loadPlugin(): Promise<typeof pluginType> {
  const loaded = (await import(pathToFileURL(PLUGIN).href)) as { default: typeof pluginType };
  return loaded.default;
}

const temporary = temporaryRepositories();

const SECRET_FILE = 'deploy/base/secret.yaml';
const SECRET = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: db',
  'stringData:',
  '  password: hunter2-Very-Secret-Passw0rd',
  '',
].join('\n');
const CONFIG_MAP = SECRET.replace('kind: Secret', 'kind: ConfigMap')
  .replace('stringData:', 'data:')
  .replace(/password: .*/, 'greeting: hello');

async function shopWithSecret(): Promise<string> {
  const root = await scaffoldShop(temporary.repository({}), 'none');
  writeFileSync(path.join(root, SECRET_FILE), SECRET);
  return root;
}

async function eslintIn(root: string, extra: Linter.Config[] = []): Promise<ESLint> {
  const plugin = await loadPlugin();
  return new ESLint({ overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, ...extra], cwd: root });
}

/** What an editor shows of a finding (fixes are compared by the CLI's own tests). */
const SHOWN = ['ruleId', 'messageId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'] as const;

function pick(message: object): Record<string, unknown> {
  const record = message as Record<string, unknown>;
  return Object.fromEntries(SHOWN.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
}

/** The CLI's findings for one file, with the plugin's rule ids. */
async function cliMessages(root: string, file: string): Promise<Record<string, unknown>[]> {
  const run = await cli(['lint', '-f', 'json'], { cwd: root });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as LintResult[];
  const result = results.find((each) => each.filePath === path.join(root, file));
  return (result?.messages ?? []).map((message) =>
    pick({ ...message, ruleId: message.ruleId === null ? null : `gitops-init/${message.ruleId}` }),
  );
}

function shown(results: ESLint.LintResult[]): Record<string, unknown>[] {
  return results.flatMap((result) => result.messages.map(pick));
}

describe('gitops-init/eslint-plugin', () => {
  it('reports a planted plaintext Secret as `gitops-init lint -f json` does: rule id, message, position, severity', async () => {
    const root = await shopWithSecret();
    const expected = await cliMessages(root, SECRET_FILE);
    expect(expected).toEqual([
      expect.objectContaining({ ruleId: 'gitops-init/no-plaintext-secrets', severity: 2, line: 5, column: 1 }),
    ]);
    const results = await (await eslintIn(root)).lintFiles([SECRET_FILE]);
    expect(shown(results)).toEqual(expected);
    expect(results[0]?.errorCount).toBe(1);
  });

  it("reports with the severity the repository's gitops.yaml gives the rule", async () => {
    const root = await shopWithSecret();
    appendFileSync(path.join(root, 'gitops.yaml'), 'rules:\n  no-plaintext-secrets: warn\n');
    const expected = await cliMessages(root, SECRET_FILE);
    expect(expected).toEqual([expect.objectContaining({ ruleId: 'gitops-init/no-plaintext-secrets', severity: 1 })]);
    const results = await (await eslintIn(root)).lintFiles([SECRET_FILE]);
    expect(shown(results)).toEqual(expected);
    expect([results[0]?.errorCount, results[0]?.warningCount]).toEqual([0, 1]);
  });

  it('honours a gitops-lint-disable-next-line comment in the YAML, as the CLI does', async () => {
    const root = await shopWithSecret();
    const disabled = SECRET.replace('stringData:', '# gitops-lint-disable-next-line no-plaintext-secrets\nstringData:');
    writeFileSync(path.join(root, SECRET_FILE), disabled);
    expect(await cliMessages(root, SECRET_FILE)).toEqual([]);
    const results = await (await eslintIn(root)).lintFiles([SECRET_FILE]);
    expect(shown(results)).toEqual([]);
  });

  it('lints the text being edited, not the file on disk', async () => {
    const root = await shopWithSecret();
    const eslint = await eslintIn(root);
    const filePath = path.join(root, SECRET_FILE);
    // The Secret on disk, edited into a ConfigMap and not saved: nothing to report.
    expect(shown(await eslint.lintText(CONFIG_MAP, { filePath }))).toEqual([]);
    // A Secret typed into a file that is a ConfigMap on disk, two lines lower: reported where it is typed.
    writeFileSync(filePath, CONFIG_MAP);
    const typed = `# the database\n\n${SECRET}`;
    expect(shown(await eslint.lintText(typed, { filePath }))).toEqual([
      expect.objectContaining({ ruleId: 'gitops-init/no-plaintext-secrets', severity: 2, line: 7, column: 1 }),
    ]);
    // An unused directive is reported as the CLI reports it, with no rule id.
    const unused = `# gitops-lint-disable-next-line no-plaintext-secrets\n${CONFIG_MAP}`;
    expect(shown(await eslint.lintText(unused, { filePath }))).toEqual([
      expect.objectContaining({
        ruleId: null,
        line: 1,
        message:
          'Unused gitops-lint-disable-next-line directive (no problems were reported from "no-plaintext-secrets")',
      }),
    ]);
  });

  it('reports repository-wide findings from the cached repository run (`lint --cache`), and none without it', async () => {
    const root = await shopWithSecret();
    const kustomization = 'deploy/base/kustomization.yaml';
    const filePath = path.join(root, kustomization);
    writeFileSync(filePath, `${readFileSync(filePath, 'utf8')}  - missing.yaml\n`);
    const expected = (await cliMessages(root, kustomization)).filter(
      (message) => message.ruleId === 'gitops-init/kustomization-resources-exist',
    );
    expect(expected).toHaveLength(1);
    const eslint = await eslintIn(root);
    const text = readFileSync(filePath, 'utf8');
    const ruleIds = (results: ESLint.LintResult[]): unknown[] => shown(results).map((message) => message.ruleId);
    expect(ruleIds(await eslint.lintText(text, { filePath }))).not.toContain(
      'gitops-init/kustomization-resources-exist',
    );

    const cached = await cli(['lint', '--cache'], { cwd: root });
    expect(cached.stderr).toBe('');
    expect(existsSync(path.join(root, '.gitops-init-cache'))).toBe(true);
    expect(
      shown(await eslint.lintText(text, { filePath })).filter(
        (message) => message.ruleId === 'gitops-init/kustomization-resources-exist',
      ),
    ).toEqual(expected);
  });

  it('shows the problems of a gitops.yaml being edited where they are', async () => {
    const root = await shopWithSecret();
    const filePath = path.join(root, 'gitops.yaml');
    const text = readFileSync(filePath, 'utf8').replace('kind: "application"', 'kind: "applicaton"');
    expect(shown(await (await eslintIn(root)).lintText(text, { filePath }))).toEqual([
      {
        ruleId: null,
        severity: 2,
        message: '"kind" must be one of "infrastructure", "application"',
        line: text.split('\n').indexOf('kind: "applicaton"') + 1,
        column: 7,
      },
    ]);
  });

  it('turns a rule off when the ESLint configuration says so', async () => {
    const root = await shopWithSecret();
    const eslint = await eslintIn(root, [{ rules: { 'gitops-init/no-plaintext-secrets': 'off' } }]);
    expect(shown(await eslint.lintFiles([SECRET_FILE]))).toEqual([]);
  });

  it('has one rule per gitops-init rule, with its docs link', async () => {
    const plugin = await loadPlugin();
    const run = await cli(['rules', '--json'], { cwd: REPO_ROOT });
    const listed = JSON.parse(run.stdout) as { id: string; docs: string }[];
    expect(Object.keys(plugin.rules)).toEqual(listed.map((rule) => rule.id));
    for (const rule of listed) expect(plugin.rules[rule.id]?.meta?.docs?.url).toBe(rule.docs);
  });
});
