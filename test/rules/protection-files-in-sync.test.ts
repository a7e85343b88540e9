import rule from '../../rules/protection-files-in-sync.js';
import { renderProtectionFiles } from '../../src/protection/files.js';
import { defaultPolicy } from '../../src/protection/policy.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const infra = 'kind: infrastructure\ntool: flux\nname: platform\n';
const withPolicy = `${infra}protection:\n  targets: [github-ruleset, settings]\n  branches:\n    main:\n      requiredApprovals: 2\n`;

// The policy above (the infrastructure defaults on main), as gitops-init renders it.
const { files } = renderProtectionFiles(
  [defaultPolicy('infrastructure', 'main')],
  ['github-ruleset', 'settings', 'gitlab'],
);
const rendered = (path: string): string => {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`not rendered: ${path}`);
  return file.render(undefined);
};
const ruleset = rendered('.github/rulesets/main-protection.json');
const settingsHead = '# safe-settings\nrepository:\n  name: platform # kept by the fix\n';
const settings = `${settingsHead}${rendered('.github/settings.yml')
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .join('\n')}`;

const rulesetValue = JSON.parse(ruleset) as { rules: { type: string; parameters?: Record<string, unknown> }[] };
const withApprovals = (count: number): string =>
  JSON.stringify({
    ...rulesetValue,
    rules: rulesetValue.rules.map((entry) =>
      entry.type === 'pull_request'
        ? { ...entry, parameters: { ...entry.parameters, required_approving_review_count: count } }
        : entry,
    ),
  });

tester.run('protection-files-in-sync', rule, {
  valid: [
    {
      name: 'the rendered files match the policy',
      files: {
        'gitops.yaml': withPolicy,
        '.github/rulesets/main-protection.json': ruleset,
        '.github/settings.yml': settings,
      },
    },
    {
      name: 'formatting and order never count',
      files: {
        'gitops.yaml': withPolicy,
        '.github/rulesets/main-protection.json': JSON.stringify({
          ...rulesetValue,
          rules: [...rulesetValue.rules].reverse(),
        }),
        '.github/settings.yml': settings,
      },
    },
    { name: 'no protection section and no files: nothing is required', files: { 'gitops.yaml': infra } },
    {
      name: 'a settings.yml without branches or rulesets is not a rendering of a target that is not configured',
      files: {
        'gitops.yaml': `${infra}protection:\n  targets: [github-ruleset]\n`,
        '.github/rulesets/main-protection.json': ruleset,
        '.github/settings.yml': 'repository:\n  name: platform\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a configured target without its file: --fix creates it',
      files: { 'gitops.yaml': withPolicy, '.github/settings.yml': settings },
      errors: [
        { messageId: 'missing', file: '.github/rulesets/main-protection.json', data: { target: 'github-ruleset' } },
      ],
      output: { '.github/rulesets/main-protection.json': ruleset },
    },
    {
      name: 'a ruleset edited by hand: the difference is named and --fix rewrites the file',
      files: {
        'gitops.yaml': withPolicy,
        '.github/rulesets/main-protection.json': withApprovals(1),
        '.github/settings.yml': settings,
      },
      errors: [
        {
          messageId: 'differs',
          file: '.github/rulesets/main-protection.json',
          line: 1,
          data: { differences: 'rules[pull_request].parameters.required_approving_review_count: file 1, policy 2' },
        },
      ],
      output: { '.github/rulesets/main-protection.json': ruleset },
    },
    {
      name: 'a rule the policy does not have',
      files: {
        'gitops.yaml': withPolicy,
        '.github/rulesets/main-protection.json': JSON.stringify({
          ...rulesetValue,
          rules: [...rulesetValue.rules, { type: 'creation' }],
        }),
        '.github/settings.yml': settings,
      },
      errors: [
        { messageId: 'differs', data: { differences: 'rules[creation]: file {"type":"creation"}, policy absent' } },
      ],
      output: { '.github/rulesets/main-protection.json': ruleset },
    },
    {
      name: 'settings.yml: only branches and rulesets are rewritten, the rest and its comments are kept',
      files: {
        'gitops.yaml': withPolicy,
        '.github/rulesets/main-protection.json': ruleset,
        '.github/settings.yml': `${settingsHead}branches:\n  - name: main\n    protection:\n      enforce_admins: false\n`,
      },
      errors: [{ messageId: 'differs', file: '.github/settings.yml' }],
      output: { '.github/settings.yml': settings },
    },
    {
      name: 'a file that is not JSON is reported and never rewritten',
      files: {
        'gitops.yaml': withPolicy,
        '.github/rulesets/main-protection.json': '{ "name": ',
        '.github/settings.yml': settings,
      },
      errors: [{ messageId: 'unreadable', file: '.github/rulesets/main-protection.json' }],
      output: { '.github/rulesets/main-protection.json': '{ "name": ' },
    },
    {
      name: 'GitLab: the three payloads',
      files: { 'gitops.yaml': `${infra}host: gitlab\nprotection: {}\n` },
      errors: [
        { messageId: 'missing', file: '.gitlab/approval-rules.json' },
        { messageId: 'missing', file: '.gitlab/merge-request-settings.json' },
        { messageId: 'missing', file: '.gitlab/protected-branches.json' },
      ],
      output: {
        '.gitlab/approval-rules.json': rendered('.gitlab/approval-rules.json'),
        '.gitlab/merge-request-settings.json': rendered('.gitlab/merge-request-settings.json'),
        '.gitlab/protected-branches.json': rendered('.gitlab/protected-branches.json'),
      },
    },
    {
      name: "settings.yml: the teams and collaborators of the access policy, safe-settings' form; --fix writes them",
      files: {
        'gitops.yaml': `${withPolicy}teams:\n  platform: "@acme/platform"\naccess:\n  collaborators:\n    "@auditor": pull\n`,
        '.github/rulesets/main-protection.json': ruleset,
        '.github/settings.yml': `${settings}teams:\n  - name: platform\n    permission: admin\n`,
      },
      errors: [
        {
          messageId: 'differs',
          file: '.github/settings.yml',
          data: {
            differences:
              'teams[platform].permission: file "admin", policy "maintain"; collaborators: file absent, policy [{"username":"auditor","permission":"pull"}]',
          },
        },
      ],
      output: {
        '.github/settings.yml': `${settings}teams:\n  - name: platform\n    permission: maintain\ncollaborators:\n  - username: auditor\n    permission: pull\n`,
      },
    },
    {
      name: 'without a protection section, an existing rendering is still checked against the defaults',
      files: { 'gitops.yaml': infra, '.github/rulesets/main-protection.json': withApprovals(5) },
      errors: [
        {
          messageId: 'differs',
          data: { differences: 'rules[pull_request].parameters.required_approving_review_count: file 5, policy 2' },
        },
      ],
    },
  ],
});
