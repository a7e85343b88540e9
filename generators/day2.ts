import nodePlop, { type PromptQuestion } from 'node-plop';

/** One question of a day-2 command's wizard: an answer the command was not given. */
export interface Day2Question {
  /** The answer's key in the result. */
  name: string;
  message: string;
  /** A list to choose from; otherwise free input. */
  choices?: readonly string[];
  /** Preselected choice or prefilled input (a function of the answers so far). */
  default?: string | ((answers: Record<string, string>) => string);
  /** Checks free input as the command's flags are checked: true, or what is wrong. */
  validate?: (input: string) => string | true;
}

function prompt(question: Day2Question): PromptQuestion {
  const base = { name: question.name, message: question.message };
  if (question.choices) {
    return {
      ...base,
      type: 'list',
      choices: question.choices.map((value) => ({ name: value, value })),
      ...(question.default === undefined ? {} : { default: question.default }),
    };
  }
  const validate = question.validate;
  return {
    ...base,
    type: 'input',
    ...(question.default === undefined ? {} : { default: question.default }),
    ...(validate === undefined ? {} : { validate: (input: unknown) => validate(String(input).trim()) }),
    filter: (input: unknown) => String(input).trim(),
  };
}

/**
 * Asks a day-2 command's missing answers on the terminal, through a plop generator named after
 * the command (`add-env`, `add-tenant`, …). The generator has no actions: the command plans
 * and writes its changes itself, after the wizard, so that the plan can be shown first.
 */
export async function askDay2(
  generator: string,
  description: string,
  questions: readonly Day2Question[],
): Promise<Record<string, string>> {
  if (questions.length === 0) return {};
  const plop = await nodePlop(undefined, { destBasePath: process.cwd(), force: false });
  plop.setGenerator(generator, { description, prompts: questions.map(prompt), actions: [] });
  return (await plop.getGenerator(generator).runPrompts()) as Record<string, string>;
}

/** Asks whether to carry out a plan the terminal shows (yes by default). */
export async function confirmDay2(generator: string, message: string): Promise<boolean> {
  const plop = await nodePlop(undefined, { destBasePath: process.cwd(), force: false });
  plop.setGenerator(generator, {
    description: message,
    prompts: [{ type: 'confirm', name: 'confirmed', message, default: true }],
    actions: [],
  });
  const answers = (await plop.getGenerator(generator).runPrompts()) as { confirmed?: boolean };
  return answers.confirmed === true;
}

/** The questions of `add env` and `remove env` for what was not given. */
export function environmentQuestions(
  verb: 'add' | 'remove',
  environments: readonly string[],
  missing: { name: boolean; after: boolean },
  nameProblem: (name: string) => string | undefined,
): Day2Question[] {
  const questions: Day2Question[] = [];
  if (verb === 'remove') {
    if (missing.name) {
      questions.push({ name: 'name', message: 'Which environment should be removed?', choices: environments });
    }
    return questions;
  }
  if (missing.name) {
    questions.push({
      name: 'name',
      message: 'Name of the new environment (a DNS label):',
      validate: (input) =>
        nameProblem(input) ?? (environments.includes(input) ? `"${input}" is already an environment` : true),
    });
  }
  if (missing.after) {
    questions.push({
      name: 'after',
      message: 'Which environment is it promoted from?',
      choices: environments,
      default: environments[Math.max(0, environments.length - 2)] ?? '',
    });
  }
  return questions;
}

type ComponentInput = 'name' | 'chart' | 'chartRepo' | 'chartVersion' | 'namespace';

