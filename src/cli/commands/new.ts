import path from 'node:path';
import { Option, type Command } from 'commander';
import type { AnswerKey, ScaffoldOptions } from '../../api/scaffold.js';
import { RefusedError } from '../../errors.js';
import { addAnswerOptions, answersFromFlags, type AnswerFlags } from '../answer-flags.js';
import type { CommandContext } from '../command-context.js';
import type { CliIo } from '../io.js';

export interface NewFlags extends AnswerFlags {
  ci?: string;
  hooks?: string;
  defaultBranch?: string;
  auditOrg?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  git?: boolean;
  commit?: boolean;
  answers?: string;
}

const FLAG_KEYS: Record<AnswerKey, keyof NewFlags> = {
  kind: 'kind',
  tool: 'tool',
  name: 'name',
  org: 'org',
  platformTeam: 'platformTeam',
  appTeams: 'appTeam',
  envs: 'envs',
  host: 'host',
  ci: 'ci',
  hooks: 'hooks',
  defaultBranch: 'defaultBranch',
  auditOrg: 'auditOrg',
};

export function registerNewCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('new')
    .description('create an infrastructure or application GitOps repository (a wizard on a terminal)')
    .argument('[dir]', 'directory of the new repository', '.');
  addAnswerOptions(command, 'environments in promotion order, comma-separated (default dev,staging,production)')
    .addOption(
      new Option('--ci <ci>', 'CI system for the lint job (default follows --host)').choices([
        'github',
        'gitlab',
        'none',
      ]),
    )
    .addOption(
      new Option('--hooks <hooks>', 'pre-commit hook manager (default husky)').choices(['husky', 'pre-commit', 'none']),
    )
    .option('--default-branch <branch>', 'default branch (default main)')
    .option(
      '--audit-org <org>',
      'infrastructure repositories on GitHub Actions: audit this organisation every night (gitops-init audit, SARIF to code scanning)',
    )
    .option('-y, --yes', 'use defaults for every answer not given')
    .option('--dry-run', 'print the plan (create, unchanged, conflict) and write nothing')
    .option('--force', 'overwrite files whose content differs')
    .option('--no-git', 'do not run git init')
    .option('--commit', 'make the first commit')
    .option('--answers <file>', 'YAML file of answers, keyed by flag name (kind, tool, platform-team, …)')
    .action(async (dir: string, flags: NewFlags) => {
      context.setExitCode(await runNew(dir, flags, context.cwd(), context.io));
    });
}

export async function runNew(directory: string | undefined, flags: NewFlags, cwd: string, io: CliIo): Promise<number> {
  const { pendingAnswers, scaffold } = await import('../../api/scaffold.js');
  const options: ScaffoldOptions = {
    cwd,
    answers: answersFromFlags(flags, FLAG_KEYS),
    yes: flags.yes === true,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    git: flags.git !== false,
    commit: flags.commit === true,
    ...(directory === undefined ? {} : { directory }),
    ...(flags.answers === undefined ? {} : { answersFile: flags.answers }),
  };
  const pending = pendingAnswers(options);
  if (pending.missingRequired.length > 0 && io.isTTY && io.stdinIsTTY && !flags.yes) {
    const { runWizard } = await import('../wizard.js');
    try {
      options.answers = { ...options.answers, ...(await runWizard(pending)) };
    } catch (error) {
      if (error instanceof Error && /force closed|SIGINT|ExitPrompt/i.test(`${error.name} ${error.message}`)) {
        throw new RefusedError('cancelled; nothing was written');
      }
      throw error;
    }
  }
  const result = await scaffold(options);
  const relative = path.relative(cwd, result.root);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  const shown = relative === '' ? '.' : outside ? result.root : relative;
  const width = result.files.reduce((extreme, file) => Math.max(extreme, file.status.length), -Infinity);
  const lines = result.files.map((file) => `  ${file.status.padEnd(width)}  ${file.path}`);
  const count = (status: string): number => result.files.filter((file) => file.status === status).length;
  io.stdout(`${lines.join('\n')}\n`);
  if (result.dryRun) {
    const conflicts = count('conflict');
    io.stdout(
      `Dry run for ${shown}: ${count('create')} to create, ${count('unchanged')} unchanged, ${count('overwrite')} to overwrite, ${conflicts} in conflict. Nothing was written.\n`,
    );
    return conflicts > 0 ? 1 : 0;
  }
  const summary = [
    `${result.written.length} file${result.written.length === 1 ? '' : 's'} written`,
    // After an interrupted run, these are the files it wrote (each one complete).
    `${count('unchanged')} already there and unchanged`,
    ...(result.gitInitialized ? [`git repository initialised on ${result.answers.defaultBranch}`] : []),
    ...(result.committed ? ['first commit made'] : []),
  ].join(', ');
  io.stdout(
    `${result.answers.kind === 'infrastructure' ? 'Infrastructure' : 'Application'} repository in ${shown}: ${summary}.\n`,
  );
  if (result.written.length > 0) {
    const steps = [
      ...(shown === '.' ? [] : [`cd ${shown}`]),
      ...(result.answers.hooks === 'husky'
        ? ['npm install            # installs gitops-init and the pre-commit hook']
        : []),
      ...(result.answers.hooks === 'pre-commit' ? ['pre-commit install     # installs the pre-commit hook'] : []),
      'npx gitops-init lint    # the same check CI runs',
    ];
    io.stdout(`Next:\n${steps.map((step) => `  ${step}`).join('\n')}\n`);
  }
  return 0;
}
