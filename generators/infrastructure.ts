import type { ScaffoldGenerator } from '../src/scaffold/generator.js';
import type { TemplateModel } from '../src/scaffold/model.js';
import { SHARED_TEMPLATE_SETS, templateActions, wizardQuestions, type TemplateSet } from './shared.js';

/** The template sets of the repository kind, and when each applies. */
export const INFRASTRUCTURE_TEMPLATE_SETS: readonly TemplateSet[] = [
  ...SHARED_TEMPLATE_SETS,
  { folder: 'infrastructure/common', when: () => true },
  { folder: 'infrastructure/kustomize', when: (model) => model.tool !== 'helm' },
  { folder: 'infrastructure/argocd', when: (model) => model.tool === 'argocd' },
  { folder: 'infrastructure/flux', when: (model) => model.tool === 'flux' },
  { folder: 'infrastructure/helm', when: (model) => model.tool === 'helm' },
  // Several tenants: one release line per application, each team approving its own directory.
  { folder: 'infrastructure/release-lines', when: (model) => model.tenants.length > 1 },
];

/**
 * The infrastructure repository: cluster-wide configuration, security, network, storage,
 * monitoring and logging, owned by the platform team, with tenant onboarding for application teams.
 */
export const registerInfrastructure: ScaffoldGenerator = (plop, options) => {
  plop.setGenerator('infrastructure', {
    description: 'Infrastructure repository owned by the platform team',
    prompts: wizardQuestions(options.missing, options.given, options.defaults, options.nameOption),
    actions: (model) => templateActions(options.templatesRoot, INFRASTRUCTURE_TEMPLATE_SETS, model as TemplateModel),
  });
};