/** The questions of `add component` / `remove component` for what was not given. */
export function componentQuestions(
  verb: 'add' | 'remove',
  categories: readonly string[],
  missing: { name: boolean; category: boolean; chart: boolean; chartRepo: boolean; chartVersion: boolean },
  problem: (key: ComponentInput, value: string) => string | undefined,
): Day2Question[] {
  const check = (key: ComponentInput) => (input: string) => problem(key, input) ?? true;
  const questions: Day2Question[] = [];
  if (missing.name) {
    questions.push({
      name: 'name',
      message: verb === 'add' ? 'Name of the component (a DNS label):' : 'Which component should be removed?',
      validate: check('name'),
    });
  }
  if (verb === 'remove') return questions;
  if (missing.category) {
    questions.push({ name: 'category', message: 'Which category does it belong to?', choices: categories });
  }
  if (missing.chart) {
    questions.push({
      name: 'chart',
      message: 'Helm chart:',
      default: (answers) => answers.name ?? '',
      validate: check('chart'),
    });
  }
  if (missing.chartRepo) {
    questions.push({
      name: 'chartRepo',
      message: 'Chart repository (https:// or oci:// URL):',
      validate: check('chartRepo'),
    });
  }
  if (missing.chartVersion) {
    questions.push({
      name: 'chartVersion',
      message: 'Chart version to pin (exact, e.g. 3.3.4):',
      validate: check('chartVersion'),
    });
  }
  return questions;
}

/** What the tenant questions know of the repository. */
export interface TenantContext {
  org: string;
  envs: readonly string[];
  tenants: readonly { name: string; team: string; namespaces: readonly string[] }[];
  /** The default repository URL of a tenant of that name. */
  repository: (name: string) => string;
}

const TEAM_PATTERN = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)\/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/;
const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const items = (input: string): string[] =>
  input
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * The questions of `add tenant` / `remove tenant` for what was not given: for `add`, the team
 * (then its name, namespaces, repository and environments, each with the default the flags have);
 * for `remove`, the tenant to offboard, from the repository's tenants.
 */
export function tenantQuestions(
  verb: 'add' | 'remove',
  context: TenantContext,
  missing: { team: boolean; details: boolean },
): Day2Question[] {
  if (verb === 'remove') {
    return missing.team
      ? [{ name: 'team', message: 'Which tenant should be offboarded?', choices: context.tenants.map((t) => t.name) }]
      : [];
  }
  const questions: Day2Question[] = [];
  const slug = (answers: Record<string, string>): string =>
    (TEAM_PATTERN.exec(answers.team ?? '')?.[2] ?? '').toLowerCase();
  if (missing.team) {
    questions.push({
      name: 'team',
      message: `Application team (@${context.org}/team-slug):`,
      validate: (input) => {
        const match = TEAM_PATTERN.exec(input);
        if (!match) return 'must be a team as @org/team-slug';
        if (match[1]?.toLowerCase() !== context.org.toLowerCase()) return `the team must belong to ${context.org}`;
        if (context.tenants.some((tenant) => tenant.team.toLowerCase() === input.toLowerCase())) {
          return `${input} is already a tenant`;
        }
        return true;
      },
    });
  }
  if (!missing.details) return questions;
  const taken = (name: string): boolean => context.tenants.some((tenant) => tenant.name === name);
  questions.push(
    {
      name: 'name',
      message: 'Tenant name (a DNS label):',
      default: slug,
      validate: (input) =>
        !LABEL.test(input) ? 'not a DNS label' : taken(input) ? `"${input}" is already a tenant's name` : true,
    },
    {
      name: 'namespaces',
      message: 'Namespaces, comma-separated (the first is the one it deploys to):',
      default: (answers) => answers.name ?? slug(answers),
      validate: (input) => {
        const list = items(input);
        if (list.length === 0) return 'give at least one namespace';
        const bad = list.find((namespace) => !LABEL.test(namespace));
        if (bad !== undefined) return `"${bad}" is not a namespace name (a DNS label)`;
        const used = list.find((namespace) => context.tenants.some((tenant) => tenant.namespaces.includes(namespace)));
        return used === undefined ? true : `namespace "${used}" belongs to another tenant`;
      },
    },
    {
      name: 'repository',
      message: 'Its application repository (clone URL):',
      default: (answers) => context.repository(answers.name ?? slug(answers)),
      validate: (input) => (input === '' ? 'give the clone URL' : true),
    },
    {
      name: 'environments',
      message: 'Environments it is onboarded in, comma-separated:',
      default: context.envs.join(','),
      validate: (input) => {
        const list = items(input);
        if (list.length === 0) return 'give at least one environment';
        const unknown = list.find((env) => !context.envs.includes(env));
        return unknown === undefined ? true : `"${unknown}" is not an environment (${context.envs.join(', ')})`;
      },
    },
  );
  return questions;
}
