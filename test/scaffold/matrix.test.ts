import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, parseAllDocuments } from 'yaml';
import { readBlockYaml } from '../../src/manifests/block-yaml.js';
import { lint } from '../../src/api/lint.js';
import { scaffold } from '../../src/api/scaffold.js';
import { validateWithPublishedSchema } from '../helpers/published-schemas.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl)
  process.stderr.write(
    'notice: kubectl is not installed; the kustomize build checks of the scaffold matrix are skipped\n',
  );

const kinds = ['infrastructure', 'application'] as const;
const tools = ['argocd', 'flux', 'helm'] as const;
const hosts = ['github', 'gitlab'] as const;

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.split(path.sep).includes('.git'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function yamlDocuments(text: string): { toJS(): unknown }[] {
  const parsed = parseAllDocuments(text);
  return Array.isArray(parsed) ? parsed : [];
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>>;
}
const openapi = JSON.parse(
  readFileSync(
    path.join(import.meta.dirname, '../../node_modules/@octokit/openapi/generated/api.github.com.deref.json'),
    'utf8',
  ),
) as OpenApi;
function requestSchema(route: string, method: string): object {
  const schema = openapi.paths[route]?.[method]?.requestBody?.content['application/json']?.schema;
  if (!schema) throw new Error(`no request schema for ${method.toUpperCase()} ${route}`);
  return schema;
}
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateRuleset = ajv.compile(requestSchema('/repos/{owner}/{repo}/rulesets', 'post'));
const validateProtection = ajv.compile(requestSchema('/repos/{owner}/{repo}/branches/{branch}/protection', 'put'));

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'gitops-init-matrix-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe.each(kinds)('%s repository', (kind) => {
  describe.each(tools)('for %s', (tool) => {
    describe.each(hosts)('on %s', (host) => {
      let root: string;
      let files: string[];
      beforeAll(async () => {
        root = path.join(base, `${kind}-${tool}-${host}`);
        await scaffold({
          cwd: base,
          directory: root,
          answers: {
            kind,
            tool,
            name: kind === 'application' ? 'checkout' : 'platform',
            org: 'acme',
            platformTeam: '@acme/platform',
            appTeams: kind === 'application' ? '@acme/checkout' : '@acme/checkout,@acme/payments',
            envs: 'dev,staging,production',
            host,
          },
          today: '2026-01-15',
        });
        files = listFiles(root);
      });

      it('writes the expected tree', () => {
        expect(files).toMatchSnapshot();
      });

      it('writes YAML that parses', () => {
        const yamlFiles = files.filter((file) => /\.ya?ml$/.test(file) && !/(^|\/)templates\//.test(file));
        expect(yamlFiles.length).toBeGreaterThan(5);
        for (const file of yamlFiles) {
          const documents = parseAllDocuments(readFileSync(path.join(root, file), 'utf8'));
          const list = Array.isArray(documents) ? documents : [documents];
          for (const document of list) expect(document.errors.map((error) => `${file}: ${error.message}`)).toEqual([]);
        }
      });

      it('writes YAML that the linter reads without a full parse (the block-style subset), with the same values', () => {
        for (const file of files.filter((name) => /\.ya?ml$/.test(name) && !/(^|\/)templates\//.test(name))) {
          const text = readFileSync(path.join(root, file), 'utf8');
          const documents = yamlDocuments(text).map((document) => ({
            value: document.toJS(),
            isMapping: isMap((document as { contents?: unknown }).contents),
          }));
          expect({ file, documents: readBlockYaml(text) }).toEqual({ file, documents });
        }
      });

      it('validates every Kubernetes, Argo CD, Flux and External Secrets object against published schemas', async () => {
        let validated = 0;
        for (const file of files) {
          if (!/\.ya?ml$/.test(file) || /(^|\/)templates\//.test(file) || /-patch\.yaml$/.test(file)) continue;
          for (const document of yamlDocuments(readFileSync(path.join(root, file), 'utf8'))) {
            const object = document.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
            if (!object || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
            if (object.apiVersion.startsWith('kustomize.config.k8s.io/') || file.endsWith('Chart.yaml')) continue;
            try {
              expect(
                await validateWithPublishedSchema(object),
                `${file}: no published schema for ${object.apiVersion} ${object.kind}`,
              ).toBe(true);
            } catch (error) {
              throw new Error(`${file} (${object.kind}): ${(error as Error).message.slice(0, 500)}`, { cause: error });
            }
            validated += 1;
          }
        }
        expect(validated).toBeGreaterThan(kind === 'infrastructure' && tool !== 'helm' ? 10 : tool === 'helm' ? -1 : 3);
      });

      it.runIf(hasKubectl)('builds every kustomization with kubectl kustomize, and the output validates', async () => {
        const directories = files
          .filter((file) => file.endsWith('kustomization.yaml'))
          .map((file) => path.posix.dirname(file));
        if (tool === 'helm') expect(directories).toEqual([]);
        for (const directory of directories) {
          let output: string;
          try {
            output = execFileSync('kubectl', ['kustomize', path.join(root, directory)], {
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'pipe'],
            });
          } catch (error) {
            throw new Error(`kubectl kustomize ${directory}: ${String((error as { stderr?: unknown }).stderr)}`, {
              cause: error,
            });
          }
          for (const document of yamlDocuments(output)) {
            const object = document.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
            if (object) expect(await validateWithPublishedSchema(object)).toBe(true);
          }
        }
      });

      it('lints clean: zero findings', async () => {
        const report = await lint({ cwd: root });
        expect(report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? ''} ${d.message}`)).toEqual([]);
        expect(report.notices).toEqual([]);
      });

      it('writes branch protection as code for its host', () => {
        if (host === 'gitlab') {
          const read = (file: string): unknown => JSON.parse(readFileSync(path.join(root, '.gitlab', file), 'utf8'));
          expect(read('protected-branches.json')).toEqual([
            expect.objectContaining({
              name: 'main',
              push_access_level: 0,
              allow_force_push: false,
              code_owner_approval_required: true,
            }),
          ]);
          expect(read('approval-rules.json')).toEqual([
            expect.objectContaining({ approvals_required: kind === 'infrastructure' ? 2 : 1 }),
          ]);
          expect(read('merge-request-settings.json')).toMatchObject({
            only_allow_merge_if_pipeline_succeeds: true,
            reset_approvals_on_push: true,
            merge_method: kind === 'infrastructure' ? 'ff' : 'merge',
          });
          expect(files.some((file) => file.startsWith('.github/'))).toBe(false);
          return;
        }
        const ruleset = JSON.parse(
          readFileSync(path.join(root, '.github/rulesets/main-protection.json'), 'utf8'),
        ) as unknown;
        expect(validateRuleset(ruleset), JSON.stringify(validateRuleset.errors)).toBe(true);
        const settings = parseAllDocuments(
          readFileSync(path.join(root, '.github/settings.yml'), 'utf8'),
        ) as unknown as { toJS(): { branches: { protection: unknown }[] } }[];
        const protection = settings[0]?.toJS().branches[0]?.protection;
        expect(validateProtection(protection), JSON.stringify(validateProtection.errors)).toBe(true);
        const rules = (ruleset as { rules: { type: string; parameters?: Record<string, unknown> }[] }).rules;
        const pullRequest = rules.find((rule) => rule.type === 'pull_request')?.parameters;
        expect(pullRequest?.required_approving_review_count).toBe(kind === 'infrastructure' ? 2 : 1);
        expect(pullRequest?.require_code_owner_review).toBe(true);
        expect(rules.map((rule) => rule.type)).toEqual(
          expect.arrayContaining(['deletion', 'non_fast_forward', 'required_status_checks']),
        );
        if (kind === 'infrastructure') {
          expect(pullRequest?.dismiss_stale_reviews_on_push).toBe(true);
          expect(pullRequest?.require_last_push_approval).toBe(true);
          expect(rules.map((rule) => rule.type)).toContain('required_linear_history');
        }
      });
    });
  });
});
