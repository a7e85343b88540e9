import rule from '../../rules/protection-covers-codeowners.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const app = 'kind: application\ntool: argocd\nname: shop\n';
const noReview = `${app}protection:\n  branches:\n    main:\n      requireCodeOwnerReview: false\n`;

tester.run('protection-covers-codeowners', rule, {
  valid: [
    {
      name: 'the defaults require code owner review',
      files: { 'gitops.yaml': app, '.github/CODEOWNERS': '* @acme/shop\n' },
    },
    { name: 'no CODEOWNERS: there are no owners to require', files: { 'gitops.yaml': noReview } },
    {
      name: 'a CODEOWNERS without owners assigns none',
      files: { 'gitops.yaml': noReview, '.github/CODEOWNERS': '# owners come later\n' },
    },
    {
      name: 'GitLab: a required section',
      files: { 'gitops.yaml': `${app}host: gitlab\n`, '.gitlab/CODEOWNERS': '[Deploy] @acme/shop\n/deploy/\n' },
    },
    {
      name: 'GitLab: optional sections allowed by option',
      files: { 'gitops.yaml': `${app}host: gitlab\n`, '.gitlab/CODEOWNERS': '^[Docs] @acme/writers\n/docs/\n' },
      options: [{ allowOptionalSections: true }],
    },
  ],
  invalid: [
    {
      name: 'a branch without code owner review, reported at the field',
      files: { 'gitops.yaml': noReview, '.github/CODEOWNERS': '* @acme/shop\n/deploy/ @acme/platform\n' },
      errors: [
        {
          messageId: 'noCodeOwnerReview',
          file: 'gitops.yaml',
          line: 7,
          data: { codeowners: '.github/CODEOWNERS', branch: 'main' },
        },
      ],
    },
    {
      name: 'only the branches that lack it',
      files: {
        'gitops.yaml': `${app}protection:\n  branches:\n    main: {}\n    'release/*':\n      requireCodeOwnerReview: false\n`,
        CODEOWNERS: '* @acme/shop\n',
      },
      errors: [{ messageId: 'noCodeOwnerReview', line: 8, data: { codeowners: 'CODEOWNERS', branch: 'release/*' } }],
    },
    {
      name: 'GitLab: an optional section with owners',
      files: {
        'gitops.yaml': `${app}host: gitlab\n`,
        '.gitlab/CODEOWNERS': '[Deploy] @acme/shop\n/deploy/\n\n^[Monitoring] @acme/platform\n/monitoring/\n',
      },
      errors: [{ messageId: 'optionalSection', file: '.gitlab/CODEOWNERS', line: 4, data: { section: 'Monitoring' } }],
    },
  ],
});
