import type { NodePlopAPI } from 'node-plop';
import type { OptionNamer } from '../errors.js';
import type { AnswerKey, RawAnswers } from './answers.js';

/**
 * The contract between the scaffold engine and the generators: a generator registers one plop
 * generator (prompts plus actions) on the engine's plop instance, and renders its files through
 * the engine's render action. The engine never imports a generator; the API hands them to it.
 */

/** The custom plop action that renders a template into the scaffold's plan (see ./plop.ts). */
export const RENDER_ACTION = 'gitops-render';

export interface RenderActionConfig {
  type: typeof RENDER_ACTION;
  /** Repository-relative output path. */
  path: string;
  /** Absolute path of the Handlebars template. */
  templateFile: string;
  /** Values for this one file (the environment, tenant or component it is rendered for). */
  data: Record<string, unknown>;
  mode?: number;
  abortOnFail: true;
}

/** What every generator needs: where templates are, and the wizard's questions. */
export interface GeneratorOptions {
  templatesRoot: string;
  /** Answers the wizard still has to ask. */
  missing: readonly AnswerKey[];
  given: RawAnswers;
  defaults: (answers: RawAnswers) => Record<AnswerKey, string>;
  /**
   * How the wizard's validation messages name the other options they mention (`{{option:key}}`):
   * the CLI passes its flag names; by default the option key itself.
   */
  nameOption?: OptionNamer;
}

/** Registers one plop generator; `scaffold()` runs the one named after the repository kind. */
export type ScaffoldGenerator = (plop: NodePlopAPI, options: GeneratorOptions) => void;
