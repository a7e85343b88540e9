import path from 'node:path';
import { packageInfo } from '../package-info.js';
import type { AnswerKey, RawAnswers } from './answers.js';
import type { ResolvedAnswers } from './index.js';
import { createPlop } from './plop.js';

/**
 * Asks, through plop's prompts on the terminal, every answer that was not given. Only the CLI
 * calls this, and only on a terminal; the API never prompts.
 */
export async function runWizard(resolved: ResolvedAnswers): Promise<RawAnswers> {
  const templatesRoot = path.join(packageInfo().directory, 'templates');
  const given: RawAnswers = { ...resolved.given };
  if (resolved.missing.includes('kind')) {
    const { plop } = await createPlop(resolved.root, {
      templatesRoot,
      missing: ['kind'],
      given,
      defaults: resolved.defaults,
    });
    const chosen = (await plop.getGenerator('gitops-init').runPrompts()) as RawAnswers;
    given.kind = chosen.kind;
  }
  const kind = given.kind === 'application' ? 'application' : 'infrastructure';
  const missing = resolved.missing.filter((key): key is AnswerKey => key !== 'kind');
  const { plop } = await createPlop(resolved.root, { templatesRoot, missing, given, defaults: resolved.defaults });
  const answers = (await plop.getGenerator(kind).runPrompts()) as RawAnswers;
  return { ...given, ...answers };
}
