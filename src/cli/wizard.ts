import {
  KIND_GENERATOR,
  scaffoldPrompts,
  type AnswerKey,
  type RawAnswers,
  type ResolvedAnswers,
} from '../api/scaffold.js';
import { flagName } from './flags.js';

/**
 * Asks, through plop's prompts on the terminal, every answer that was not given. Only the CLI
 * calls this, and only on a terminal; the API never prompts.
 */
export async function runWizard(resolved: ResolvedAnswers): Promise<RawAnswers> {
  const given: RawAnswers = { ...resolved.given };
  if (resolved.missing.includes('kind')) {
    const plop = await scaffoldPrompts(resolved, { missing: ['kind'], given, nameOption: flagName });
    const chosen = (await plop.getGenerator(KIND_GENERATOR).runPrompts()) as RawAnswers;
    given.kind = chosen.kind;
  }
  const kind = given.kind === 'application' ? 'application' : 'infrastructure';
  // The nightly audit (--audit-org) is offered by flag and answers file only, never asked.
  const missing = resolved.missing.filter((key): key is AnswerKey => key !== 'kind' && key !== 'auditOrg');
  const plop = await scaffoldPrompts(resolved, { missing, given, nameOption: flagName });
  const answers = (await plop.getGenerator(kind).runPrompts()) as RawAnswers;
  return { ...given, ...answers };
}
