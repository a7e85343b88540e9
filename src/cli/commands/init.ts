import path from 'node:path';
import type { Command } from 'commander';
import type { AdoptionAnswerKey, Inferred, InitPlan, InitResult } from '../../api/init.js';
import type { RawAnswers } from '../../api/scaffold.js';
import { oneLine, RefusedError } from '../../errors.js';
import { addAnswerOptions, answersFromFlags, type AnswerFlags } from '../answer-flags.js';
import type { CommandContext } from '../command-context.js';
import { flagName } from '../flags.js';
import type { CliIo } from '../io.js';

export interface InitFlags extends AnswerFlags {
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
}

/** The flags of `new` that name answers gitops.yaml holds. */
const FLAG_KEYS: Record<AdoptionAnswerKey, keyof InitFlags> = {
  tool: 'tool',
  kind: 'kind',
  name: 'name',
  org: 'org',
  host: 'host',
  envs: 'envs',
  platformTeam: 'platformTeam',
  appTeams: 'appTeam',
};

export function registerInitCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('init')
    .description('adopt an existing repository: write the gitops.yaml inferred from what it holds, and nothing else')
    .argument('[dir]', 'directory of the repository', '.');
  addAnswerOptions(command, 'environments in promotion order, comma-separated')
    .option('-y, --yes', 'take the inferred answers without asking')
    .option('--dry-run', 'print the gitops.yaml it would write, and write nothing')
    .option('--force', 'replace an existing gitops.yaml')
    .action(async (dir: string, flags: InitFlags) => {
      context.setExitCode(await runInit(dir, flags, context.cwd(), context.io));
    });
}

const LABELS: Record<AdoptionAnswerKey, string> = {
  tool: 'tool',
  kind: 'kind',
  name: 'name',
  org: 'organisation',
  host: 'host',
  envs: 'environments',
  platformTeam: 'platform team',
  appTeams: 'teams',
};

function show(value: unknown): string {
  return oneLine(Array.isArray(value) ? value.join(', ') : String(value));
}

function describeSources(inferred: Inferred<unknown>): string {
  const sources = inferred.sources.filter((source) => source !== '');
  const listed = sources.slice(0, 3).map(oneLine).join(', ') + (sources.length > 3 ? `, … (${sources.length})` : '');
  return listed === '' ? oneLine(inferred.reason) : `${listed}: ${oneLine(inferred.reason)}`;
}

/** The inferred answers, one a line, each with what decided it. */
function renderPlan(plan: InitPlan, shown: string): string {
  const { adoption } = plan;
  const rows: [string, string, string][] = [];
  const add = (label: string, inferred: Inferred<unknown> | undefined): void => {
    rows.push(inferred ? [label, show(inferred.value), describeSources(inferred)] : [label, '-', 'nothing decided it']);
  };
  for (const key of Object.keys(LABELS) as AdoptionAnswerKey[]) {
    const label =
      key === 'appTeams' ? (adoption.kind.value === 'application' ? 'application team' : 'tenant teams') : LABELS[key];
    add(label, plan.answers[key]);
  }
  add('repository URL', adoption.repositoryUrl);
  if (adoption.kind.value === 'application') add('namespaces', adoption.namespaces);
  else add('platform workloads', adoption.workloadNamespaces);
  const tool = plan.answers.tool?.value ?? 'flux';
  add('required paths', adoption.layouts[`${adoption.kind.value}/${tool}`]);
  const width = rows.reduce((widest, [label]) => Math.max(widest, label.length), 0);
  const valueWidth = Math.min(
    30,
    rows.reduce((widest, [, value]) => Math.max(widest, value.length), 0),
  );
  const { scanned } = adoption;
  const lines = [
    `Inferred from ${oneLine(shown)} (${scanned.files} files; ${scanned.objects} Kubernetes objects in ${scanned.manifests} manifests, ${scanned.templates} templates, ${scanned.charts} Helm charts):`,
    ...rows.map(([label, value, why]) => `  ${label.padEnd(width)}  ${value.padEnd(valueWidth)}  ${why}`),
    ...adoption.notes.map((note) => `  note: ${oneLine(note)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function nextSteps(result: InitResult, shown: string): string {
  const steps: [string, string][] = [
    ['npx gitops-init new --dry-run', 'what a full scaffold would add (writes nothing)'],
    ['npx gitops-init codeowners sync', 'CODEOWNERS from an ownership map, once gitops.yaml has one'],
    ['npx gitops-init protect render', "the host's branch protection files, from gitops.yaml's policy"],
    ['npx gitops-init lint --suppress-all', "record today's findings, so that lint reports only new ones"],
  ];
  const width = steps.reduce((widest, [command]) => Math.max(widest, command.length), 0);
  const lines = [
    ...(shown === '.' ? [] : [`  cd ${oneLine(shown)}`]),
    ...steps.map(([command, why]) => `  ${command.padEnd(width)}  # ${why}`),
  ];
  return `Next:\n${lines.join('\n')}\n`;
}

export async function runInit(
  directory: string | undefined,
  flags: InitFlags,
  cwd: string,
  io: CliIo,
): Promise<number> {
  const api = await import('../../api/init.js');
  const base = {
    cwd,
    ...(directory === undefined ? {} : { directory }),
    force: flags.force === true,
    dryRun: flags.dryRun === true,
  };
  const plan = await api.planInit(base);
  const relative = path.relative(cwd, plan.root);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  const shown = relative === '' ? '.' : outside ? plan.root : relative;
  io.stdout(renderPlan(plan, shown));
  let answers = answersFromFlags(flags, FLAG_KEYS);
  let yes = flags.yes === true;
  if (!yes && io.isTTY && io.stdinIsTTY) {
    const keys = api.ADOPTION_ANSWER_KEYS.filter((key) => answers[key] === undefined);
    try {
      const plop = await api.initPrompts(plan, answers, keys, flagName);
      const chosen = (await plop.getGenerator(api.ADOPTION_GENERATOR).runPrompts()) as RawAnswers;
      answers = { ...answers, ...chosen };
    } catch (error) {
      if (error instanceof Error && /force closed|SIGINT|ExitPrompt/i.test(`${error.name} ${error.message}`)) {
        throw new RefusedError('cancelled; nothing was written');
      }
      throw error;
    }
    yes = true;
  }
  const result = await api.init({ ...base, answers, yes, plan });
  for (const key of result.defaulted)
    io.stdout(`  note: no file decided the ${LABELS[key]}: ${show(result.answers[key])}, gitops-init's default\n`);
  if (result.dryRun) {
    io.stdout(`${result.text}Dry run for ${oneLine(shown)}: ${result.file} was not written.\n`);
    return 0;
  }
  io.stdout(
    `${result.overwritten ? 'Replaced' : 'Wrote'} ${shown === '.' ? result.file : `${oneLine(shown)}/${result.file}`}: an ${result.answers.kind} repository deployed with ${result.answers.tool}; no other file was changed.\n`,
  );
  io.stdout(nextSteps(result, shown));
  return 0;
}
