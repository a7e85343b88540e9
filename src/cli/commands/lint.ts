import { InvalidArgumentError, Option, type Command } from 'commander';
import type { GitopsTool, RepositoryKind, RuleEntry } from '../../api/descriptor.js';
import { UsageError } from '../../errors.js';
import type { LintResult } from '../../formatters/index.js';
import { packageInfo } from '../../package-info.js';
import { collect, CONFIG_DESCRIPTION, CONFIG_FLAG, parseInteger, type CommandContext } from '../command-context.js';
import { flagName } from '../flags.js';
import { useColor, type CliIo } from '../io.js';

interface LintFlags {
  format?: string;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  fix?: boolean;
  kind?: RepositoryKind;
  tool?: GitopsTool;
  config?: string;
  rule?: string[];
  color?: boolean;
  staged?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  base?: string;
  concurrency?: number | 'auto';
  suppressAll?: boolean;
  suppressRule?: string[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
  passOnUnprunedSuppressions?: boolean;
}

function parseRuleFlags(values: readonly string[] | undefined): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const value of values ?? []) {
    const match = /^([a-z0-9-]+)\s*[=:]\s*(off|warn|error|0|1|2)$/.exec(value.trim());
    if (!match?.[1] || !match[2]) {
      throw new UsageError(`--rule "${value}": expected <rule-id>=<off|warn|error>, e.g. --rule required-paths=warn`);
    }
    const severity = match[2];
    rules[match[1]] = /^\d$/.test(severity) ? (Number(severity) as 0 | 1 | 2) : (severity as 'off' | 'warn' | 'error');
  }
  return rules;
}

/** Built-in formats whose output uses nothing of the rules' metadata. */
const NO_RULES_META_FORMATS = new Set(['stylish', 'json', 'junit', 'github', 'gitlab']);

function onlyErrors(results: LintResult[]): LintResult[] {
  return results.map((result) => ({
    ...result,
    messages: result.messages.filter((message) => message.severity === 2),
    warningCount: 0,
    fixableWarningCount: 0,
  }));
}

function parseConcurrency(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'off') return 1;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError(`--concurrency takes a number of threads, auto or off, got "${value}"`);
  }
  return Number(value);
}

export function registerLintCommand(program: Command, context: CommandContext): void {
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
    .option(CONFIG_FLAG, CONFIG_DESCRIPTION)
    .option('--rule <id=severity>', "set a rule's severity (off, warn, error), repeatable", collect)
    .option('--suppress-all', "accept this run's errors in the suppressions file, so that only new ones fail")
    .option('--suppress-rule <id>', "as --suppress-all, for this rule's errors only (repeatable)", collect)
    .option('--prune-suppressions', 'remove suppressions of errors that no longer occur from the suppressions file')
    .option(
      '--suppressions-location <file>',
      'the suppressions file, in the repository (default: gitops-init-suppressions.json in its root)',
    )
    .option('--pass-on-unpruned-suppressions', 'do not fail (exit 2) on suppressions of errors that no longer occur')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours')
    .action(async (paths: string[], flags: LintFlags) => {
      context.setExitCode(await runLint(paths, flags, context.cwd(), context.io));
    });
}

export async function runLint(paths: string[], flags: LintFlags, cwd: string, io: CliIo): Promise<number> {
  const [{ lint }, { loadFormatter, writeReport }] = await Promise.all([
    import('../../api/lint.js'),
    import('../../formatters/index.js'),
  ]);
  const formatter = await loadFormatter(flags.format ?? 'stylish', cwd);
  const report = await lint({
    cwd,
    nameOption: flagName,
    paths,
    fix: flags.fix === true,
    rules: parseRuleFlags(flags.rule),
    ...(flags.kind ? { kind: flags.kind } : {}),
    ...(flags.tool ? { tool: flags.tool } : {}),
    ...(flags.config ? { configFile: flags.config } : {}),
    ...(flags.staged ? { staged: true } : {}),
    ...(flags.base !== undefined ? { base: flags.base } : {}),
    ...(flags.cache ? { cache: true } : {}),
    ...(flags.cacheLocation !== undefined ? { cacheLocation: flags.cacheLocation } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(flags.suppressAll ? { suppressAll: true } : {}),
    ...(flags.suppressRule ? { suppressRules: flags.suppressRule } : {}),
    ...(flags.pruneSuppressions ? { pruneSuppressions: true } : {}),
    ...(flags.suppressionsLocation !== undefined ? { suppressionsLocation: flags.suppressionsLocation } : {}),
    ...(flags.passOnUnprunedSuppressions ? { passOnUnprunedSuppressions: true } : {}),
    // Of the built-in formats only SARIF describes the rules; the others need no rule metadata,
    // so a cached run over unchanged files need not load the rules for them.
    rulesMeta: !NO_RULES_META_FORMATS.has(flags.format ?? 'stylish'),
  });
  for (const notice of report.notices) io.stderr(`gitops-init: ${notice}\n`);
  const results = flags.quiet ? onlyErrors(report.results) : report.results;
  const output = await formatter(results, {
    cwd: report.root,
    rulesMeta: report.rulesMeta,
    version: packageInfo().version,
    color: flags.outputFile ? false : useColor(io, flags.color),
  });
  if (flags.outputFile) {
    await writeReport(cwd, flags.outputFile, output);
  } else if (output !== '') {
    io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  }
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  // As ESLint: suppressions of errors that no longer occur fail the run with 2, after the report.
  const unusedSuppressions = report.suppressions?.problem;
  if (unusedSuppressions !== undefined) {
    io.stderr(`gitops-init: ${unusedSuppressions}\n`);
    return 2;
  }
  if (errors > 0) {
    // In a pre-commit hook: say what to do next, and that skipping the check is a decision.
    if (flags.staged) io.stderr(blockedCommitMessage(errors));
    return 1;
  }
  if (flags.maxWarnings !== undefined && flags.maxWarnings >= 0 && warnings > flags.maxWarnings) {
    io.stderr(`gitops-init found too many warnings (maximum: ${flags.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Two lines for a refused commit: fix and stage, or knowingly skip the hook. */
export function blockedCommitMessage(errors: number): string {
  return (
    `gitops-init: commit blocked by ${errors} ${errors === 1 ? 'error' : 'errors'} (above): fix, git add the fixes and commit again.\n` +
    'gitops-init: to commit without this check, decide so deliberately: git commit --no-verify\n'
  );
}
