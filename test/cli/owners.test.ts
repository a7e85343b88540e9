import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileTree, type FileTree } from '../../src/testing/index.js';
import { cli, runBin } from '../helpers/cli.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tree(files: FileTree): string {
  const root = writeFileTree(files);
  roots.push(root);
  return root;
}

/** A git repository with the files staged (tracked), and optionally more files left untracked. */
function gitRepository(tracked: FileTree, untracked: FileTree = {}): string {
  const root = tree(tracked);
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  for (const [file, content] of Object.entries(untracked)) writeFileSync(path.join(root, file), content);
  return root;
}

const infra = 'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  platform: "@acme/platform"\n';
const codeowners = [
  '# owners',
  '* @acme/platform',
  '/tenants/checkout/ @acme/checkout @acme/platform',
  '*.md @acme/docs',
  '/scratch/',
  '/infrastructure/security/ @acme/platform',
  '',
].join('\n');
const files: FileTree = {
  'gitops.yaml': infra,
  '.github/CODEOWNERS': codeowners,
  'README.md': '# r\n',
  'tenants/checkout/app.yaml': 'a: 1\n',
  'scratch/notes.txt': 'x\n',
  'infrastructure/security/policy.yaml': 'a: 1\n',
};

describe('gitops-init owners', () => {
  it('prints the owners of each path and the line that decided; the paths need not exist', async () => {
    const root = gitRepository(files);
    const run = await cli(['owners', 'infrastructure/security/policy.yaml', 'docs/new.md', 'scratch/x'], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: [
        'infrastructure/security/policy.yaml  @acme/platform  .github/CODEOWNERS:6 /infrastructure/security/ @acme/platform',
        'docs/new.md  @acme/docs  .github/CODEOWNERS:4 *.md @acme/docs',
        'scratch/x  (no owner)  .github/CODEOWNERS:5 /scratch/',
        '',
      ].join('\n'),
      stderr:
        "gitops-init: .github/CODEOWNERS has 1 syntax problem(s), read as GitHub reads them; run 'gitops-init lint' to see them\n",
    });
  });

  it('--json: path, owners, line, pattern and section, with nulls where no line matches', async () => {
    const root = gitRepository({ ...files, '.github/CODEOWNERS': '/tenants/ @acme/checkout\n' });
    const run = await cli(['owners', '--json', 'tenants/a.yaml', 'README.md'], { cwd: root });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { path: 'tenants/a.yaml', owners: ['@acme/checkout'], line: 1, pattern: '/tenants/', section: null },
      { path: 'README.md', owners: [], line: null, pattern: null, section: null },
    ]);
  });

  it('paths are relative to the working directory', async () => {
    const root = gitRepository(files);
    const run = await cli(['owners', '--json', 'app.yaml'], { cwd: path.join(root, 'tenants/checkout') });
    expect(JSON.parse(run.stdout)).toMatchObject([
      { path: 'tenants/checkout/app.yaml', owners: ['@acme/checkout', '@acme/platform'], line: 3 },
    ]);
  });

  it('--unowned lists the tracked files without an owner and exits 1; untracked files do not count', async () => {
    const root = gitRepository(files, { 'scratch/untracked.txt': 'x\n' });
    const run = await cli(['owners', '--unowned'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('scratch/notes.txt\n');
    expect(run.stderr).toContain('gitops-init: 1 of 6 files have no code owner\n');
  });

  it('--unowned exits 0 when every tracked file has an owner', async () => {
    const root = gitRepository({ ...files, '.github/CODEOWNERS': '* @acme/platform\n' });
    expect(await cli(['owners', '--unowned', '--json'], { cwd: root })).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: '',
    });
  });

  it('--owner lists the files an owner owns, without regard to case', async () => {
    const root = gitRepository(files);
    const run = await cli(['owners', '--owner', '@ACME/checkout', '--json'], { cwd: root });
    expect((JSON.parse(run.stdout) as { path: string }[]).map((entry) => entry.path)).toEqual([
      'tenants/checkout/app.yaml',
    ]);
  });

  it('outside git: the files of the working tree that are not ignored', async () => {
    const root = tree({ ...files, '.gitignore': 'scratch/\n' });
    const run = await cli(['owners', '--unowned'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('0 of 6 files have no code owner');
  });

  it('GitLab: every section that decides, in JSON', async () => {
    const root = gitRepository({
      'gitops.yaml': `${infra}host: gitlab\n`,
      '.gitlab/CODEOWNERS': '* @acme/platform\n!*.lock\n\n[Docs] @acme/docs\n*.md\n',
      'README.md': '# r\n',
    });
    const run = await cli(['owners', '--json', 'README.md', 'yarn.lock'], { cwd: root });
    expect(JSON.parse(run.stdout)).toEqual([
      {
        path: 'README.md',
        owners: ['@acme/platform', '@acme/docs'],
        line: 1,
        pattern: '*',
        section: null,
        matches: [
          { line: 1, pattern: '*', section: null, owners: ['@acme/platform'] },
          { line: 5, pattern: '*.md', section: 'Docs', owners: ['@acme/docs'] },
        ],
      },
      {
        path: 'yarn.lock',
        owners: [],
        line: 2,
        pattern: '!*.lock',
        section: null,
        matches: [{ line: 2, pattern: '!*.lock', section: null, owners: [] }],
      },
    ]);
    const text = await cli(['owners', 'README.md'], { cwd: root });
    expect(text.stdout).toBe(
      'README.md  @acme/platform @acme/docs  .gitlab/CODEOWNERS:1 * @acme/platform; .gitlab/CODEOWNERS:5 [Docs] *.md\n',
    );
  });

  it('without CODEOWNERS: one line that says where to create it, exit 2', async () => {
    const root = gitRepository({ 'gitops.yaml': infra });
    expect(await cli(['owners'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "gitops-init: no CODEOWNERS file where GitHub reads one (.github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS); create one, or declare an ownership map in gitops.yaml and run 'gitops-init codeowners sync'\n",
    });
  });

  it('bad flags and paths: exit 2 with one line', async () => {
    const root = gitRepository(files);
    const badOwner = await cli(['owners', '--owner', 'acme'], { cwd: root });
    expect(badOwner.code).toBe(2);
    expect(badOwner.stderr).toMatch(/^gitops-init: --owner "acme": .*\n$/);
    const outside = await cli(['owners', '../elsewhere'], { cwd: root });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^gitops-init: path "\.\.\/elsewhere" is not a path inside the repository[^\n]*\n$/);
    expect((await cli(['owners', '--unowned', '--owner', '@a'], { cwd: root })).code).toBe(2);
  });

  it('runs from the built binary with the same exit codes', async () => {
    const root = gitRepository(files);
    const run = await runBin(['owners', '--unowned'], { cwd: root });
    expect(run).toMatchObject({ code: 1, stdout: 'scratch/notes.txt\n' });
  });
});

