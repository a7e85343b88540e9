import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncCodeowners } from '../../src/api/codeowners.js';
import { flagName } from '../../src/cli/flags.js';
import { ConfigError, RefusedError } from '../../src/errors.js';
import type { FileTree } from '../../src/testing/index.js';
import { gitInit } from '../helpers/git.js';
import { temporaryRepositories } from '../helpers/repositories.js';

const { repository } = temporaryRepositories();

const DESCRIPTOR = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'host: github',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: shop',
  '      team: "@acme/shop"',
  'ownership:',
  '  "*": platform',
  '  /tenants/shop/: [platform, shop]',
  '',
].join('\n');

function gitRepository(files: FileTree): string {
  const root = repository(files);
  gitInit(root);
  return root;
}

function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

describe('syncCodeowners()', () => {
  it('creates CODEOWNERS where the host reads it, then reports it unchanged', async () => {
    const root = gitRepository({ 'gitops.yaml': DESCRIPTOR });
    const first = await syncCodeowners({ cwd: root });
    expect(first).toMatchObject({ file: '.github/CODEOWNERS', status: 'created' });
    expect(read(root, '.github/CODEOWNERS')).toBe(first.content);
    expect(first.content).toBe(
      [
        '# BEGIN gitops-init ownership',
        '# Generated from the ownership map in gitops.yaml: edit it there, then run `gitops-init codeowners sync`.',
        '*              @acme/platform',
        '/tenants/shop/ @acme/platform @acme/shop',
        '# END gitops-init ownership',
        '',
      ].join('\n'),
    );

    const again = await syncCodeowners({ cwd: root });
    expect(again).toMatchObject({ file: '.github/CODEOWNERS', status: 'unchanged', content: first.content });
  });

  it('rewrites only the generated block, keeping the lines around it and the file mode', async () => {
    const root = gitRepository({
      'gitops.yaml': DESCRIPTOR,
      '.github/CODEOWNERS': [
        '# Hand-written',
        '/docs/ @acme/writers',
        '# BEGIN gitops-init ownership',
        '* @acme/someone-else',
        '# END gitops-init ownership',
        '/LICENSE @acme/legal',
        '',
      ].join('\n'),
    });
    chmodSync(path.join(root, '.github/CODEOWNERS'), 0o640);
    const result = await syncCodeowners({ cwd: root });
    expect(result.status).toBe('updated');
    const text = read(root, '.github/CODEOWNERS');
    expect(text).toBe(result.content);
    expect(text.startsWith('# Hand-written\n/docs/ @acme/writers\n# BEGIN gitops-init ownership\n')).toBe(true);
    expect(text.endsWith('# END gitops-init ownership\n/LICENSE @acme/legal\n')).toBe(true);
    expect(text).not.toContain('@acme/someone-else');
    expect(statSync(path.join(root, '.github/CODEOWNERS')).mode & 0o777).toBe(0o640);
  });

  it('with check, says the file is out of date and writes nothing', async () => {
    const before = '/docs/ @acme/writers\n';
    const root = gitRepository({ 'gitops.yaml': DESCRIPTOR, '.github/CODEOWNERS': before });
    const result = await syncCodeowners({ cwd: root, check: true });
    expect(result.status).toBe('updated');
    expect(result.content).toContain('# BEGIN gitops-init ownership');
    expect(read(root, '.github/CODEOWNERS')).toBe(before);
  });

  it('reads the descriptor given as configFile', async () => {
    const root = gitRepository({ 'config/other.yaml': DESCRIPTOR.replace('host: github', 'host: gitlab') });
    const result = await syncCodeowners({ cwd: root, configFile: 'config/other.yaml' });
    expect(result).toMatchObject({ file: '.gitlab/CODEOWNERS', status: 'created' });
  });

  it('refuses a repository without gitops.yaml or without an ownership map', async () => {
    const bare = gitRepository({ 'README.md': '# x\n' });
    await expect(syncCodeowners({ cwd: bare })).rejects.toThrow(ConfigError);
    await expect(syncCodeowners({ cwd: bare })).rejects.toThrow(/^no gitops\.yaml in .*: codeowners sync writes/);

    const unmapped = gitRepository({ 'gitops.yaml': DESCRIPTOR.slice(0, DESCRIPTOR.indexOf('ownership:')) });
    await expect(syncCodeowners({ cwd: unmapped })).rejects.toThrow(/^gitops\.yaml has no ownership map/);
  });

  it('lists each undeclared owner as a problem at its line', async () => {
    const root = gitRepository({ 'gitops.yaml': DESCRIPTOR.replace('[platform, shop]', '[platform, billing]') });
    const error = await syncCodeowners({ cwd: root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      {
        file: 'gitops.yaml',
        line: 12,
        message: expect.stringMatching(/^"billing" \(for "\/tenants\/shop\/"\) is neither a handle/) as unknown,
      },
    ]);
    expect(() => readFileSync(path.join(root, '.github/CODEOWNERS'))).toThrow();
  });

  it('refuses a block whose markers are broken, and leaves the file alone', async () => {
    const broken = '# BEGIN gitops-init ownership\n* @acme/platform\n';
    const root = gitRepository({ 'gitops.yaml': DESCRIPTOR, '.github/CODEOWNERS': broken });
    const error = await syncCodeowners({ cwd: root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).message).toMatch(
      /^\.github\/CODEOWNERS:1: the generated block's markers are broken/,
    );
    expect(read(root, '.github/CODEOWNERS')).toBe(broken);
  });

  it('names the cwd option in an API message and its flag in the CLI', async () => {
    const root = gitRepository({ 'gitops.yaml': DESCRIPTOR });
    const missing = path.join(root, 'nowhere');
    const error = await syncCodeowners({ cwd: missing }).catch((caught: unknown) => caught);
    expect((error as ConfigError).message).toMatch(/check cwd$/);
    expect((error as ConfigError).describe(flagName)).toMatch(/check -C <dir>$/);
  });
});
