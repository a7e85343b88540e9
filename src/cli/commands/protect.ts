import { createInterface } from 'node:readline/promises';
import { Option, type Command } from 'commander';
import type {
  AccessDriftItem,
  FieldDifference,
  LiveProtectionOptions,
  LiveTarget,
  ProtectionDiffReport,
  ProtectionTarget,
} from '../../api/protection.js';
import { RefusedError, UsageError } from '../../errors.js';
import { CONFIG_DESCRIPTION, CONFIG_FLAG, type CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

/** `protect apply --prune`, the one definition for every host. */
const PRUNE_FLAG = ['--prune', 'also take away access the policy does not grant'] as const;

export function registerProtectCommand(program: Command, context: CommandContext): void {
  const protect = program
    .command('protect')
    .description('branch protection as code: render the policy in gitops.yaml, compare it with GitHub, apply it');
  protect
    .command('render')
    .description(
      "write the host's protection files from the policy in gitops.yaml (atomically; a differing file only with --force)",
    )
    .addOption(
      new Option('--target <target>', "render one target only (default: protection.targets, else the host's)").choices([
        'github-ruleset',
        'github-branch-protection',
        'settings',
        'gitlab',
      ]),
    )
    .option('--force', 'overwrite files whose content differs from the policy')
    .option('--dry-run', 'print the plan (create, unchanged, conflict) and write nothing')
    .option(CONFIG_FLAG, CONFIG_DESCRIPTION)
    .action(async (flags: RenderFlags) => {
      context.setExitCode(await runProtectRender(flags, context.cwd(), context.io));
    });
  for (const name of ['diff', 'apply'] as const) {
    const command = protect
      .command(name)
      .description(
        name === 'diff'
          ? 'compare the live rulesets and branch protection of a GitHub repository with the policy, field by field (exit 1 on drift)'
          : 'create or update the rulesets and branch protection of a GitHub repository to match the policy (asks on a terminal)',
      )
      .requiredOption('--repo <owner/name>', 'the GitHub repository (GitLab: the project path, group/project)')
      .option(
        '--api-url <url>',
        'REST API root for GitHub Enterprise (default GITHUB_API_URL, else https://api.github.com); GitLab: default CI_API_V4_URL, else https://gitlab.com/api/v4',
      )
      .addOption(
        new Option(
          '--target <target>',
          'only rulesets, only the classic branch protection or only access (default: protection.targets, with access)',
        ).choices(['github-ruleset', 'github-branch-protection', 'github-access']),
      )
      .option(CONFIG_FLAG, CONFIG_DESCRIPTION);
    if (name === 'apply')
      command.option('-y, --yes', 'apply without asking (needed without a terminal)').option(...PRUNE_FLAG);
    command.action(async (flags: LiveFlags) => {
      const run = name === 'diff' ? runProtectDiff : runProtectApply;
      context.setExitCode(await run(flags, context.cwd(), context.io));
    });
  }
}

export interface RenderFlags {
  target?: ProtectionTarget;
  force?: boolean;
  dryRun?: boolean;
  config?: string;
}

export async function runProtectRender(flags: RenderFlags, cwd: string, io: CliIo): Promise<number> {
  const { renderProtection } = await import('../../api/protection.js');
  const result = await renderProtection({
    cwd,
    ...(flags.target ? { target: flags.target } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
    force: flags.force === true,
    dryRun: flags.dryRun === true,
  });
  for (const note of result.notes) io.stderr(`gitops-init: note: ${note}\n`);
  const width = result.files.reduce((extreme, file) => Math.max(extreme, file.status.length), -Infinity);
  io.stdout(`${result.files.map((file) => `  ${file.status.padEnd(width)}  ${file.path}`).join('\n')}\n`);
  const count = (status: string): number => result.files.filter((file) => file.status === status).length;
  if (result.dryRun) {
    io.stdout(
      `Dry run: ${count('create')} to create, ${count('unchanged')} unchanged, ${count('overwrite')} to overwrite, ${count('conflict')} in conflict. Nothing was written.\n`,
    );
    return count('conflict') > 0 ? 1 : 0;
  }
  io.stdout(
    `${result.written.length} file${result.written.length === 1 ? '' : 's'} written, ${count('unchanged')} unchanged.\n`,
  );
  return 0;
}

export interface LiveFlags {
  repo: string;
  apiUrl?: string;
  target?: LiveTarget;
  config?: string;
  yes?: boolean;
  prune?: boolean;
}

function liveOptions(flags: LiveFlags, cwd: string, io: CliIo): LiveProtectionOptions {
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '';
  const apiUrl = flags.apiUrl ?? (io.env.GITHUB_API_URL || undefined);
  return {
    cwd,
    repository: flags.repo,
    token,
    ...(apiUrl ? { apiUrl } : {}),
    ...(flags.target ? { targets: [flags.target] } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
  };
}

function label(item: ProtectionDiffReport['items'][number]): string {
  return item.target === 'github-ruleset'
    ? `ruleset "${item.name}" (${item.branch})`
    : `classic protection of branch ${item.name}`;
}

/** What `protect apply` does with an access item, for the diff's line. */
function accessOutcome(item: AccessDriftItem): string {
  if (item.status === 'extra') return 'more than the policy grants; apply --prune takes it away';
  if (item.status === 'above') return `more than the policy grants; apply --prune sets ${item.expected}`;
  return `apply grants ${item.expected}`;
}

/** The drift, field by field, as the diff and apply commands print it. */
export function formatDrift(
  diff: ProtectionDiffReport,
  describeDifference: (difference: FieldDifference, actualLabel: string) => string,
  describeAccessItem: (item: AccessDriftItem) => string = (item) => item.principal,
): string {
  const lines: string[] = [];
  for (const item of diff.items) {
    if (item.status === 'in-sync') continue;
    if (item.status === 'missing') {
      lines.push(`${label(item)}: not on GitHub (apply creates it)`);
      continue;
    }
    lines.push(`${label(item)}:`);
    for (const difference of item.differences) lines.push(`  ${describeDifference(difference, 'live')}`);
  }
  const access = (diff.access ?? []).filter((item) => item.status !== 'in-sync');
  if (access.length > 0) {
    lines.push(`access to ${diff.repository}:`);
    for (const item of access) lines.push(`  ${describeAccessItem(item)} (${accessOutcome(item)})`);
  }
  const drifted = diff.items.filter((item) => item.status !== 'in-sync').length;
  // Access in sync adds nothing to the summary; drifted access is counted in it.
  const accessText =
    access.length === 0
      ? ''
      : `, and so does the access of ${access.length} ${access.length === 1 ? 'team or person' : 'teams or people'}`;
  lines.push(
    drifted === 0 && access.length === 0
      ? `${diff.repository} matches the policy in gitops.yaml (${diff.items.length} checked).`
      : `${diff.repository}: ${drifted} of ${diff.items.length} differ from the policy in gitops.yaml${accessText}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Whether gitops.yaml says `host: gitlab`: protect diff and apply then speak to GitLab. */
async function isGitlab(flags: LiveFlags, cwd: string): Promise<boolean> {
  const { protectionHost } = await import('../../api/protection.js');
  return protectionHost({ cwd, ...(flags.config ? { configFile: flags.config } : {}) }) === 'gitlab';
}

export async function runProtectDiff(flags: LiveFlags, cwd: string, io: CliIo): Promise<number> {
  if (await isGitlab(flags, cwd)) return (await import('./protect-gitlab.js')).runGitlabDiff(flags, cwd, io);
  const { diffProtection, describeDifference, describeAccessItem } = await import('../../api/protection.js');
  const diff = await diffProtection(liveOptions(flags, cwd, io));
  for (const note of diff.notes) io.stderr(`gitops-init: note: ${note}\n`);
  io.stdout(formatDrift(diff, describeDifference, describeAccessItem));
  return diff.drift ? 1 : 0;
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

export async function runProtectApply(flags: LiveFlags, cwd: string, io: CliIo): Promise<number> {
  if (await isGitlab(flags, cwd)) return (await import('./protect-gitlab.js')).runGitlabApply(flags, cwd, io);
  const options = liveOptions(flags, cwd, io);
  const interactive = io.isTTY && io.stdinIsTTY;
  if (!flags.yes && !interactive) {
    throw new UsageError(
      'protect apply changes the live repository: pass --yes to apply without a terminal to confirm on (run protect diff to see the changes)',
    );
  }
  const {
    applyProtection,
    diffProtection,
    describeDifference,
    describeAccessItem,
    describeAccessChange,
    takesAccessAway,
  } = await import('../../api/protection.js');
  const diff = await diffProtection(options);
  for (const note of diff.notes) io.stderr(`gitops-init: note: ${note}\n`);
  io.stdout(formatDrift(diff, describeDifference, describeAccessItem));
  const prune = flags.prune === true;
  // Without --prune, access beyond the policy is left alone: nothing to ask about if that is all.
  const toApply = [...diff.items, ...(diff.access ?? [])].filter(
    (item) => item.status !== 'in-sync' && (prune || !('kind' in item && takesAccessAway(item))),
  );
  if (toApply.length === 0) {
    if (diff.drift) io.stdout(`Nothing to apply without --prune.\n`);
    return 0;
  }
  if (!flags.yes && !(await confirm(`Apply these changes to ${diff.repository}? [y/N] `))) {
    throw new RefusedError('nothing was applied');
  }
  const result = await applyProtection({ ...options, diff, prune });
  for (const note of result.notes) io.stderr(`gitops-init: note: ${note}\n`);
  for (const change of result.changes) {
    io.stdout(
      `${change.action} ${change.target === 'github-ruleset' ? `ruleset "${change.name}"` : `the classic protection of ${change.name}`}\n`,
    );
  }
  for (const change of result.accessChanges) io.stdout(`${describeAccessChange(change)}\n`);
  if (result.accessLeftAlone.length > 0) {
    io.stdout(
      `${diff.repository} now follows the policy in gitops.yaml, except for access it does not grant, left alone without --prune: ${result.accessLeftAlone.map((item) => item.principal).join(', ')}.\n`,
    );
    return 0;
  }
  io.stdout(`${diff.repository} now follows the policy in gitops.yaml.\n`);
  return 0;
}
