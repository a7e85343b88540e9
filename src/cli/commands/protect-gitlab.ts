/**
 * `protect diff` and `protect apply` for a repository whose gitops.yaml says `host: gitlab`:
 * the same flags and exit codes as on GitHub; the token from GITLAB_TOKEN, the API root from
 * --api-url, else CI_API_V4_URL (set in every GitLab CI job), else https://gitlab.com/api/v4.
 */
import { createInterface } from 'node:readline/promises';
import type { FieldDifference, GitlabDiffReport, GitlabProtectionOptions } from '../../api/protection.js';
import { describeGitlabItem } from '../../api/protection.js';
import { RefusedError, UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';

/** The flags of protect diff and apply (LiveFlags of protect.ts, which imports this module). */
interface LiveFlags {
  repo: string;
  apiUrl?: string;
  target?: string;
  config?: string;
  yes?: boolean;
  prune?: boolean;
}

function gitlabOptions(flags: LiveFlags, cwd: string, io: CliIo): GitlabProtectionOptions {
  if (flags.target) {
    throw new UsageError(
      '--target chooses between GitHub rulesets and classic branch protection; a GitLab project (host: gitlab) has neither: leave it out',
    );
  }
  const apiUrl = flags.apiUrl ?? (io.env.CI_API_V4_URL || undefined);
  return {
    cwd,
    repository: flags.repo,
    token: io.env.GITLAB_TOKEN ?? '',
    ...(apiUrl ? { apiUrl } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
    ...(flags.prune ? { prune: true } : {}),
  };
}

const ROLES: Record<number, string> = {
  0: 'no access',
  10: 'Guest',
  20: 'Reporter',
  30: 'Developer',
  40: 'Maintainer',
  50: 'Owner',
};
const role = (level: number | undefined): string =>
  level === undefined ? 'no access' : (ROLES[level] ?? `level ${level}`);

/** The drift, item by item and field by field, as the diff and apply commands print it. */
export function formatGitlabDrift(
  diff: GitlabDiffReport,
  describeDifference: (difference: FieldDifference, actualLabel: string) => string,
): string {
  const lines: string[] = [];
  for (const item of diff.items) {
    if (item.status === 'in-sync' || item.status === 'unsupported') continue;
    const isAccess = item.kind === 'group-share' || item.kind === 'member';
    if (isAccess) {
      const want = Number(item.body.group_access ?? item.body.access_level);
      if (item.status === 'missing')
        lines.push(`${describeGitlabItem(item)}: no access, policy ${role(want)} (apply grants it)`);
      else if (item.status === 'excess')
        lines.push(
          `${describeGitlabItem(item)}: ${role(item.liveLevel)}, more than the policy's ${role(want)} (apply --prune ${want === 0 ? 'takes it away' : 'lowers it'})`,
        );
      else lines.push(`${describeGitlabItem(item)}: ${role(item.liveLevel)}, policy ${role(want)} (apply raises it)`);
      continue;
    }
    if (item.status === 'missing') {
      lines.push(`${describeGitlabItem(item)}: not on GitLab (apply creates it)`);
      continue;
    }
    lines.push(`${describeGitlabItem(item)}:`);
    for (const difference of item.differences) lines.push(`  ${describeDifference(difference, 'live')}`);
  }
  const compared = diff.items.filter((item) => item.status !== 'unsupported');
  const drifted = compared.filter((item) => item.status !== 'in-sync').length;
  lines.push(
    drifted === 0
      ? `${diff.project} matches the policy in gitops.yaml (${compared.length} checked).`
      : `${diff.project}: ${drifted} of ${compared.length} differ from the policy in gitops.yaml.`,
  );
  return `${lines.join('\n')}\n`;
}

export async function runGitlabDiff(flags: LiveFlags, cwd: string, io: CliIo): Promise<number> {
  const { diffGitlabProtection, describeDifference } = await import('../../api/protection.js');
  const diff = await diffGitlabProtection(gitlabOptions(flags, cwd, io));
  for (const note of diff.notes) io.stderr(`gitops-init: note: ${note}\n`);
  io.stdout(formatGitlabDrift(diff, describeDifference));
  return diff.drift ? 1 : 0;
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

export async function runGitlabApply(flags: LiveFlags, cwd: string, io: CliIo): Promise<number> {
  const options = gitlabOptions(flags, cwd, io);
  const interactive = io.isTTY && io.stdinIsTTY;
  if (!flags.yes && !interactive) {
    throw new UsageError(
      'protect apply changes the live project: pass --yes to apply without a terminal to confirm on (run protect diff to see the changes)',
    );
  }
  const { applyGitlabProtection, diffGitlabProtection, describeDifference } = await import('../../api/protection.js');
  const diff = await diffGitlabProtection(options);
  for (const note of diff.notes) io.stderr(`gitops-init: note: ${note}\n`);
  io.stdout(formatGitlabDrift(diff, describeDifference));
  if (!diff.drift) return 0;
  if (!flags.yes && !(await confirm(`Apply these changes to ${diff.project}? [y/N] `))) {
    throw new RefusedError('nothing was applied');
  }
  const result = await applyGitlabProtection({ ...options, diff });
  const shown = new Set(diff.notes);
  for (const note of result.notes) if (!shown.has(note)) io.stderr(`gitops-init: note: ${note}\n`);
  for (const change of result.changes) {
    const item = diff.items.find((candidate) => candidate.kind === change.kind && candidate.name === change.name);
    io.stdout(`${change.action} ${item ? describeGitlabItem(item) : change.name}\n`);
  }
  const left = diff.items.filter((item) => item.status === 'excess').length;
  io.stdout(
    left > 0 && !options.prune
      ? `${diff.project} now follows the policy in gitops.yaml, except for ${left} grant${left === 1 ? '' : 's'} beyond it (apply --prune takes them away).\n`
      : `${diff.project} now follows the policy in gitops.yaml.\n`,
  );
  return 0;
}
