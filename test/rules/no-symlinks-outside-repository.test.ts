import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/api/lint.js';
import rule from '../../rules/no-symlinks-outside-repository.js';
import { cli } from '../helpers/cli.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

// The rule tester's file trees hold no symbolic links: the cases are repositories on disk.
const tree = temporaryTrees();
const secret = 'password: hunter2\n';

function findings(report: Awaited<ReturnType<typeof lint>>): string[][] {
  return report.diagnostics.map((d) => [d.file, d.message]);
}

function lintLinks(root: string, options: LintOptions = {}): ReturnType<typeof lint> {
  return lint({ cwd: root, ruleSet: [rule], ...options });
}

const message = (destination: string): string =>
  `Symbolic link to "${destination}", outside the repository: a clone (CI, Argo CD, Flux) does not have it, and gitops-init does not read it; put the file in the repository, or point the link at a path inside it`;

/** A repository beside a directory outside it, with links of every kind. */
function withLinks(): { root: string; outside: string } {
  const outside = realpathSync(tree({ 'secret.yaml': secret, 'notes.txt': secret, 'dir/x.yaml': secret }));
  const root = tree({
    'gitops.yaml': 'kind: application\ntool: argocd\nname: shop\nlinterOptions:\n  maxFileSize: 1024\n',
    'base/values.yaml': 'a: 1\n',
    // Files that cannot be read are not links.
    'logo.png': Buffer.from([0x89, 0x50, 0, 1]),
    'big.json': 'x'.repeat(2048),
  });
  mkdirSync(path.join(root, 'deploy'));
  // Out of the repository: a YAML file, any other file, a directory, a device, nothing at all,
  // by a relative path that climbs out, and through a link inside that leads out.
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'deploy/values.yaml'));
  symlinkSync(path.join(outside, 'notes.txt'), path.join(root, 'notes.txt'));
  symlinkSync(path.join(outside, 'dir'), path.join(root, 'shared'));
  symlinkSync('/dev/null', path.join(root, 'placeholder'));
  symlinkSync(path.join(outside, 'gone.yaml'), path.join(root, 'gone.yaml'));
  symlinkSync(
    path.relative(path.join(root, 'deploy'), path.join(outside, 'secret.yaml')),
    path.join(root, 'deploy/up.yaml'),
  );
  symlinkSync('notes.txt', path.join(root, 'chained.txt'));
  // Inside: a file, a directory, and a link to nothing inside.
  symlinkSync('../base/values.yaml', path.join(root, 'deploy/base-values.yaml'));
  symlinkSync('base', path.join(root, 'current'));
  symlinkSync('releases/v3', path.join(root, 'next'));
  return { root, outside };
}

describe('no-symlinks-outside-repository', () => {
  it('reports every link out of the repository, whatever it leads to, naming where, and no link inside', async () => {
    const { root, outside } = withLinks();
    const report = await lintLinks(root);
    expect(findings(report)).toEqual([
      ['chained.txt', message(path.join(outside, 'notes.txt'))],
      ['deploy/up.yaml', message(path.join(outside, 'secret.yaml'))],
      ['deploy/values.yaml', message(path.join(outside, 'secret.yaml'))],
      ['gone.yaml', message(path.join(outside, 'gone.yaml'))],
      ['notes.txt', message(path.join(outside, 'notes.txt'))],
      ['placeholder', message('/dev/null')],
      ['shared', message(path.join(outside, 'dir'))],
    ]);
    expect(report.diagnostics.every((d) => d.severity === 2 && d.line === undefined)).toBe(true);
    // Where a link leads, never what is there.
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('in a git work tree, reports tracked links and untracked ones that are not ignored, not ignored ones', async () => {
    const { root, outside } = withLinks();
    gitInit(root);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'links');
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'untracked.yaml'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'local.yaml'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'vendored.yaml'));
    // Ignored by git and untracked, or ignored by gitops.yaml: not linted, not reported.
    writeFileSync(path.join(root, '.git/info/exclude'), 'local.yaml\n');
    const report = await lintLinks(root);
    const files = report.diagnostics.map((d) => d.file);
    expect(files).toContain('untracked.yaml');
    expect(files).toContain('vendored.yaml');
    expect(files).not.toContain('local.yaml');
    expect(files).toContain('shared');
    expect(files).toContain('gone.yaml');
    writeFileSync(
      path.join(root, 'gitops.yaml'),
      'kind: application\ntool: argocd\nname: shop\nignores: ["vendored.yaml", "placeholder"]\n',
    );
    const ignored = (await lintLinks(root)).diagnostics.map((d) => d.file);
    expect(ignored).not.toContain('vendored.yaml');
    expect(ignored).not.toContain('placeholder');
    expect(ignored).toContain('notes.txt');
  });

  it('with --staged, reports the links the commit records, resolved in the index', async () => {
    const { root, outside } = withLinks();
    gitInit(root);
    git(root, 'add', 'gitops.yaml', 'base', 'deploy', 'shared', 'gone.yaml', 'current');
    const report = await lintLinks(root, { staged: true });
    expect(findings(report)).toEqual([
      ['deploy/up.yaml', message(path.join(outside, 'secret.yaml'))],
      ['deploy/values.yaml', message(path.join(outside, 'secret.yaml'))],
      ['gone.yaml', message(path.join(outside, 'gone.yaml'))],
      ['shared', message(path.join(outside, 'dir'))],
    ]);
  });

  it('is on by default, one finding a line, exit 1, and the cache gives the same', async () => {
    const { root } = withLinks();
    const plain = await cli(['lint', '--format', 'json', '--rule', 'required-paths=off'], { cwd: root });
    expect(plain.code).toBe(1);
    const ruleIds = (JSON.parse(plain.stdout) as { messages: { ruleId: string }[] }[]).flatMap((result) =>
      result.messages.map((entry) => entry.ruleId),
    );
    expect(ruleIds.filter((id) => id === 'no-symlinks-outside-repository')).toHaveLength(7);
    const cold = await cli(['lint', '--cache', '--format', 'json', '--rule', 'required-paths=off'], { cwd: root });
    const warm = await cli(['lint', '--cache', '--format', 'json', '--rule', 'required-paths=off'], { cwd: root });
    expect(cold.stdout).toBe(plain.stdout);
    expect(warm.stdout).toBe(plain.stdout);
  });
});
