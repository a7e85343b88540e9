import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ActionType, PromptQuestion } from 'node-plop';
import { nameOptions, type OptionNamer } from '../src/errors.js';
import {
  answerOption,
  CI_SYSTEMS,
  HOOK_MANAGERS,
  HOSTS,
  KINDS,
  TOOLS,
  validateAnswers,
  type AnswerKey,
  type RawAnswers,
} from '../src/scaffold/answers.js';
import { RENDER_ACTION, type RenderActionConfig, type ScaffoldGenerator } from '../src/scaffold/generator.js';
import type { TemplateModel } from '../src/scaffold/model.js';
import { relativePosix } from '../src/files/paths.js';

/** A folder of templates under templates/ and when it applies. */
export interface TemplateSet {
  folder: string;
  when: (model: TemplateModel) => boolean;
}

/** Template sets every repository kind shares: descriptor, docs, ownership, protection, CI, hooks. */
export const SHARED_TEMPLATE_SETS: readonly TemplateSet[] = [
  { folder: 'shared/common', when: () => true },
  { folder: 'shared/host-github', when: (model) => model.host === 'github' },
  { folder: 'shared/host-gitlab', when: (model) => model.host === 'gitlab' },
  { folder: 'shared/ci-github', when: (model) => model.ci === 'github' },
  { folder: 'shared/ci-gitlab', when: (model) => model.ci === 'gitlab' },
  { folder: 'shared/hooks-husky', when: (model) => model.hooks === 'husky' },
  { folder: 'shared/hooks-pre-commit', when: (model) => model.hooks === 'pre-commit' },
  { folder: 'shared/audit-github', when: (model) => model.auditOrg !== '' && model.ci === 'github' },
];

