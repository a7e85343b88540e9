import rule from '../../rules/codeowners-in-sync.js';
import { BLOCK_BEGIN, BLOCK_END } from '../../src/codeowners/sync.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const descriptor = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: checkout',
  '      team: "@acme/checkout"',
  'ownership:',
  "  '*': platform",
  "  '/tenants/checkout/': [checkout, platform]",
  '',
].join('\n');
const note =
  '# Generated from the ownership map in gitops.yaml: edit it there, then run `gitops-init codeowners sync`.';
const block = [
  BLOCK_BEGIN,
  note,
  '*                  @acme/platform',
  '/tenants/checkout/ @acme/checkout @acme/platform',
  BLOCK_END,
  '',
].join('\n');

tester.run('codeowners-in-sync', rule, {
  valid: [
    { name: 'the block matches the map', files: { 'gitops.yaml': descriptor, '.github/CODEOWNERS': block } },
    {
      name: 'hand-written lines around the block are kept as they are',
      files: { 'gitops.yaml': descriptor, '.github/CODEOWNERS': `# top\n${block}\n/legacy/ @acme/legacy\n` },
    },
    {
      name: 'no ownership map: CODEOWNERS is hand-written',
      files: { 'gitops.yaml': 'kind: infrastructure\ntool: flux\nname: platform\n', CODEOWNERS: '* @x\n' },
    },
  ],
  invalid: [
    {
      name: 'no CODEOWNERS yet: --fix creates it where the scaffolder would',
      files: { 'gitops.yaml': descriptor },
      errors: [{ messageId: 'missingBlock', file: '.github/CODEOWNERS' }],
      output: { '.github/CODEOWNERS': block },
    },
    {
      name: 'GitLab: .gitlab/CODEOWNERS',
      files: { 'gitops.yaml': `${descriptor}host: gitlab\n` },
      errors: [{ messageId: 'missingBlock', file: '.gitlab/CODEOWNERS' }],
      output: { '.gitlab/CODEOWNERS': block },
    },
    {
      name: 'a hand-written file without the block: it goes on top, the rest is kept',
      files: { 'gitops.yaml': descriptor, CODEOWNERS: '/legacy/ @acme/legacy\n' },
      errors: [{ messageId: 'missingBlock', file: 'CODEOWNERS', line: 1 }],
      output: { CODEOWNERS: `${block}\n/legacy/ @acme/legacy\n` },
    },
    {
      name: 'a block edited by hand, in the middle of the file',
      files: {
        'gitops.yaml': descriptor,
        '.github/CODEOWNERS': `/first/ @x\n${BLOCK_BEGIN}\n* @someone-else\n${BLOCK_END}\n/last/ @y\n`,
      },
      errors: [{ messageId: 'drift', file: '.github/CODEOWNERS', line: 2 }],
      output: { '.github/CODEOWNERS': `/first/ @x\n${block}/last/ @y\n` },
    },
    {
      name: 'broken markers are never guessed at',
      files: { 'gitops.yaml': descriptor, '.github/CODEOWNERS': `${BLOCK_BEGIN}\n* @acme/platform\n` },
      errors: [{ messageId: 'brokenMarkers', line: 1, data: { reason: `no "${BLOCK_END}" line after line 1` } }],
      output: { '.github/CODEOWNERS': `${BLOCK_BEGIN}\n* @acme/platform\n` },
    },
    {
      name: 'an owner that is neither a handle nor a declared team, at its place in gitops.yaml',
      files: { 'gitops.yaml': `${descriptor}  '/payments/': payments\n`, '.github/CODEOWNERS': block },
      errors: [
        {
          messageId: 'unknownTeam',
          file: 'gitops.yaml',
          line: 12,
          column: 17,
          data: { name: 'payments', pattern: '/payments/' },
        },
      ],
    },
  ],
});
