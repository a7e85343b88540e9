import rule from '../../rules/codeowners-exists.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  platform: "@acme/platform"\n';
const gitlab = `${infra}host: gitlab\n`;
const github = `${infra}host: github\n`;
const owners = '* @acme/platform\n';

tester.run('codeowners-exists', rule, {
  valid: [
    { name: 'GitHub: .github/CODEOWNERS', files: { 'gitops.yaml': infra, '.github/CODEOWNERS': owners } },
    { name: 'GitHub: CODEOWNERS at the root', files: { 'gitops.yaml': infra, CODEOWNERS: owners } },
    { name: 'GitLab: .gitlab/CODEOWNERS', files: { 'gitops.yaml': gitlab, '.gitlab/CODEOWNERS': owners } },
    {
      name: 'GitLab, found from .gitlab-ci.yml when host is not set',
      files: { 'gitops.yaml': infra, '.gitlab-ci.yml': 'x: 1\n', '.gitlab/CODEOWNERS': owners },
    },
    { name: 'no descriptor: the rule does not run', files: { 'README.md': '# x\n' } },
    {
      name: 'no teams declared: nobody to own anything yet',
      files: { 'gitops.yaml': 'kind: application\ntool: helm\nname: shop\n' },
    },
  ],
  invalid: [
    {
      name: 'missing, named with the file to create',
      files: { 'gitops.yaml': infra },
      errors: [
        {
          messageId: 'missing',
          file: '.github/CODEOWNERS',
          data: {
            host: 'GitHub',
            locations: '.github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS',
            path: '.github/CODEOWNERS',
          },
        },
      ],
    },
    {
      name: 'a second file that GitHub ignores',
      files: { 'gitops.yaml': infra, '.github/CODEOWNERS': owners, CODEOWNERS: owners, 'docs/CODEOWNERS': owners },
      errors: [
        { messageId: 'shadowed', file: 'CODEOWNERS', data: { host: 'GitHub', active: '.github/CODEOWNERS' } },
        { messageId: 'shadowed', file: 'docs/CODEOWNERS', data: { host: 'GitHub', active: '.github/CODEOWNERS' } },
      ],
    },
    {
      name: 'GitLab reads the root before .gitlab/',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: owners, '.gitlab/CODEOWNERS': owners },
      errors: [{ messageId: 'shadowed', file: '.gitlab/CODEOWNERS', data: { host: 'GitLab', active: 'CODEOWNERS' } }],
    },
    {
      name: 'GitHub never reads .gitlab/CODEOWNERS',
      files: { 'gitops.yaml': github, '.gitlab/CODEOWNERS': owners },
      errors: [
        {
          messageId: 'foreignOnly',
          file: '.gitlab/CODEOWNERS',
          data: { host: 'GitHub', path: '.gitlab/CODEOWNERS', suggested: '.github/CODEOWNERS' },
        },
      ],
    },
    {
      name: 'GitLab never reads .github/CODEOWNERS',
      files: { 'gitops.yaml': gitlab, '.github/CODEOWNERS': owners, '.gitlab/CODEOWNERS': owners },
      errors: [
        {
          messageId: 'foreignUnused',
          file: '.github/CODEOWNERS',
          data: { host: 'GitLab', path: '.github/CODEOWNERS', active: '.gitlab/CODEOWNERS' },
        },
      ],
    },
    {
      name: 'too large for GitHub to load',
      files: {
        'gitops.yaml': infra,
        '.github/CODEOWNERS': `${'/a/very/long/path/that/repeats/ @acme/platform\n'.repeat(70_000)}`,
      },
      errors: [{ messageId: 'tooLarge', file: '.github/CODEOWNERS', data: { size: '3.1' } }],
    },
  ],
});
