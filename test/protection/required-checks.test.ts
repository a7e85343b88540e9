import { describe, expect, it } from 'vitest';
import { parseDocument, parse, isScalar } from 'yaml';
import { nodeAt } from '../../src/manifests/objects.js';
import {
  GITHUB_ACTIONS_APP_ID,
  RULESET_FILE,
  rulesetRequiredChecks,
  SETTINGS_FILES,
  settingsRequiredChecks,
} from '../../src/protection/required-checks.js';

/** Each check's context, and the scalar its `at` path leads to in the parsed document. */
function located(text: string, read: (value: unknown) => { context: string; at: readonly (string | number)[] }[]) {
  const document = parseDocument(text);
  return read(parse(text)).map((check) => {
    const node = nodeAt(document.contents, check.at);
    return { context: check.context, at: isScalar(node) ? node.value : undefined };
  });
}

const RULESET = JSON.stringify(
  {
    name: 'main',
    enforcement: 'active',
    rules: [
      { type: 'deletion' },
      {
        type: 'required_status_checks',
        parameters: {
          required_status_checks: [
            { context: 'gitops-lint' },
            { context: 'actions', integration_id: GITHUB_ACTIONS_APP_ID },
            { context: 'null app', integration_id: null },
            { context: 'external ci', integration_id: 999 },
            { integration_id: GITHUB_ACTIONS_APP_ID },
            { context: 42 },
          ],
        },
      },
      { type: 'required_status_checks', parameters: { required_status_checks: [{ context: 'second rule' }] } },
    ],
  },
  null,
  2,
);

describe('rulesetRequiredChecks', () => {
  it('lists the checks of every required_status_checks rule, with a path to each name', () => {
    expect(rulesetRequiredChecks(JSON.parse(RULESET))).toEqual([
      { context: 'gitops-lint', at: ['rules', 1, 'parameters', 'required_status_checks', 0, 'context'] },
      { context: 'actions', at: ['rules', 1, 'parameters', 'required_status_checks', 1, 'context'] },
      { context: 'null app', at: ['rules', 1, 'parameters', 'required_status_checks', 2, 'context'] },
      { context: 'second rule', at: ['rules', 2, 'parameters', 'required_status_checks', 0, 'context'] },
    ]);
  });

  it('gives paths that lead to the name in the file', () => {
    expect(located(RULESET, rulesetRequiredChecks)).toEqual([
      { context: 'gitops-lint', at: 'gitops-lint' },
      { context: 'actions', at: 'actions' },
      { context: 'null app', at: 'null app' },
      { context: 'second rule', at: 'second rule' },
    ]);
  });

  it('counts an evaluate ruleset, not a disabled one', () => {
    const ruleset = JSON.parse(RULESET) as Record<string, unknown>;
    expect(rulesetRequiredChecks({ ...ruleset, enforcement: 'evaluate' })).toHaveLength(4);
    expect(rulesetRequiredChecks({ ...ruleset, enforcement: 'disabled' })).toEqual([]);
  });

  it('reads nothing from shapes it does not know', () => {
    for (const value of [
      null,
      'text',
      [],
      { rules: 'x' },
      { rules: [null, 'x', { type: 'required_status_checks' }] },
    ]) {
      expect(rulesetRequiredChecks(value)).toEqual([]);
    }
    expect(
      rulesetRequiredChecks({
        rules: [{ type: 'required_status_checks', parameters: { required_status_checks: {} } }],
      }),
    ).toEqual([]);
  });
});

const SETTINGS = `branches:
  - name: main
    protection:
      required_status_checks:
        strict: true
        contexts: [gitops-lint, 7, build]
        checks:
          - context: from checks
          - context: other app
            app_id: 1
            integration_id: 5
  - name: develop
    protection: null
  - name: release
    protection:
      required_status_checks:
        contexts:
          - release-check
rulesets:
  - name: all
    enforcement: active
    rules:
      - type: required_status_checks
        parameters:
          required_status_checks:
            - context: ruleset check
  - name: off
    enforcement: disabled
    rules:
      - type: required_status_checks
        parameters:
          required_status_checks:
            - context: disabled check
`;

describe('settingsRequiredChecks', () => {
  it('lists the classic contexts and checks of each branch, then the checks of active rulesets', () => {
    expect(settingsRequiredChecks(parse(SETTINGS))).toEqual([
      { context: 'gitops-lint', at: ['branches', 0, 'protection', 'required_status_checks', 'contexts', 0] },
      { context: 'build', at: ['branches', 0, 'protection', 'required_status_checks', 'contexts', 2] },
      { context: 'from checks', at: ['branches', 0, 'protection', 'required_status_checks', 'checks', 0, 'context'] },
      { context: 'release-check', at: ['branches', 2, 'protection', 'required_status_checks', 'contexts', 0] },
      {
        context: 'ruleset check',
        at: ['rulesets', 0, 'rules', 0, 'parameters', 'required_status_checks', 0, 'context'],
      },
    ]);
  });

  it('gives paths that lead to the name in the file', () => {
    expect(located(SETTINGS, settingsRequiredChecks).every((check) => check.context === check.at)).toBe(true);
  });

  it('reads nothing from an empty or unknown settings file', () => {
    expect(settingsRequiredChecks(parse(''))).toEqual([]);
    expect(settingsRequiredChecks(parse('repository: { name: x }'))).toEqual([]);
    expect(settingsRequiredChecks(parse('branches: { main: {} }'))).toEqual([]);
  });
});

describe('file names', () => {
  it('recognize ruleset exports and the settings files', () => {
    expect(RULESET_FILE.test('.github/rulesets/main.json')).toBe(true);
    expect(RULESET_FILE.test('.github/rulesets/nested/main.json')).toBe(false);
    expect(RULESET_FILE.test('.github/rulesets/main.yaml')).toBe(false);
    expect(RULESET_FILE.test('x/.github/rulesets/main.json')).toBe(false);
    expect([...SETTINGS_FILES]).toEqual(['.github/settings.yml', '.github/settings.yaml']);
  });
});
