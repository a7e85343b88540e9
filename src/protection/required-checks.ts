import { valueAt } from '../manifests/objects.js';

/** A required status check named in a branch protection file, with where it is named. */
export interface RequiredCheck {
  context: string;
  /** Mapping keys and sequence indexes from the document's root to the check's name. */
  at: readonly (string | number)[];
}

/** The GitHub App id of GitHub Actions: a check pinned to another app is not produced by a workflow. */
export const GITHUB_ACTIONS_APP_ID = 15368;

export const RULESET_FILE = /^\.github\/rulesets\/[^/]+\.json$/;
export const SETTINGS_FILES = ['.github/settings.yml', '.github/settings.yaml'] as const;

/** Read from the document's plain data: its nodes are parsed only to point at a finding. */
function mapItem(value: unknown, key: string): unknown {
  return valueAt(value, [key]);
}

function scalarValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? undefined : value;
}

function sequenceItems(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `required_status_checks` entries: `{ context, integration_id? }` (rulesets and the newer protection API). */
function checkEntries(value: unknown, at: readonly (string | number)[], checks: RequiredCheck[]): void {
  sequenceItems(value).forEach((entry, index) => {
    const context = scalarValue(mapItem(entry, 'context'));
    const app = scalarValue(mapItem(entry, 'integration_id'));
    if (typeof context !== 'string' || (app !== undefined && app !== null && app !== GITHUB_ACTIONS_APP_ID)) return;
    checks.push({ context, at: [...at, index, 'context'] });
  });
}

/** Rulesets (the body of POST /repos/{owner}/{repo}/rulesets): required checks of every active or evaluated ruleset. */
function rulesetChecks(ruleset: unknown, at: readonly (string | number)[], checks: RequiredCheck[]): void {
  if (scalarValue(mapItem(ruleset, 'enforcement')) === 'disabled') return;
  sequenceItems(mapItem(ruleset, 'rules')).forEach((rule, index) => {
    if (scalarValue(mapItem(rule, 'type')) !== 'required_status_checks') return;
    checkEntries(
      mapItem(mapItem(rule, 'parameters'), 'required_status_checks'),
      [...at, 'rules', index, 'parameters', 'required_status_checks'],
      checks,
    );
  });
}

/** Required checks of a ruleset file (its plain data), as GitHub exports and imports rulesets (.github/rulesets/*.json). */
export function rulesetRequiredChecks(value: unknown): RequiredCheck[] {
  const checks: RequiredCheck[] = [];
  rulesetChecks(value, [], checks);
  return checks;
}

/**
 * Required checks of .github/settings.yml (safe-settings and the Settings app; its plain data):
 * the classic protection of each branch (`required_status_checks.contexts` and `.checks`) and
 * `rulesets`.
 */
export function settingsRequiredChecks(value: unknown): RequiredCheck[] {
  const checks: RequiredCheck[] = [];
  sequenceItems(mapItem(value, 'branches')).forEach((branch, index) => {
    const at = ['branches', index, 'protection', 'required_status_checks'];
    const required = mapItem(mapItem(branch, 'protection'), 'required_status_checks');
    sequenceItems(mapItem(required, 'contexts')).forEach((context, position) => {
      const name = scalarValue(context);
      if (typeof name === 'string') checks.push({ context: name, at: [...at, 'contexts', position] });
    });
    checkEntries(mapItem(required, 'checks'), [...at, 'checks'], checks);
  });
  sequenceItems(mapItem(value, 'rulesets')).forEach((ruleset, index) =>
    rulesetChecks(ruleset, ['rulesets', index], checks),
  );
  return checks;
}
