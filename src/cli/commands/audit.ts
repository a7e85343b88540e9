import type { Command } from 'commander';
import type { AuditOptions, AuditReport } from '../../api/audit.js';
import { UsageError } from '../../errors.js';
import { packageInfo } from '../../package-info.js';
import { parseInteger, type CommandContext } from '../command-context.js';
import { useColor, type CliIo } from '../io.js';

export interface AuditFlags {
  org?: string;
  group?: string;
  apiUrl?: string;
  repos?: string;
  includeArchived?: boolean;
  concurrency?: number;
  format?: string;
  outputFile?: string;
  fix?: boolean;
  yes?: boolean;
  color?: boolean;
}

export function registerAuditCommand(program: Command, context: CommandContext): void {
  program
    .command('audit')
    .description(
      'hold every repository of a GitHub organisation or GitLab group to its own gitops.yaml: descriptor, CODEOWNERS, live protection (no clone; exit 1 on findings)',
    )
    .option('--org <org>', 'the GitHub organisation to audit')
    .option('--group <group>', 'the GitLab group to audit, its subgroups included (token: GITLAB_TOKEN)')
    .option(
      '--api-url <url>',
      'REST API root (default GITHUB_API_URL, else https://api.github.com; GitLab: CI_API_V4_URL, else https://gitlab.com/api/v4)',
    )
    .option('--repos <glob>', 'only repositories whose name matches this glob (owner/name when it has a slash)')
    .option('--include-archived', 'audit archived repositories too (skipped by default)')
    .option('--concurrency <n>', 'repositories read at once (default 8)', parseInteger('--concurrency'))
    .option(
      '-f, --format <name>',
      'output format: stylish, json, sarif, junit, github, gitlab, or an ESLint formatter package',
      'stylish',
    )
    .option('-o, --output-file <path>', 'write the report to a file instead of standard output')
    .option(
      '--fix',
      'apply the policy where the live protection differs from it (as protect apply; asks on a terminal)',
    )
    .option('-y, --yes', 'with --fix: apply without asking (needed without a terminal)')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .action(async (flags: AuditFlags) => {
      context.setExitCode(await runAudit(flags, context.cwd(), context.io));
    });
}

/** The summary table, on standard error so that standard output is the report alone. */
export function summaryTable(report: AuditReport): string {
  const rows: [string, number][] = [
    ['repositories checked', report.summary.checked],
    ['compliant', report.summary.compliant],
    ['drifted', report.summary.drifted],
    ['unreadable', report.summary.unreadable],
  ];
  const width = rows.reduce((widest, [label]) => Math.max(widest, label.length), 0);
  const digits = rows.reduce((widest, [, count]) => Math.max(widest, String(count).length), 0);
  const skipped: string[] = [];
  if (report.skipped.archived > 0) skipped.push(`${report.skipped.archived} archived`);
  if (report.skipped.filtered > 0) skipped.push(`${report.skipped.filtered} not matching --repos`);
  return `${[
    `Audit of ${report.owner}${skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''}`,
    ...rows.map(([label, count]) => `  ${label.padEnd(width)}  ${String(count).padStart(digits)}`),
  ].join('\n')}\n`;
}

async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

export async function runAudit(flags: AuditFlags, cwd: string, io: CliIo): Promise<number> {
  const interactive = io.isTTY && io.stdinIsTTY;
  if (flags.fix && !flags.yes && !interactive) {
    throw new UsageError(
      'audit --fix changes live repositories: pass --yes to apply without a terminal to confirm on (run audit without --fix to see the findings)',
    );
  }
  if (
    flags.fix &&
    !flags.yes &&
    !(await confirm(`Apply each repository's policy where it has drifted in ${flags.org ?? flags.group ?? ''}? [y/N] `))
  ) {
    flags = { ...flags, fix: false };
  }
  const [{ audit }, { loadFormatter, writeReport }] = await Promise.all([
    import('../../api/audit.js'),
    import('../../formatters/index.js'),
  ]);
  const formatter = await loadFormatter(flags.format ?? 'stylish', cwd);
  const isGitlab = flags.group !== undefined;
  const apiUrl = flags.apiUrl ?? ((isGitlab ? io.env.CI_API_V4_URL : io.env.GITHUB_API_URL) || undefined);
  // The progress line is for a person at a terminal: never in a log.
  const progress = io.isTTY
    ? ({ done, total }: { done: number; total: number }) => {
        io.stderr(`\rgitops-init: audited ${done} of ${total} repositories`);
        if (done === total) io.stderr('\n');
      }
    : undefined;
  const options: AuditOptions = {
    cwd,
    token: (isGitlab ? io.env.GITLAB_TOKEN : io.env.GITHUB_TOKEN || io.env.GH_TOKEN) || '',
    ...(flags.org === undefined ? {} : { org: flags.org }),
    ...(flags.group === undefined ? {} : { group: flags.group }),
    ...(apiUrl ? { apiUrl } : {}),
    ...(flags.repos === undefined ? {} : { repos: flags.repos }),
    ...(flags.includeArchived ? { includeArchived: true } : {}),
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    ...(flags.fix ? { fix: true } : {}),
    ...(progress ? { onProgress: progress } : {}),
  };
  const report = await audit(options);
  // Rate limits waited out are counted, not listed: an organisation can meet hundreds.
  const waits = report.notes.filter((note) => /rate limit was reached/.test(note)).length;
  for (const note of report.notes) if (!/rate limit was reached/.test(note)) io.stderr(`gitops-init: note: ${note}\n`);
  if (waits > 0) io.stderr(`gitops-init: note: rate limits were met ${waits} times and waited out\n`);
  for (const repository of report.repositories)
    for (const change of repository.applied) io.stderr(`gitops-init: ${repository.repository}: ${change}\n`);
  // Findings' paths are <owner>/<repo>/<path>: relative to the process's directory, they print as they are.
  const output = await formatter(report.results, {
    cwd: process.cwd(),
    rulesMeta: report.rulesMeta,
    version: packageInfo().version,
    color: flags.outputFile ? false : useColor(io, flags.color),
  });
  if (flags.outputFile) await writeReport(cwd, flags.outputFile, output);
  else if (output !== '') io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  io.stderr(summaryTable(report));
  return report.summary.compliant === report.summary.checked ? 0 : 1;
}
