import { Option, type Command } from 'commander';
import type { RawAnswers } from '../api/scaffold.js';

/**
 * The flags that name a repository's answers, shared by `new` and `init`: the same names with
 * the same meaning, so that what a user learnt for one works for the other.
 */
export interface AnswerFlags {
  kind?: string;
  tool?: string;
  name?: string;
  org?: string;
  platformTeam?: string;
  appTeam?: string;
  envs?: string;
  host?: string;
}

/** Adds the answer flags to a command; `envsHelp` says what `--envs` defaults to there. */
export function addAnswerOptions(command: Command, envsHelp: string): Command {
  return command
    .addOption(new Option('--kind <kind>', 'repository kind').choices(['infrastructure', 'application']))
    .addOption(new Option('--tool <tool>', 'GitOps tool').choices(['argocd', 'flux', 'helm']))
    .option('--name <name>', 'repository name (a DNS-1123 label)')
    .option('--org <org>', 'GitHub organisation or GitLab group')
    .option('--platform-team <team>', 'platform team, as @org/team')
    .option(
      '--app-team <teams>',
      'owning team of an application repository, or the tenant teams of an infrastructure one (comma-separated)',
    )
    .option('--envs <list>', envsHelp)
    .addOption(new Option('--host <host>', 'where the repository is hosted').choices(['github', 'gitlab']));
}

/** The answers the flags give, keyed as the API names them (`flagOf` maps an answer to its flag). */
export function answersFromFlags<Key extends string, Flags extends object>(
  flags: Flags,
  flagOf: Record<Key, keyof Flags>,
): RawAnswers {
  const raw: RawAnswers = {};
  for (const [key, flag] of Object.entries(flagOf) as [Key, keyof Flags][]) {
    const value = flags[flag];
    if (typeof value === 'string') (raw as Record<string, string>)[key] = value;
  }
  return raw;
}
