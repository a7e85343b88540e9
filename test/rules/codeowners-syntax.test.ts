import rule from '../../rules/codeowners-syntax.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const github = 'kind: infrastructure\ntool: flux\nname: platform\nhost: github\n';
const gitlab = 'kind: infrastructure\ntool: flux\nname: platform\nhost: gitlab\n';

tester.run('codeowners-syntax', rule, {
  valid: [
    {
      name: "GitHub's own syntax, with an inline comment, e-mail owners and literal brackets",
      files: {
        'gitops.yaml': github,
        '.github/CODEOWNERS':
          '# owners\n* @acme/platform # everyone else\n*.go docs@example.com\n/app/[id]/ @acme/web\n',
      },
    },
    {
      name: "GitLab's sections, defaults, exclusions and roles",
      files: {
        'gitops.yaml': gitlab,
        '.gitlab/CODEOWNERS':
          '* @acme/platform\n!package-lock.json\n\n[Docs][2] @acme/docs\ndocs/\n^[Ops]\n/deploy/ @@maintainer\n',
      },
    },
    {
      name: 'a GitHub line without owners, allowed',
      files: { 'gitops.yaml': github, '.github/CODEOWNERS': '* @acme/platform\n/vendor/\n' },
      options: [{ allowOwnerless: true }],
    },
    {
      name: 'a per-file rule: linting other files does not look at CODEOWNERS',
      files: { 'gitops.yaml': github, '.github/CODEOWNERS': '!x @a\n', 'README.md': '# r\n' },
      paths: ['README.md'],
    },
    { name: 'no CODEOWNERS: nothing to check', files: { 'gitops.yaml': github } },
  ],
  invalid: [
    {
      name: 'a NUL byte: binary, not a CODEOWNERS file the rules can read',
      files: { 'gitops.yaml': github, '.github/CODEOWNERS': Buffer.from('* @acme/platform\n\0\n') },
      errors: [
        {
          messageId: 'unreadable',
          file: '.github/CODEOWNERS',
          line: 1,
          data: { detail: 'it is a binary file, not text' },
        },
      ],
    },
    {
      name: 'invalid UTF-8',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: Buffer.from([0x2a, 0x20, 0x40, 0xe9, 0x0a]) },
      errors: [{ messageId: 'unreadable', file: 'CODEOWNERS', line: 1 }],
    },
    {
      name: 'GitHub: negation, an escaped "#", a malformed owner and a line without owners',
      files: {
        'gitops.yaml': github,
        '.github/CODEOWNERS': '* @acme/platform\n!docs/ @acme/docs\n\\#notes @x\n*.md acme/docs\n/vendor/\n',
      },
      errors: [
        { messageId: 'negation', line: 2, column: 1, data: { pattern: '!docs/' } },
        { messageId: 'escapedHash', line: 3, column: 1 },
        { messageId: 'invalidOwner', line: 4, column: 6, data: { owner: 'acme/docs' } },
        { messageId: 'noOwners', line: 5, column: 1, data: { pattern: '/vendor/' } },
      ],
    },
    {
      name: "GitHub: GitLab's section syntax",
      files: { 'gitops.yaml': github, CODEOWNERS: '* @acme/platform\n[Docs] @acme/docs\n' },
      errors: [{ messageId: 'sectionHeader', file: 'CODEOWNERS', line: 2, data: { pattern: '[Docs]' } }],
    },
    {
      name: 'GitLab: ignored words, a "#" comment that is not one, an owner-less line and a broken header',
      files: {
        'gitops.yaml': gitlab,
        '.gitlab/CODEOWNERS': '* @acme/platform janedoe\n/x/ @a # @b\ndocs/\n[Docs\n^[Ops][2]\n',
      },
      errors: [
        { messageId: 'ignoredOwnerText', line: 1, column: 18, data: { text: 'janedoe', pattern: '*' } },
        { messageId: 'inlineComment', line: 2, column: 8 },
        { messageId: 'missingOwner', line: 3, data: { pattern: 'docs/' } },
        { messageId: 'invalidSection', line: 4, data: { text: '[Docs' } },
        { messageId: 'optionalWithApprovals', line: 5, data: { name: 'Ops' } },
      ],
    },
    {
      name: 'GitLab: a pattern that starts with a bracket is a section header',
      files: { 'gitops.yaml': gitlab, '.gitlab/CODEOWNERS': '* @acme/platform\n[id]/page.tsx @acme/web\n' },
      errors: [{ messageId: 'patternReadAsSection', line: 2, data: { text: '[id]/page.tsx @acme/web', name: 'id' } }],
    },
    {
      name: 'GitLab: no owner at all in the owner text',
      files: { 'gitops.yaml': gitlab, CODEOWNERS: '* platform-team\n' },
      errors: [{ messageId: 'invalidOwnerGitlab', line: 1, column: 3, data: { owner: 'platform-team' } }],
    },
  ],
});
