import type { OptionNamer } from '../errors.js';

/**
 * The flag of each API option key that errors name (`{{option:key}}` in a message template).
 * Keys are the API's option names, the same in every command that has them; an answer of
 * `scaffold()` is `answers.<key>`. test/cli/flags.test.ts checks that every key used in src/ and
 * rules/ is here.
 */
const FLAGS: Readonly<Record<string, string>> = {
  cwd: '-C <dir>',
  configFile: '--config',
  rules: '--rule',
  format: '--format',
  outputFile: '--output-file',
  maxWarnings: '--max-warnings',
  cacheLocation: '--cache-location',
  concurrency: '--concurrency',
  base: '--base',
  staged: '--staged',
  cache: '--cache',
  kind: '--kind',
  fix: '--fix',
  // lint's bulk suppressions
  suppressAll: '--suppress-all',
  suppressRules: '--suppress-rule',
  pruneSuppressions: '--prune-suppressions',
  suppressionsLocation: '--suppressions-location',
  passOnUnprunedSuppressions: '--pass-on-unpruned-suppressions',
  force: '--force',
  dryRun: '--dry-run',
  yes: '--yes',
  // owners
  owner: '--owner',
  // protect
  apiUrl: '--api-url',
  repository: '--repo',
  target: '--target',
  targets: '--target',
  // release approve --pr
  pr: '--pr',
  // audit
  org: '--org',
  group: '--group',
  repos: '--repos',
  includeArchived: '--include-archived',
  // version
  preid: '--preid',
  // release
  app: '--app',
  infra: '--infra',
  environment: '--environment',
  appTeam: '--app-team',
  appName: '--app-name',
  components: '--component',
  allowDowngrade: '--allow-downgrade',
  team: '--team',
  by: '--by',
  emergency: '--emergency',
  reason: '--reason',
  to: '--to',
  appRepo: '--app-repo',
  infraRepo: '--infra-repo',
  noVerify: '--no-verify',
  // add env, remove env
  after: '--after',
  allowDirty: '--allow-dirty',
  // add component
  category: '--category',
  chart: '--chart',
  chartRepo: '--chart-repo',
  chartVersion: '--chart-version',
  namespace: '--namespace',
  // add tenant
  name: '--name',
  namespaces: '--namespace',
  repositoryUrl: '--repository',
  environments: '--envs',
  // new: the answers are flags of their own; the answers file is --answers
  answers: 'flags',
  answersFile: '--answers',
  'answers.kind': '--kind',
  'answers.tool': '--tool',
  'answers.name': '--name',
  'answers.org': '--org',
  'answers.platformTeam': '--platform-team',
  'answers.appTeams': '--app-team',
  'answers.envs': '--envs',
  'answers.host': '--host',
  'answers.ci': '--ci',
  'answers.hooks': '--hooks',
  'answers.defaultBranch': '--default-branch',
  'answers.auditOrg': '--audit-org',
};

/** Names an option by its flag; a key without a flag (a programming error) stays as it is. */
export const flagName: OptionNamer = (option) => FLAGS[option] ?? option;

/** Every option key the CLI has a flag for (for tests that check the messages' keys). */
export const FLAGGED_OPTIONS: readonly string[] = Object.keys(FLAGS);
