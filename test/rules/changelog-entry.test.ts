import rule from '../../rules/changelog-entry.js';
import { RuleTester } from '../../src/testing/index.js';

const tester = new RuleTester();
const app = 'kind: application\ntool: flux\nname: shop\n';
const good =
  '# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-11-26\n\n### Added\n\n- x\n\n## [1.0.0] - 2026-01-31\n';

tester.run('changelog-entry', rule, {
  valid: [
    { name: 'current version has a section', files: { 'gitops.yaml': app, VERSION: '1.1.0\n', 'CHANGELOG.md': good } },
    { name: 'no changelog: nothing to check here', files: { 'gitops.yaml': app, VERSION: '1.1.0\n' } },
    {
      name: 'pre-release sections',
      files: { 'gitops.yaml': app, VERSION: '2.0.0-rc.1\n', 'CHANGELOG.md': '## [2.0.0-rc.1] - 2026-02-28\n' },
    },
    {
      name: 'other file',
      files: { 'gitops.yaml': app, VERSION: '1.0.0\n', 'docs/HISTORY.md': '## [1.0.0] - 2026-02-28\n' },
      options: [{ file: 'docs/HISTORY.md' }],
    },
    {
      // release-please and conventional-changelog write the version as a link, the date in parentheses.
      name: "the current version's section as release tools write it",
      files: {
        'gitops.yaml': app,
        VERSION: '1.3.0\n',
        'CHANGELOG.md':
          '# Changelog\n\n## [1.3.0](https://github.com/acme/shop/compare/v1.2.0...v1.3.0) (2026-11-26)\n\n### Features\n\n* checkout ([#12](https://github.com/acme/shop/issues/12))\n\n### [1.2.1](https://github.com/acme/shop/compare/v1.2.0...v1.2.1) (2026-10-02)\n',
      },
    },
    {
      name: 'a patch section as release tools write it, and a v before the version',
      files: {
        'gitops.yaml': app,
        VERSION: '1.2.1\n',
        'CHANGELOG.md':
          '# Changelog\n\n## [1.3.0](https://github.com/acme/shop/compare/v1.2.0...v1.3.0) (2026-11-26)\n\n### Features\n\n* checkout ([#12](https://github.com/acme/shop/issues/12))\n\n### [1.2.1](https://github.com/acme/shop/compare/v1.2.0...v1.2.1) (2026-10-02)\n' +
          '\n## v1.2.0 (2026-09-01)\n',
      },
    },
    {
      // A project that has not adopted gitops-init keeps its changelog its own way (here
      // `## v2.4.8 (2022-07-29)`, without the current version's section): nothing to report.
      name: 'without a kind the rule does not run',
      files: {
        VERSION: '3.6.0\n',
        'CHANGELOG.md': '# Changelog\n\n## v2.4.8 (2022-07-29)\n\n- fix: a fix\n\n## [2.4] - 29/07/2022\n',
      },
    },
  ],
  invalid: [
    {
      name: "in the release tools' form, the current version is not a newer or a pre-release section",
      files: {
        'gitops.yaml': app,
        VERSION: '1.2.0\n',
        'CHANGELOG.md':
          '## [11.2.0](https://x.test/compare/v1.2.0...v11.2.0) (2026-11-26)\n\n## [1.2.0-rc.1](https://x.test) (2026-10-01)\n',
      },
      errors: [{ messageId: 'missingSection', data: { file: 'CHANGELOG.md', version: '1.2.0' } }],
    },
    {
      name: 'no section for the current version',
      files: { 'gitops.yaml': app, VERSION: '1.2.0\n', 'CHANGELOG.md': good },
      errors: [
        {
          messageId: 'missingSection',
          file: 'CHANGELOG.md',
          line: 1,
          data: { file: 'CHANGELOG.md', version: '1.2.0' },
        },
      ],
    },
    {
      name: 'bad dates, versions and duplicates',
      files: {
        'gitops.yaml': app,
        VERSION: '1.0.0\n',
        'CHANGELOG.md':
          '## [1.0.0] - 2026-02-30\n\n## [0.9] - 2026-01-01\n\n## [0.8.0]\n\n## [0.7.0] - 2026-01-01\n\n## [0.7.0] - 2026-01-01\n',
      },
      errors: [
        { messageId: 'badDate', line: 1, data: { title: '1.0.0', date: '2026-02-30' } },
        { messageId: 'badVersion', line: 3 },
        { messageId: 'missingDate', line: 5 },
        { messageId: 'duplicate', line: 9 },
      ],
    },
  ],
});
