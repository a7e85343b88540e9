import nodePlop, { type NodePlopAPI, type PromptQuestion } from 'node-plop';
import type { RepositoryKind } from '../config/descriptor.js';
import { nameOptions, type OptionNamer } from '../errors.js';
import { answerOption, HOSTS, KINDS, TOOLS, type RawAnswers } from '../scaffold/answers.js';
import { checkAdoptionAnswer, inferredAnswers, type AdoptionAnswerKey } from './descriptor.js';
import type { Adoption } from './infer.js';

/** The plop generator whose prompts correct the inferred answers. */
export const ADOPTION_GENERATOR = 'gitops-init-adopt';

/** What a person types to leave an optional answer out of gitops.yaml. */
export const LEAVE_OUT = 'none';

const CHOICES: Partial<Record<AdoptionAnswerKey, readonly string[]>> = { kind: KINDS, tool: TOOLS, host: HOSTS };

const MESSAGES: Record<AdoptionAnswerKey, (answers: RawAnswers) => string> = {
  tool: () => 'Which GitOps tool deploys it?',
  kind: () => 'Which kind of repository is it?',
  name: () => 'Repository name (a DNS-1123 label):',
  org: () => `GitHub organisation or GitLab group (${LEAVE_OUT} to leave out):`,
  host: () => 'Where is it hosted?',
  envs: () => `Environments, in promotion order (comma-separated; ${LEAVE_OUT} to leave out):`,
  platformTeam: () => `Platform team (@org/team; ${LEAVE_OUT} to leave out):`,
  appTeams: (answers) =>
    answers.kind === 'application'
      ? `Application team (@org/team; ${LEAVE_OUT} to leave out):`
      : `Tenant teams (@org/team, comma-separated; ${LEAVE_OUT} to leave out):`,
};

function text(value: string | readonly string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : ((value as string | undefined) ?? '');
}

/**
 * A plop instance whose generator `ADOPTION_GENERATOR` asks the answers in `keys`, each with
 * the inferred answer as its default (the team defaults follow the kind chosen), validating as
 * `init()` does. An empty answer or `none` leaves an optional answer out.
 */
export async function adoptionPrompts(
  root: string,
  adoption: Adoption,
  given: RawAnswers,
  keys: readonly AdoptionAnswerKey[],
  nameOption?: OptionNamer,
): Promise<NodePlopAPI> {
  const plop = await nodePlop(undefined, { destBasePath: root, force: false });
  const defaults = (answers: RawAnswers): RawAnswers => {
    const merged = { ...given, ...answers };
    const kind: RepositoryKind | undefined =
      merged.kind === 'application' || merged.kind === 'infrastructure' ? merged.kind : undefined;
    const inferred = inferredAnswers(adoption, kind === undefined ? {} : { kind });
    const raw: RawAnswers = {};
    for (const [key, answer] of Object.entries(inferred)) raw[key as AdoptionAnswerKey] = answer.value;
    return raw;
  };
  const questions: PromptQuestion[] = keys.map((key) => {
    const choices = CHOICES[key];
    const question: Record<string, unknown> = {
      name: key,
      message: (answers: RawAnswers) => MESSAGES[key]({ ...given, ...answers }),
      default: (answers: RawAnswers) => {
        const value = text(defaults(answers)[key]);
        return choices && value === '' ? (key === 'tool' ? 'flux' : choices[0]) : value;
      },
    };
    if (choices) {
      question.type = 'list';
      question.choices = choices.map((value) => ({ name: value, value }));
    } else {
      question.type = 'input';
      question.validate = (input: unknown, answers: RawAnswers = {}): string | true => {
        const value = String(input).trim();
        const optional = key !== 'name';
        if (optional && (value === '' || value === LEAVE_OUT)) return true;
        const merged = { ...given, ...answers };
        const kind = merged.kind === 'application' ? 'application' : 'infrastructure';
        const problem = checkAdoptionAnswer(key, value, kind);
        // The question names the answer already: the message goes without its leading option.
        return problem === undefined ? true : nameOptions(problem.replace(`${answerOption(key)} `, ''), nameOption);
      };
    }
    return question;
  });
  plop.setGenerator(ADOPTION_GENERATOR, {
    description: 'Correct the answers inferred from an existing repository',
    prompts: questions,
    actions: [],
  });
  return plop;
}
