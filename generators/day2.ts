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
