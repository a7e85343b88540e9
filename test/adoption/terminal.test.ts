import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDescriptor } from '../../src/config/descriptor.js';
import { BIN } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { hasScript, Terminal } from '../helpers/terminal.js';
import { adoptionCopies } from './helpers.js';

// Drives `gitops-init init` on a terminal (plop's prompts, through inquirer) in a pseudo-terminal.

const ENTER = '\r';
const DOWN = '\u001b[B';
const CTRL_C = '\u0003';
if (!hasScript)
  process.stderr.write(
    'notice: util-linux script is not installed; the init terminal test cannot make a pseudo-terminal and is skipped\n',
  );

const copy = adoptionCopies();

describe.runIf(hasScript)('init on a terminal', () => {
  it('shows the inferred answers with the files that decided them, takes a correction, and writes gitops.yaml', async () => {
    const root = copy('argocd-monorepo', { remote: 'git@github.com:acme/fleet.git' });
    const terminal = new Terminal(`${process.execPath} ${BIN} init`, root);
    try {
      let at = await terminal.waitFor(
        /kind +infrastructure +clusters\/production\/apps\/checkout\.yaml: a cluster's entry point/,
      );
      at = await terminal.waitFor(/platform team +@acme\/platform +\.github\/CODEOWNERS:2/, at);
      at = await terminal.waitFor(/Which GitOps tool deploys it\?/, at);
      // argocd, the inferred tool, is preselected.
      terminal.type(ENTER);
      at = await terminal.waitFor(/Which kind of repository is it\?/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Repository name \(a DNS-1123 label\):.*\(fleet\)/, at);
      terminal.type('Bad Name' + ENTER);
      at = await terminal.waitFor(/must be a DNS-1123 label/, at);
      terminal.type('\u007f'.repeat(10) + 'clusters' + ENTER);
      at = await terminal.waitFor(/GitHub organisation or GitLab group.*\(acme\)/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Where is it hosted\?/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Environments, in promotion order[^\n]*\n?[^\n]*\(staging,production\)/, at);
      terminal.type('dev,staging,production' + ENTER);
      at = await terminal.waitFor(/Platform team.*\(@acme\/platform\)/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Tenant teams[^\n]*\n?[^\n]*\(@acme\/checkout,@acme\/search\)/, at);
      terminal.type(ENTER);
      await terminal.waitFor(/Wrote gitops\.yaml: an infrastructure repository deployed with argocd/, at);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    const { descriptor } = parseDescriptor('gitops.yaml', readFileSync(path.join(root, 'gitops.yaml'), 'utf8'));
    expect(descriptor).toMatchObject({
      kind: 'infrastructure',
      tool: 'argocd',
      name: 'clusters',
      host: 'github',
      repositoryUrl: 'https://github.com/acme/fleet.git',
      environments: ['dev', 'staging', 'production'],
      teams: {
        platform: '@acme/platform',
        applications: [
          { name: 'checkout', team: '@acme/checkout' },
          { name: 'search', team: '@acme/search' },
        ],
      },
      scaffold: { org: 'acme' },
    });
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('?? gitops.yaml\n');
  });

  it('a kind changed at the prompt changes the team defaults that follow', async () => {
    const root = copy('flux-app', { remote: 'https://github.com/acme/payments.git' });
    const terminal = new Terminal(`${process.execPath} ${BIN} init --tool flux --name payments --org acme`, root);
    try {
      let at = await terminal.waitFor(/Which kind of repository is it\?/);
      // application is inferred; one up is infrastructure.
      terminal.type('\u001b[A' + ENTER);
      at = await terminal.waitFor(/Where is it hosted\?/, at);
      terminal.type(ENTER);
      at = await terminal.waitFor(/Environments/, at);
      terminal.type(ENTER);
      // The platform team of an infrastructure repository owns `*`: the payments team here.
      at = await terminal.waitFor(/Platform team.*\(@acme\/payments\)/, at);
      terminal.type('@acme/platform' + ENTER);
      at = await terminal.waitFor(/Tenant teams/, at);
      terminal.type('@acme/payments' + ENTER);
      await terminal.waitFor(/Wrote gitops\.yaml: an infrastructure repository deployed with flux/, at);
      expect(await terminal.exited).toBe(0);
    } finally {
      terminal.kill();
    }
    const { descriptor } = parseDescriptor('gitops.yaml', readFileSync(path.join(root, 'gitops.yaml'), 'utf8'));
    expect(descriptor.kind).toBe('infrastructure');
    expect(descriptor.teams?.platform).toBe('@acme/platform');
    expect(descriptor.teams?.applications).toEqual([{ name: 'payments', team: '@acme/payments' }]);
    expect(descriptor.namespaces).toBeUndefined();
  });

  it('Ctrl-C at a prompt writes nothing', async () => {
    const root = copy('helm-chart-app');
    const terminal = new Terminal(`${process.execPath} ${BIN} init`, root);
    try {
      await terminal.waitFor(/Which GitOps tool deploys it\?/);
      terminal.type(DOWN + CTRL_C);
      // inquirer ends the process with SIGINT, as the shell would.
      expect(await terminal.exited).not.toBe(0);
    } finally {
      terminal.kill();
    }
    expect(existsSync(path.join(root, 'gitops.yaml'))).toBe(false);
  });
});