function listTemplates(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => relativePosix(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

interface Repetition {
  placeholder: string;
  key: string;
  values: (model: TemplateModel) => readonly unknown[];
  label: (value: unknown) => string;
  /** More values for one repetition, e.g. whether it is the last environment. */
  extra?: (index: number, count: number, model: TemplateModel, value: unknown) => Record<string, unknown>;
}

/**
 * Path segments that repeat a template: `__env__` (each environment), `__tenant__` (each
 * application team of an infrastructure repository), `__component__` (each infrastructure
 * component). `__branch__` is the default branch, made safe for a file name.
 */
const REPETITIONS: readonly Repetition[] = [
  {
    placeholder: '__env__',
    key: 'env',
    values: (model) => model.envs,
    label: String,
    // The last environment in promotion order is production-like: more replicas and resources.
    // In an environment's files, `tenants` are the tenants onboarded in that environment.
    extra: (index, count, model, env) => ({
      isLastEnv: index === count - 1,
      tenants: model.tenants.filter((tenant) => tenant.environments.includes(String(env))),
    }),
  },
  {
    placeholder: '__tenant__',
    key: 'tenant',
    values: (model) => model.tenants,
    label: (tenant) => (tenant as { name: string }).name,
  },
  { placeholder: '__component__', key: 'component', values: (model) => model.components, label: String },
];

/** Placeholders of output paths: each stands for a path segment, or part of one, of any answers. */
export const PATH_PLACEHOLDERS: readonly string[] = ['__branch__', ...REPETITIONS.map((entry) => entry.placeholder)];

/** A template that applies to a model, and the output path it renders, placeholders and all. */
export interface TemplateOutput {
  /** Absolute path of the template. */
  templateFile: string;
  /** Repository-relative output path, with its placeholders (`__env__`, `__tenant__`, …). */
  output: string;
}

/** The templates of the sets that apply to a model, with their output paths, in a stable order. */
export function templateOutputs(
  templatesRoot: string,
  sets: readonly TemplateSet[],
  model: TemplateModel,
): TemplateOutput[] {
  return sets
    .filter((set) => set.when(model))
    .flatMap((set) => {
      const folder = path.join(templatesRoot, set.folder);
      return listTemplates(folder).map((template) => ({
        templateFile: path.join(folder, template),
        output: template.slice(0, -'.hbs'.length),
      }));
    });
}

/** One render action per output file, in a stable order. */
export function templateActions(
  templatesRoot: string,
  sets: readonly TemplateSet[],
  model: TemplateModel,
): ActionType[] {
  const actions: ActionType[] = [];
  for (const { templateFile, output: pattern } of templateOutputs(templatesRoot, sets, model)) {
    const output = pattern.replaceAll('__branch__', model.branchFileName);
    let variants: { data: Record<string, unknown>; target: string }[] = [{ data: {}, target: output }];
    for (const repetition of REPETITIONS) {
      if (!output.includes(repetition.placeholder)) continue;
      variants = variants.flatMap((variant) =>
        // Values of an inner repetition as the outer one sees them (the tenants of an environment).
        repetition.values({ ...model, ...variant.data }).map((value, index, all) => ({
          data: { ...variant.data, [repetition.key]: value, ...repetition.extra?.(index, all.length, model, value) },
          target: variant.target.replaceAll(repetition.placeholder, repetition.label(value)),
        })),
      );
    }
    for (const variant of variants) {
      const config: RenderActionConfig = {
        type: RENDER_ACTION,
        path: variant.target,
        templateFile,
        data: variant.data,
        abortOnFail: true,
        ...(variant.target.startsWith('.husky/') ? { mode: 0o755 } : {}),
      };
      actions.push(config);
    }
  }
  return actions;
}

const CHOICES: Partial<Record<AnswerKey, readonly string[]>> = {
  kind: KINDS,
  tool: TOOLS,
  host: HOSTS,
  ci: CI_SYSTEMS,
  hooks: HOOK_MANAGERS,
};

const MESSAGES: Record<AnswerKey, string> = {
  kind: 'Which kind of repository?',
  tool: 'Which GitOps tool deploys it?',
  name: 'Repository name (a DNS-1123 label):',
  org: 'GitHub organisation or GitLab group:',
  platformTeam: 'Platform team (@org/team):',
  appTeams: 'Application team(s) (@org/team, comma-separated):',
  envs: 'Environments, in promotion order (comma-separated):',
  host: 'Where is it hosted?',
  ci: 'Which CI runs the lint job?',
  hooks: 'Which pre-commit hook manager?',
  defaultBranch: 'Default branch:',
  auditOrg: 'GitHub organisation or GitLab group to audit every night (empty for none):',
};

/**
 * Wizard questions for the answers not given yet. Each validates with the same checks as the
 * flags, against the answers so far, so the wizard and the flags accept exactly the same input.
 */
export function wizardQuestions(
  keys: readonly AnswerKey[],
  given: RawAnswers,
  defaults: (answers: RawAnswers) => Record<AnswerKey, string>,
  nameOption?: OptionNamer,
): PromptQuestion[] {
  return keys.map((key) => {
    const choices = CHOICES[key];
    const validate = (input: unknown, answers: RawAnswers = {}): string | true => {
      const merged: RawAnswers = { ...defaults({ ...given, ...answers }), ...given, ...answers, [key]: String(input) };
      const problem = validateAnswers(merged, '1970-01-01').problems.find((entry) => entry.key === key);
      // The question names the answer already: the message goes without its leading option.
      return problem ? nameOptions(problem.message.replace(`${answerOption(key)} `, ''), nameOption) : true;
    };
    const question: Record<string, unknown> = {
      name: key,
      message: MESSAGES[key],
      default: (answers: RawAnswers) => defaults({ ...given, ...answers })[key],
    };
    if (choices) {
      question.type = 'list';
      question.choices = choices.map((value) => ({ name: value, value }));
    } else {
      question.type = 'input';
      question.validate = validate;
    }
    return question;
  });
}

/** Registers the wizard's first step, which asks only for the repository kind. */
export const registerKindChooser: ScaffoldGenerator = (plop, options) => {
  plop.setGenerator('gitops-init', {
    description: 'Choose the kind of GitOps repository to create',
    prompts: wizardQuestions(
      options.missing.includes('kind') ? ['kind'] : [],
      options.given,
      options.defaults,
      options.nameOption,
    ),
    actions: [],
  });
};