const withMap = `${infra}ownership:\n  '*': platform\n  '/docs/': '@acme/docs'\n`;
const note =
  '# Generated from the ownership map in gitops.yaml: edit it there, then run `gitops-init codeowners sync`.';
const block = [
  '# BEGIN gitops-init ownership',
  note,
  '*      @acme/platform',
  '/docs/ @acme/docs',
  '# END gitops-init ownership',
  '',
].join('\n');

describe('gitops-init codeowners sync', () => {
  it('creates CODEOWNERS where the host reads it, then changes nothing', async () => {
    const root = tree({ 'gitops.yaml': withMap });
    expect(await cli(['codeowners', 'sync'], { cwd: root })).toEqual({
      code: 0,
      stdout: 'created .github/CODEOWNERS from the ownership map in gitops.yaml\n',
      stderr: '',
    });
    const file = path.join(root, '.github/CODEOWNERS');
    expect(readFileSync(file, 'utf8')).toBe(block);
    const modified = statSync(file).mtimeMs;
    expect(await cli(['codeowners', 'sync'], { cwd: root })).toMatchObject({
      code: 0,
      stdout: '.github/CODEOWNERS is up to date with the ownership map in gitops.yaml\n',
    });
    expect(readFileSync(file, 'utf8')).toBe(block);
    expect(statSync(file).mtimeMs).toBe(modified);
  });

  it('keeps hand-written lines and replaces only the block, in place', async () => {
    const root = tree({
      'gitops.yaml': withMap,
      CODEOWNERS: `/first/ @acme/first\n# BEGIN gitops-init ownership\n* @someone\n# END gitops-init ownership\n/legacy/ @acme/legacy\n`,
    });
    expect((await cli(['codeowners', 'sync'], { cwd: root })).stdout).toBe(
      'updated CODEOWNERS from the ownership map in gitops.yaml\n',
    );
    expect(readFileSync(path.join(root, 'CODEOWNERS'), 'utf8')).toBe(
      `/first/ @acme/first\n${block}/legacy/ @acme/legacy\n`,
    );
  });

  it('--check exits 1 without writing when CODEOWNERS is out of date', async () => {
    const root = tree({ 'gitops.yaml': withMap, CODEOWNERS: '/legacy/ @acme/legacy\n' });
    const run = await cli(['codeowners', 'sync', '--check'], { cwd: root });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "gitops-init: CODEOWNERS is out of date with the ownership map in gitops.yaml; run 'gitops-init codeowners sync'\n",
    });
    expect(readFileSync(path.join(root, 'CODEOWNERS'), 'utf8')).toBe('/legacy/ @acme/legacy\n');
  });

  it('refuses broken markers (exit 1) and names undeclared owners at their line (exit 2)', async () => {
    const broken = tree({ 'gitops.yaml': withMap, CODEOWNERS: '# BEGIN gitops-init ownership\n* @x\n' });
    const refused = await cli(['codeowners', 'sync'], { cwd: broken });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^gitops-init: CODEOWNERS:1: the generated block's markers are broken/);
    const unknown = tree({ 'gitops.yaml': `${withMap}  '/payments/': payments\n` });
    const run = await cli(['codeowners', 'sync'], { cwd: unknown });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('gitops.yaml:9');
    expect(run.stderr).toContain('"payments" (for "/payments/")');
  });

  it('needs an ownership map', async () => {
    const root = tree({ 'gitops.yaml': infra });
    const run = await cli(['codeowners', 'sync'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gitops-init: gitops.yaml has no ownership map; add one/);
  });

  it('lint reports the drift that sync repairs', async () => {
    const root = tree({ 'gitops.yaml': withMap, '.github/CODEOWNERS': '* @acme/platform\n' });
    const before = await cli(['lint', '--rule', 'required-paths=off', '-f', 'json'], { cwd: root });
    const messages = (JSON.parse(before.stdout) as { messages: { ruleId: string }[] }[]).flatMap((result) =>
      result.messages.map((message) => message.ruleId),
    );
    expect(messages).toContain('codeowners-in-sync');
    await cli(['codeowners', 'sync'], { cwd: root });
    const after = await cli(['lint', '--rule', 'required-paths=off', '-f', 'json'], { cwd: root });
    const left = (JSON.parse(after.stdout) as { messages: { ruleId: string }[] }[]).flatMap((result) =>
      result.messages.map((message) => message.ruleId),
    );
    expect(left).not.toContain('codeowners-in-sync');
  });
});
