import path from 'node:path';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, isGitopsError, nameOptions, UsageError } from '../errors.js';
import { flagName } from './flags.js';
import { packageInfo } from '../package-info.js';
import type { CliIo } from './io.js';

export type { CliIo } from './io.js';

/** Commander error codes that are the user's mistake: exit 2 with one line. */
const USAGE_CODES = new Set([
  'commander.unknownCommand',
  'commander.unknownOption',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.invalidArgument',
  'commander.excessArguments',
  'commander.conflictingOption',
]);

export function parseInteger(flag: string): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${flag} takes a whole number, got "${value}"`);
    return Number(value);
  };
}

function parseConcurrency(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'off') return 1;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError(`--concurrency takes a number of threads, auto or off, got "${value}"`);
  }
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Resolves the global -C/--cwd against the directory the command started in. */
export function commandCwd(program: Command, io: CliIo): string {
  const option = program.opts<{ cwd?: string }>().cwd;
  return option === undefined ? io.cwd : path.resolve(io.cwd, option);
}

function formatError(error: unknown): string {
  if (error instanceof ConfigError) {
    const lines = error.problems.map((problem) => {
      const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
        .filter((part) => part !== undefined)
        .join(':');
      return `  ${where}: ${nameOptions(problem.message, flagName)}`;
    });
    return [`gitops-init: ${error.describe(flagName)}${lines.length > 0 ? ':' : ''}`, ...lines].join('\n');
  }
  if (isGitopsError(error)) return `gitops-init: ${error.describe(flagName)}`;
  return `gitops-init: ${(error as Error).message}`;
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const { version } = packageInfo();
  const program = new Command();
  program
    .name('gitops-init')
    .description('Scaffold GitOps repositories for Argo CD, Flux and Helm, and keep them in line.')
    .version(version, '-v, --version', 'print the version')
    .option('-C, --cwd <dir>', 'run as if started in <dir> (as git -C)')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Commander puts its suggestion on a second line; keep the message to one line.
      outputError: (text, write) =>
        write(
          `gitops-init: ${text
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}; see 'gitops-init --help'\n`,
        ),
    });

  program
    .command('lint')
    .description('lint the repository (or the given files) against the rules')
    .argument('[paths...]', 'files, directories or globs to lint (repository-wide rules always run)')
    .option(
      '-f, --format <name>',
      'output format: stylish, json, sarif, junit, github, gitlab, or an ESLint formatter package',
      'stylish',
    )
    .option('-o, --output-file <path>', 'write the report to a file instead of standard output')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseInteger('--max-warnings'))
    .option('--quiet', 'report errors only')
    .option('--fix', 'apply safe fixes and write the fixed files')
    .option('--base <ref>', 'a git revision to compare with, for rules such as chart-version-bumped')
    .option(
      '--staged',
      "lint what the next commit records (git's index): the staged files, and repository rules on the whole index",
    )
    .option('--cache', "reuse results for unchanged files and store this run's")
    .option(
      '--cache-location <path>',
      'with --cache: the cache file or directory (default: node_modules/.cache/gitops-init/, else .gitops-init-cache/)',
    )
    .option(
      '--concurrency <n|auto|off>',
      'threads for the per-file rules: a number, auto (one per core for large repositories) or off',
      parseConcurrency,
      'auto',
    )
    .addOption(
      new Option('--kind <kind>', 'repository kind, overriding gitops.yaml').choices(['infrastructure', 'application']),
    )
    .addOption(new Option('--tool <tool>', 'GitOps tool, overriding gitops.yaml').choices(['argocd', 'flux', 'helm']))
    .option('-c, --config <file>', 'descriptor to use instead of gitops.yaml at the repository root')
    .option('--rule <id=severity>', "set a rule's severity (off, warn, error), repeatable", collect)
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .action(async (paths: string[], options: Record<string, unknown>) => {
      const { runLint } = await import('./commands/lint.js');
      setExitCode(await runLint(paths, options, commandCwd(program, io), io));
    });

  program
    .command('new')
    .description('create an infrastructure or application GitOps repository (a wizard on a terminal)')
    .argument('[dir]', 'directory of the new repository', '.')
    .addOption(new Option('--kind <kind>', 'repository kind').choices(['infrastructure', 'application']))
    .addOption(new Option('--tool <tool>', 'GitOps tool').choices(['argocd', 'flux', 'helm']))
    .option('--name <name>', 'repository name (a DNS-1123 label)')
    .option('--org <org>', 'GitHub organisation or GitLab group')
    .option('--platform-team <team>', 'platform team, as @org/team')
    .option(
      '--app-team <teams>',
      'owning team of an application repository, or the tenant teams of an infrastructure one (comma-separated)',
    )
    .option('--envs <list>', 'environments in promotion order, comma-separated (default dev,staging,production)')
    .addOption(new Option('--host <host>', 'where the repository is hosted').choices(['github', 'gitlab']))
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
    .option('-y, --yes', 'use defaults for every answer not given')
    .option('--dry-run', 'print the plan (create, unchanged, conflict) and write nothing')
    .option('--force', 'overwrite files whose content differs')
    .option('--no-git', 'do not run git init')
    .option('--commit', 'make the first commit')
    .option('--answers <file>', 'YAML file of answers, keyed by flag name (kind, tool, platform-team, …)')
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { runNew } = await import('./commands/new.js');
      setExitCode(await runNew(dir, options, commandCwd(program, io), io));
    });

  const versionCommand = program
    .command('version')
    .description('show the version and where each source stands; bump and tag it');
  versionCommand.option('--json', 'print JSON').action(async (options: { json?: boolean }) => {
    const { runVersion } = await import('./commands/release.js');
    setExitCode(runVersion(options, commandCwd(program, io), io));
  });
  versionCommand
    .command('bump')
    .description("raise the version in every source and move CHANGELOG.md's Unreleased section to it")
    .addArgument(new Argument('<level>', 'which part to raise').choices(['major', 'minor', 'patch', 'prerelease']))
    .option(
      '--preid <id>',
      'pre-release identifier, e.g. rc (with major, minor or patch: a pre-release of that version)',
    )
    .action(async (level: string, options: { preid?: string }) => {
      const { runBump } = await import('./commands/release.js');
      setExitCode(await runBump(level, options, commandCwd(program, io), io));
    });
  versionCommand
    .command('tag')
    .description('create the annotated tag v<version> on HEAD (refuses a dirty tree or an existing tag)')
    .action(async () => {
      const { runTag } = await import('./commands/release.js');
      setExitCode(await runTag(commandCwd(program, io), io));
    });

  const releaseCommand = program
    .command('release')
    .description('coordinated releases: the application and infrastructure versions tested together');
  releaseCommand
    .command('create')
    .description('write releases/release-<app>-<infra>.yaml as a candidate')
    .option('--app <version>', 'application version')
    .option('--infra <version>', 'infrastructure version')
    .option('--environment <env>', 'target environment')
    .option('--app-team <team>', 'application team that must approve (default: the one in gitops.yaml)')
    .option('--component <name=version>', 'another component and its version (repeatable)', collect)
    .option('--notes <text>', 'release notes')
    .option('--allow-downgrade', 'allow versions older than the newest release')
    .action(async (options: Record<string, unknown>) => {
      const { runReleaseCreate } = await import('./commands/release.js');
      setExitCode(await runReleaseCreate(options, commandCwd(program, io), io));
    });
  releaseCommand
    .command('approve')
    .description("record a team's approval of a release")
    .argument('<name>', 'release name, e.g. release-1.5.3-2.1.0')
    .option('--team <team>', 'the approving team, @org/team')
    .option('--by <user>', 'the approver')
    .action(async (name: string, options: { team?: string; by?: string }) => {
      const { runReleaseApprove } = await import('./commands/release.js');
      setExitCode(await runReleaseApprove(name, options, commandCwd(program, io), io));
    });
  releaseCommand
    .command('promote')
    .description('mark an approved release promoted (inside a release window, if configured)')
    .argument('<name>', 'release name')
    .option('--emergency', 'promote without approvals or outside the windows; needs --reason')
    .option('--reason <text>', 'why, recorded in the manifest')
    .action(async (name: string, options: { emergency?: boolean; reason?: string }) => {
      const { runReleasePromote } = await import('./commands/release.js');
      setExitCode(await runReleasePromote(name, options, commandCwd(program, io), io));
    });
  releaseCommand
    .command('tag')
    .description('create the annotated tag release-<app>-<infra> on HEAD for an approved release')
    .argument('<name>', 'release name')
    .action(async (name: string) => {
      const { runReleaseTag } = await import('./commands/release.js');
      setExitCode(await runReleaseTag(name, commandCwd(program, io), io));
    });
  releaseCommand
    .command('changelog')
    .description('write RELEASES.md with every release, its versions, approvals and dates')
    .action(async () => {
      const { runReleaseChangelog } = await import('./commands/release.js');
      setExitCode(await runReleaseChangelog(commandCwd(program, io), io));
    });
  releaseCommand
    .command('list')
    .description('list releases in semver order with their status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { runReleaseList } = await import('./commands/release.js');
      setExitCode(runReleaseList(options, commandCwd(program, io), io));
    });
  releaseCommand
    .command('rollback')
    .description("roll forward to the previous (or named) release's versions: a new manifest with rollback_of")
    .option('--to <name>', 'the release to return to')
    .action(async (options: { to?: string }) => {
      const { runReleaseRollback } = await import('./commands/release.js');
      setExitCode(await runReleaseRollback(options, commandCwd(program, io), io));
    });

  program
    .command('rules')
    .description('list the rules with their category, default severity and description')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { runRules } = await import('./commands/rules.js');
      setExitCode(runRules(options, io));
    });

  program
    .command('owners')
    .description('show who owns each path and the CODEOWNERS line that decided, as the host reads it')
    .argument('[paths...]', 'paths to look up (they need not exist); every tracked file when none are given')
    .option('--json', 'print JSON: [{ path, owners, line, pattern, section }]')
    .addOption(
      new Option('--unowned', 'list the tracked files without an owner (exit 1 when there are any)').conflicts('owner'),
    )
    .option('--owner <owner>', 'list the tracked files this owner owns (@user, @org/team or an e-mail address)')
    .option('-c, --config <file>', 'descriptor to use instead of gitops.yaml at the repository root')
    .action(async (paths: string[], options: Record<string, unknown>) => {
      const { runOwners } = await import('./commands/owners.js');
      setExitCode(await runOwners(paths, options, commandCwd(program, io), io));
    });

  program
    .command('codeowners')
    .description('manage CODEOWNERS')
    .command('sync')
    .description('write the block of CODEOWNERS generated from the ownership map in gitops.yaml (other lines are kept)')
    .option('--check', 'exit 1 when CODEOWNERS is out of date, without writing it')
    .option('-c, --config <file>', 'descriptor to use instead of gitops.yaml at the repository root')
    .action(async (options: { check?: boolean; config?: string }) => {
      const { runCodeownersSync } = await import('./commands/codeowners.js');
      setExitCode(await runCodeownersSync(options, commandCwd(program, io), io));
    });

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
    .option('-c, --config <file>', 'descriptor to use instead of gitops.yaml at the repository root')
    .action(async (options: Record<string, unknown>) => {
      const { runProtectRender } = await import('./commands/protect.js');
      setExitCode(await runProtectRender(options, commandCwd(program, io), io));
    });
  for (const name of ['diff', 'apply'] as const) {
    const command = protect
      .command(name)
      .description(
        name === 'diff'
          ? 'compare the live rulesets and branch protection of a GitHub repository with the policy, field by field (exit 1 on drift)'
          : 'create or update the rulesets and branch protection of a GitHub repository to match the policy (asks on a terminal)',
      )
      .requiredOption('--repo <owner/name>', 'the GitHub repository')
      .option(
        '--api-url <url>',
        'REST API root for GitHub Enterprise (default GITHUB_API_URL, else https://api.github.com)',
      )
      .addOption(
        new Option(
          '--target <target>',
          'only rulesets or only the classic branch protection (default from protection.targets)',
        ).choices(['github-ruleset', 'github-branch-protection']),
      )
      .option('-c, --config <file>', 'descriptor to use instead of gitops.yaml at the repository root');
    if (name === 'apply') command.option('-y, --yes', 'apply without asking (needed without a terminal)');
    command.action(async (options: { repo: string }) => {
      const { runProtectDiff, runProtectApply } = await import('./commands/protect.js');
      const run = name === 'diff' ? runProtectDiff : runProtectApply;
      setExitCode(await run(options, commandCwd(program, io), io));
    });
  }

  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and returns the exit
 * status: 0 clean, 1 findings or a refused action, 2 usage, configuration or internal error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  // With no command (global options at most), gitops-init runs `new`: the wizard on a terminal.
  const args = [...argv];
  let index = 0;
  while (index < args.length) {
    const arg = args[index] ?? '';
    if (arg === '-C' || arg === '--cwd') index += 2;
    else if (arg.startsWith('--cwd=')) index += 1;
    else break;
  }
  if (index >= args.length) args.push('new');
  argv = args;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
      return USAGE_CODES.has(error.code) ? 2 : error.exitCode === 0 ? 0 : 2;
    }
    if (isGitopsError(error) && error.code !== 'INTERNAL') {
      io.stderr(`${formatError(error)}\n`);
      return error.exitCode;
    }
    const { version, bugs } = packageInfo();
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `gitops-init: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
        `This is a bug in gitops-init; please report it at ${bugs} with the lines below.\n` +
        `gitops-init ${version}, Node.js ${process.version}, ${process.platform}\n${detail}\n`,
    );
    return 2;
  }
}

export { UsageError };
