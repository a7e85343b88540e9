import type { ScaffoldGenerator } from '../src/scaffold/generator.js';
import type { TemplateModel } from '../src/scaffold/model.js';
import { SHARED_TEMPLATE_SETS, templateActions, wizardQuestions, type TemplateSet } from './shared.js';

/** The template sets of the repository kind, and when each applies. */
export const APPLICATION_TEMPLATE_SETS: readonly TemplateSet[] = [
  ...SHARED_TEMPLATE_SETS,
  { folder: 'application/kustomize', when: (model) => model.tool !== 'helm' },
  { folder: 'application/argocd', when: (model) => model.tool === 'argocd' },
  { folder: 'application/flux', when: (model) => model.tool === 'flux' },
  { folder: 'application/helm', when: (model) => model.tool === 'helm' },
];

/**
 * The application repository: deployments, environment variables, resources, services and the
 * application's secrets (never in plain text), owned by its team.
 */
export const registerApplication: ScaffoldGenerator = (plop, options) => {
  plop.setGenerator('application', {
    description: 'Application repository owned by its team',
    prompts: wizardQuestions(options.missing, options.given, options.defaults, options.nameOption),
    actions: (model) => templateActions(options.templatesRoot, APPLICATION_TEMPLATE_SETS, model as TemplateModel),
  });
};
